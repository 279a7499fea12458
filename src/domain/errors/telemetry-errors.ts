import { rejection, type ErrorSpec } from './error-spec.js';

/**
 * Rejections of the equipment telemetry parser (`equipment-telemetry`, docs/simulator.md "Equipment telemetry"):
 * one JSON message or NDJSON, one message a line. Each rejection names the line and a JSON pointer into it.
 */
const telemetry = rejection('Invalid equipment telemetry');

export const TELEMETRY_ERRORS = {
  PCS_TELEMETRY_NOT_JSON: telemetry(
    'The body is not UTF-8, or a line is not a JSON object (one JSON message, or NDJSON: one message a line).',
  ),
  PCS_TELEMETRY_UNKNOWN_MESSAGE: telemetry(
    'messageType is missing or not `equipment-status` or `charging-session`, or schemaVersion is not 1.',
  ),
  PCS_TELEMETRY_SCHEMA: telemetry(
    'A field violates the message schema: required field missing, unknown field, wrong JSON type, value outside its range or list.',
  ),
  PCS_TELEMETRY_INCONSISTENT: telemetry(
    'The fields contradict each other: a stop without its end, energy or end charge, a start with them, an end before the start, a state of charge on a unit without a battery, or charging on one.',
  ),
} as const satisfies Record<string, ErrorSpec>;
