import { rejection, type ErrorSpec } from './error-spec.js';

/**
 * Rejections of the DCSA Track & Trace 2.2 event parser (docs/formats-dcsa-csv.md). Invalid identifiers inside an
 * event are rejected with the identifier's own `PCS_ID_*` code (identifier-errors.ts).
 */
const dcsa = rejection('Invalid DCSA event');

export const DCSA_MESSAGE_ERRORS = {
  PCS_DCSA_NOT_JSON: dcsa('The body is not UTF-8 JSON.'),
  PCS_DCSA_NOT_EVENTS: dcsa(
    'The JSON is neither an event object nor an array of event objects (GET /v2/events response or subscription callback body).',
  ),
  PCS_DCSA_NOT_AN_EVENT: dcsa('An element of the event array is not a JSON object.'),
  PCS_DCSA_UNKNOWN_EVENT_TYPE: dcsa('eventType is missing or not EQUIPMENT, TRANSPORT or SHIPMENT.'),
  PCS_DCSA_SCHEMA: dcsa(
    'A field violates the DCSA T&T 2.2 schema: required field missing, wrong JSON type, value outside its enum or longer than its maxLength.',
  ),
  PCS_DCSA_BAD_DATETIME: dcsa('eventDateTime or eventCreatedDateTime is not an ISO 8601 date-time.'),
  PCS_DCSA_DUPLICATE_EVENT_ID: dcsa(
    'The same eventID appears twice in one message with different content; the later one is rejected (the store would keep only the first).',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type DcsaErrorCode = keyof typeof DCSA_MESSAGE_ERRORS;
