import { rejection, type ErrorSpec } from './error-spec.js';

/**
 * Rejections of the UN/EDIFACT parsers (docs/formats-x12-edifact.md). `line` on a rejection is the 1-based segment
 * ordinal in the file.
 */
const edifact = rejection('Invalid EDIFACT interchange');

export const EDIFACT_ERRORS = {
  PCS_EDIFACT_EMPTY: edifact('The message has no bytes (or only whitespace).'),
  PCS_EDIFACT_UNA_MALFORMED: edifact('UNA service string advice is shorter than its 6 characters.'),
  PCS_EDIFACT_UNB_MISSING: edifact('Segments found outside a UNB/UNZ interchange.'),
  PCS_EDIFACT_UNZ_MISSING: edifact('Interchange ended without a UNZ trailer.'),
  PCS_EDIFACT_UNZ_CONTROL_MISMATCH: edifact('UNZ interchange control reference (0020) differs from UNB.'),
  PCS_EDIFACT_UNZ_COUNT_MISMATCH: edifact('UNZ interchange control count (0036) differs from the messages received.'),
  PCS_EDIFACT_UNH_MISSING: edifact('Segment found inside an interchange but outside a UNH/UNT message.'),
  PCS_EDIFACT_UNT_MISSING: edifact('Message ended without a UNT trailer; the message is rejected.'),
  PCS_EDIFACT_UNT_CONTROL_MISMATCH: edifact('UNT message reference (0062) differs from UNH; the message is rejected.'),
  PCS_EDIFACT_UNT_COUNT_MISMATCH: edifact(
    'UNT segment count (0074, UNH to UNT inclusive) is wrong; the message is rejected.',
  ),
  PCS_EDIFACT_UNEXPECTED_MESSAGE_TYPE: edifact('Message type (UNH 0065) is not the one this parser reads.'),
  PCS_EDIFACT_NO_MESSAGES: edifact('The message is well-formed but holds no UNH/UNT message to read.'),
  PCS_EDIFACT_UNKNOWN_DOCUMENT: edifact('BGM document name code (1001) is not one this message type defines.'),
  PCS_EDIFACT_MISSING_SEGMENT: edifact('A segment the message requires (BGM, EQD, STS, DTM) is missing.'),
  PCS_EDIFACT_MISSING_ELEMENT: edifact('A required element (equipment id, status code) is empty.'),
  PCS_EDIFACT_BAD_DATETIME: edifact('DTM value does not match its format qualifier (2379: 102, 203, 204...).'),
  PCS_EDIFACT_BAD_TIMEZONE: edifact('The sender time zone configured for this source is not a known IANA zone.'),
  PCS_EDIFACT_UNSUPPORTED_STATUS: edifact('Status code has no canonical (DCSA or openpcs) event mapping.'),
  PCS_EDIFACT_NO_EVENTS: edifact(
    'The message is valid but none of its contents map to an event (e.g. no container for this port).',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type EdifactErrorCode = keyof typeof EDIFACT_ERRORS;
