import { rejection, type ErrorSpec } from './error-spec.js';

/**
 * Rejections of the ANSI X12 parsers (`x12-315`, `x12-322`; docs/formats-x12-edifact.md). `line` on a rejection is
 * the 1-based segment ordinal in the file.
 */
const x12 = rejection('Invalid X12 interchange');

export const X12_ERRORS = {
  PCS_X12_EMPTY: x12('The message has no bytes (or only whitespace).'),
  PCS_X12_NO_ISA: x12('Data found where an ISA interchange header was expected; skipped up to the next ISA.'),
  PCS_X12_ISA_MALFORMED: x12('ISA header does not have 16 elements followed by a segment terminator.'),
  PCS_X12_ISA_LENGTH: x12(
    'ISA is not 106 characters: an element is not its fixed width (X12.5); the interchange is rejected (TA1 note code of the element).',
  ),
  PCS_X12_IEA_MISSING: x12('Interchange ended (end of data or next ISA) without an IEA trailer.'),
  PCS_X12_IEA_CONTROL_MISMATCH: x12('IEA02 interchange control number differs from ISA13.'),
  PCS_X12_IEA_COUNT_MISMATCH: x12('IEA01 number of functional groups differs from the groups received.'),
  PCS_X12_GS_MISSING: x12('Segment found inside an interchange but outside a GS/GE functional group.'),
  PCS_X12_GE_MISSING: x12('Functional group ended without a GE trailer.'),
  PCS_X12_GE_CONTROL_MISMATCH: x12('GE02 group control number differs from GS06.'),
  PCS_X12_GE_COUNT_MISMATCH: x12('GE01 number of transaction sets differs from the transaction sets received.'),
  PCS_X12_ST_MISSING: x12('Segment found inside a functional group but outside an ST/SE transaction set.'),
  PCS_X12_SE_MISSING: x12('Transaction set ended without an SE trailer.'),
  PCS_X12_SE_CONTROL_MISMATCH: x12('SE02 control number differs from ST02.'),
  PCS_X12_SE_COUNT_MISMATCH: x12('SE01 segment count (ST to SE inclusive) is wrong.'),
  PCS_X12_INTERCHANGE_REJECTED: x12(
    'The interchange has envelope errors (ISA width, IEA/GE/SE counts or control numbers): none of its transaction sets is applied.',
  ),
  PCS_X12_NO_TRANSACTION_SETS: x12('The message is well-formed but holds no transaction set to read.'),
  PCS_X12_UNEXPECTED_TRANSACTION_SET: x12('Transaction set type (ST01) is not the one this parser reads.'),
  PCS_X12_MISSING_SEGMENT: x12('A segment the transaction set requires (B4, Q5, N7) is missing.'),
  PCS_X12_MISSING_ELEMENT: x12('A required element (status code, date, equipment number) is empty.'),
  PCS_X12_BAD_DATETIME: x12('Date (CCYYMMDD) or time (HHMM[SS]) is not a valid calendar date-time.'),
  PCS_X12_BAD_TIMEZONE: x12('The sender time zone configured for this source is not a known IANA zone.'),
  PCS_X12_UNSUPPORTED_STATUS: x12('Shipment status code has no canonical (DCSA or openpcs) event mapping.'),
} as const satisfies Record<string, ErrorSpec>;

export type X12ErrorCode = keyof typeof X12_ERRORS;
