/**
 * DCSA Track & Trace 2.2.0 events (openpcs format `dcsa-events`): JSON as a carrier or terminal publishes
 * it, in any of the three shapes the standard uses:
 * - one event object (`GET /v2/events/{eventID}`),
 * - an array of events (`GET /v2/events` response body),
 * - a subscription callback body, which DCSA 2.2 defines as the same array of events
 *   (`POST {callbackUrl}` in the `/v2/event-subscriptions` callbacks; the `Notification-Signature`
 *   header is checked by the HTTP transport, not here: the parser sees only the body).
 *
 * Each event is validated against the 2.2 schema (dcsa-event-schema.ts) and its identifiers against their
 * standards; an invalid event becomes rejections with a JSON pointer into the body (`/3/equipmentReference`),
 * the other events still become canonical events (STYLE §5).
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { canonicalJsonHash } from './canonical-json-hash.js';
import { mapDcsaEvent } from './dcsa-event-mapper.js';
import { jsonPointer } from './json-pointer.js';

export const DCSA_EVENTS_FORMAT = 'dcsa-events';

const decoder = new TextDecoder('utf-8', { fatal: true });

function readJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { ok: false, message: 'the body is not valid UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `the body is not JSON: ${(error as Error).message}` };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function parseDcsaEvents(body: Uint8Array, ctx: ParseContext): ParseResult {
  const json = readJson(body);
  if (!json.ok) return { events: [], rejected: [{ code: 'PCS_DCSA_NOT_JSON', message: json.message }] };
  const items: { raw: unknown; path: (string | number)[] }[] = Array.isArray(json.value)
    ? (json.value as unknown[]).map((raw, i) => ({ raw, path: [i] }))
    : isObject(json.value)
      ? [{ raw: json.value, path: [] }]
      : [];
  if (items.length === 0 && !Array.isArray(json.value)) {
    return {
      events: [],
      rejected: [
        {
          code: 'PCS_DCSA_NOT_EVENTS',
          message: `expected an event object or an array of events, got ${json.value === null ? 'null' : typeof json.value}`,
          pointer: '',
        },
      ],
    };
  }
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  /** idempotency key → content hash of the first event with that key in this message. */
  const seen = new Map<string, string>();
  for (const { raw, path } of items) {
    if (!isObject(raw)) {
      rejected.push({
        code: 'PCS_DCSA_NOT_AN_EVENT',
        message: `element ${path.join('')} is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}, not an event object`,
        pointer: jsonPointer(path),
      });
      continue;
    }
    const mapped = mapDcsaEvent(raw, path, ctx);
    if (!mapped.ok) {
      rejected.push(...mapped.rejected);
      continue;
    }
    const key = mapped.event.idempotencyKey;
    const hash = canonicalJsonHash(raw);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, hash);
      events.push(mapped.event);
    } else if (first !== hash) {
      rejected.push({
        code: 'PCS_DCSA_DUPLICATE_EVENT_ID',
        message: `eventID ${String(raw['eventID'])} already used by an earlier event of this message with different content`,
        pointer: jsonPointer([...path, 'eventID']),
      });
    }
    // An exact duplicate (same eventID, same content) is the same fact delivered twice: kept once.
  }
  return { events, rejected };
}

export const dcsaEventsParser: MessageParser = {
  format: DCSA_EVENTS_FORMAT,
  version: '1.0.0',
  description:
    'DCSA Track & Trace 2.2 events (equipment, transport, shipment): one event, a GET /v2/events array or a subscription callback body',
  parse: parseDcsaEvents,
};
