/**
 * Error catalogue for the DCSA Track & Trace 2.2 parser (STYLE §4). Codes are stable: retire, never reuse.
 * All are bad input (HTTP 422). Invalid identifiers inside an event (container number, IMO number,
 * UN/LOCODE, SMDG terminal code, SCAC) are rejected with the identifier's own `PCS_ID_*` code
 * (src/domain/identifiers/identifier-errors.ts). Documented in docs/formats-dcsa-csv.md.
 */
export const DCSA_ERRORS = {
  PCS_DCSA_NOT_JSON: 'The body is not UTF-8 JSON.',
  PCS_DCSA_NOT_EVENTS:
    'The JSON is neither an event object nor an array of event objects (GET /v2/events response or subscription callback body).',
  PCS_DCSA_NOT_AN_EVENT: 'An element of the event array is not a JSON object.',
  PCS_DCSA_UNKNOWN_EVENT_TYPE: 'eventType is missing or not EQUIPMENT, TRANSPORT or SHIPMENT.',
  PCS_DCSA_SCHEMA:
    'A field violates the DCSA T&T 2.2 schema: required field missing, wrong JSON type, value outside its enum or longer than its maxLength.',
  PCS_DCSA_BAD_DATETIME: 'eventDateTime or eventCreatedDateTime is not an ISO 8601 date-time.',
  PCS_DCSA_DUPLICATE_EVENT_ID:
    'The same eventID appears twice in one message with different content; the later one is rejected (the store would keep only the first).',
} as const satisfies Record<string, string>;

export type DcsaErrorCode = keyof typeof DCSA_ERRORS;

/** HTTP status for every DCSA error code: bad input. */
export const DCSA_ERROR_HTTP_STATUS = 422;
