/**
 * Stable error codes of the AIS NMEA 0183 decoder (format `ais-nmea`). Codes are retired, never reused;
 * every one is bad input (HTTP 422). `docs/ais.md` lists the same codes (checked by test/ais/ais-errors.test.ts).
 */
export const AIS_ERRORS = {
  PCS_AIS_NOT_NMEA: {
    status: 422,
    title: 'The line holds no NMEA sentence (no "!" or "$" start, or no "*hh" checksum)',
  },
  PCS_AIS_BAD_CHECKSUM: {
    status: 422,
    title: 'The NMEA checksum does not match the XOR of the sentence (IEC 61162-1 §7.2.3)',
  },
  PCS_AIS_MALFORMED_SENTENCE: {
    status: 422,
    title: 'A VDM/VDO sentence without 7 fields, or with a bad fragment count, number, sequence id or fill bits',
  },
  PCS_AIS_BAD_PAYLOAD: { status: 422, title: 'The payload holds a character outside the 6-bit armouring alphabet' },
  PCS_AIS_EMPTY_PAYLOAD: { status: 422, title: 'The sentence carries an empty payload' },
  PCS_AIS_PAYLOAD_TOO_SHORT: {
    status: 422,
    title: 'The payload is shorter than its message type requires (ITU-R M.1371-5)',
  },
  PCS_AIS_UNKNOWN_TYPE: { status: 422, title: 'The message type is 0 or above 27 (ITU-R M.1371-5 Table 44 has 1-27)' },
  PCS_AIS_BAD_PART_NUMBER: {
    status: 422,
    title: 'A type 24 message has part number 2 or 3 (only A = 0 and B = 1 exist)',
  },
  PCS_AIS_FRAGMENT_OUT_OF_ORDER: {
    status: 422,
    title:
      'A fragment of a multi-sentence message arrived without its predecessors (it and the partial message are dropped)',
  },
  PCS_AIS_INCOMPLETE_MESSAGE: {
    status: 422,
    title: 'A multi-sentence message never received all its fragments (timed out, evicted or end of input)',
  },
  PCS_AIS_PAYLOAD_TOO_LONG: {
    status: 422,
    title:
      'A reassembled payload is longer than 1024 armoured characters (6144 bits; M.1371-5 messages stay below 1008)',
  },
} as const;

export type AisErrorCode = keyof typeof AIS_ERRORS;
