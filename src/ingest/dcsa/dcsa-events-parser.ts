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
 * the other events still become canonical events (STYLE §5). An array is read element by element
 * (`parseInParts`), so a 64 MiB body is never one tree of objects.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { canonicalJsonHash } from './canonical-json-hash.js';
import { mapDcsaEvent } from './dcsa-event-mapper.js';
import { jsonArrayElements, skipJsonSpace } from './json-array-elements.js';
import { jsonPointer } from './json-pointer.js';
import { collectParts } from '../collect-parts.js';

export const DCSA_EVENTS_FORMAT = 'dcsa-events';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Events mapped per part of `parseInParts`: a part holds at most this many events' objects. */
export const DCSA_EVENTS_PER_PART = 500;

function readText(body: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { ok: false, message: 'the body is not valid UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `the body is not JSON: ${(error as Error).message}` };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The events part by part. An array (the usual body, up to 64 MiB) is read element by element
 * (`json-array-elements.ts`) in two passes: the first only checks that the whole body is JSON (each element
 * parsed and dropped), so a body that is not is still refused whole, with no event; the second maps the
 * elements, `DCSA_EVENTS_PER_PART` at a time. A single event object is parsed whole.
 */
export function* parseDcsaEventsInParts(body: Uint8Array, ctx: ParseContext): Generator<ParseResult> {
  const read = readText(body);
  if (!read.ok) {
    yield { events: [], rejected: [{ code: 'PCS_DCSA_NOT_JSON', message: read.message }] };
    return;
  }
  const { text } = read;
  const open = skipJsonSpace(text, 0);
  if (text[open] !== '[' || !isJsonArray(text, open)) {
    yield parseWhole(text, ctx);
    return;
  }
  const items = new EventItems(ctx);
  let index = 0;
  for (const part of jsonArrayElements(text, open)) {
    if (!part.ok) break; // not after the first pass
    items.add(JSON.parse(part.text) as unknown, [index++]);
    if (items.size >= DCSA_EVENTS_PER_PART) yield items.take();
  }
  yield items.take();
}

/** The first pass: the array is JSON, every element of it (nothing is kept). */
function isJsonArray(text: string, open: number): boolean {
  for (const part of jsonArrayElements(text, open)) {
    if (!part.ok) return false;
    try {
      JSON.parse(part.text);
    } catch {
      return false;
    }
  }
  return true;
}

/** A body that is one value, or not JSON (then `JSON.parse` of the whole says where). */
function parseWhole(text: string, ctx: ParseContext): ParseResult {
  const json = readJson(text);
  if (!json.ok) return { events: [], rejected: [{ code: 'PCS_DCSA_NOT_JSON', message: json.message }] };
  if (Array.isArray(json.value)) {
    // Only when the splitter refused what JSON.parse accepts: the same result, read whole.
    const items = new EventItems(ctx);
    (json.value as unknown[]).forEach((raw, i) => items.add(raw, [i]));
    return items.take();
  }
  if (!isObject(json.value)) {
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
  const items = new EventItems(ctx);
  items.add(json.value, []);
  return items.take();
}

/** Maps the events of one message as they come; an eventID seen before with other content is rejected. */
class EventItems {
  private events: NewCanonicalEvent[] = [];
  private rejected: Rejection[] = [];
  /** idempotency key → content hash of the first event with that key in this message. */
  private readonly seen = new Map<string, string>();

  constructor(private readonly ctx: ParseContext) {}

  get size(): number {
    return this.events.length + this.rejected.length;
  }

  add(raw: unknown, path: (string | number)[]): void {
    if (!isObject(raw)) {
      this.rejected.push({
        code: 'PCS_DCSA_NOT_AN_EVENT',
        message: `element ${path.join('')} is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}, not an event object`,
        pointer: jsonPointer(path),
      });
      return;
    }
    const mapped = mapDcsaEvent(raw, path, this.ctx);
    if (!mapped.ok) {
      this.rejected.push(...mapped.rejected);
      return;
    }
    const key = mapped.event.idempotencyKey;
    const hash = canonicalJsonHash(raw);
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, hash);
      this.events.push(mapped.event);
    } else if (first !== hash) {
      this.rejected.push({
        code: 'PCS_DCSA_DUPLICATE_EVENT_ID',
        message: `eventID ${String(raw['eventID'])} already used by an earlier event of this message with different content`,
        pointer: jsonPointer([...path, 'eventID']),
      });
    }
    // An exact duplicate (same eventID, same content) is the same fact delivered twice: kept once.
  }

  /** What was mapped since the last call. */
  take(): ParseResult {
    const part = { events: this.events, rejected: this.rejected };
    this.events = [];
    this.rejected = [];
    return part;
  }
}

export function parseDcsaEvents(body: Uint8Array, ctx: ParseContext): ParseResult {
  return collectParts(parseDcsaEventsInParts(body, ctx));
}

export const dcsaEventsParser: MessageParser = {
  format: DCSA_EVENTS_FORMAT,
  version: '1.0.0',
  description:
    'DCSA Track & Trace 2.2 events (equipment, transport, shipment): one event, a GET /v2/events array or a subscription callback body',
  parse: parseDcsaEvents,
  parseInParts: parseDcsaEventsInParts,
};
