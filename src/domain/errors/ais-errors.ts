import { rejection, type ErrorSpec } from './error-spec.js';

/**
 * Rejections of the AIS NMEA 0183 decoder (format `ais-nmea`, docs/ais.md). The text is also the message of the
 * rejection the decoder reports.
 */
const ais = rejection('Invalid AIS sentence');

export const AIS_ERRORS = {
  PCS_AIS_NOT_NMEA: ais('The line holds no NMEA sentence (no "!" or "$" start, or no "*hh" checksum)'),
  PCS_AIS_BAD_CHECKSUM: ais('The NMEA checksum does not match the XOR of the sentence (IEC 61162-1 §7.2.3)'),
  PCS_AIS_MALFORMED_SENTENCE: ais(
    'A VDM/VDO sentence without 7 fields, or with a bad fragment count, number, sequence id or fill bits',
  ),
  PCS_AIS_BAD_PAYLOAD: ais('The payload holds a character outside the 6-bit armouring alphabet'),
  PCS_AIS_EMPTY_PAYLOAD: ais('The sentence carries an empty payload'),
  PCS_AIS_PAYLOAD_TOO_SHORT: ais('The payload is shorter than its message type requires (ITU-R M.1371-5)'),
  PCS_AIS_UNKNOWN_TYPE: ais('The message type is 0 or above 27 (ITU-R M.1371-5 Table 44 has 1-27)'),
  PCS_AIS_BAD_PART_NUMBER: ais('A type 24 message has part number 2 or 3 (only A = 0 and B = 1 exist)'),
  PCS_AIS_FRAGMENT_OUT_OF_ORDER: ais(
    'A fragment of a multi-sentence message arrived without its predecessors (it and the partial message are dropped)',
  ),
  PCS_AIS_INCOMPLETE_MESSAGE: ais(
    'A multi-sentence message never received all its fragments (timed out, evicted or end of input)',
  ),
  PCS_AIS_PAYLOAD_TOO_LONG: ais(
    'A reassembled payload is longer than 1024 armoured characters (6144 bits; M.1371-5 messages stay below 1008)',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type AisErrorCode = keyof typeof AIS_ERRORS;
