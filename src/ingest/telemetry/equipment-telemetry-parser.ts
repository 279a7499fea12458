/**
 * Equipment telemetry (openpcs format `equipment-telemetry`): the JSON messages a terminal's cargo-handling
 * equipment and chargers publish (schema: telemetry-types.ts; topics and fields: docs/simulator.md "Equipment
 * telemetry"). A body is one JSON message, or NDJSON, one message a line (blank lines skipped): what
 * `POST /ingest/equipment-telemetry` takes and what the MQTT transport stores (one MQTT message, or a batch of
 * one-line messages).
 *
 * - `equipment-status` → EQUIPMENT event `EQST` (classifier ACT, at `observedAt`), location the terminal (SMDG).
 * - `charging-session` → EQUIPMENT event `CHRG` (start or stop), at `observedAt`.
 *
 * Idempotency key per sender: (message type, equipment id, observation time); a unit reports once per instant,
 * so a re-delivered message (MQTT QoS 1 may deliver twice) is stored once. A bad line becomes a rejection with
 * its line number and a JSON pointer; the other lines still become events. Pure.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import {
  CHARGING_SESSION,
  EQUIPMENT_STATUS,
  type ChargingSessionMessage,
  type EquipmentStatusMessage,
} from '../../domain/equipment-telemetry.js';
import { collectParts } from '../collect-parts.js';
import { terminalLocation } from '../csv/cargo/terminal-location.js';
import { jsonPointer } from '../dcsa/json-pointer.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { ChargingSessionSchema, EquipmentStatusSchema } from './telemetry-types.js';
import type { z } from 'zod';

export const EQUIPMENT_TELEMETRY_FORMAT = 'equipment-telemetry';

/** Lines mapped per part of `parseInParts`. */
export const TELEMETRY_LINES_PER_PART = 1000;

const decoder = new TextDecoder('utf-8', { fatal: true });
const utc = (instant: string): string => new Date(instant).toISOString();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function schemaRejections(error: z.ZodError, line: number): Rejection[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = keys.length > 0 ? [...issue.path, keys[0]!] : issue.path;
    return {
      code: 'PCS_TELEMETRY_SCHEMA',
      message: `${jsonPointer(path) || '(message)'}: ${issue.message}`,
      line,
      pointer: jsonPointer(path),
    } satisfies Rejection;
  });
}

function inconsistent(message: string, line: number, pointer: string): Rejection {
  return { code: 'PCS_TELEMETRY_INCONSISTENT', message, line, pointer };
}

function statusEvent(m: EquipmentStatusMessage, line: number): NewCanonicalEvent {
  const observedAt = utc(m.observedAt);
  return {
    idempotencyKey: `telemetry:status:${m.equipmentId}:${observedAt}`,
    eventType: 'EQUIPMENT',
    eventTypeCode: EQUIPMENT_STATUS,
    eventClassifierCode: 'ACT',
    eventDateTime: observedAt,
    eventCreatedDateTime: observedAt,
    location: {
      ...terminalLocation(m.terminal),
      ...(m.position ? { latitude: m.position.lat, longitude: m.position.lon } : {}),
    },
    payload: {
      extension: 'openpcs',
      equipmentId: m.equipmentId,
      terminal: m.terminal,
      equipmentType: m.equipmentType,
      powertrain: m.powertrain,
      state: m.state,
      socPct: m.socPct,
      energy: m.energy,
      engineHours: m.engineHours,
      sourceMessage: { format: EQUIPMENT_TELEMETRY_FORMAT, line },
    },
  };
}

function sessionEvent(m: ChargingSessionMessage, line: number): NewCanonicalEvent {
  const observedAt = utc(m.observedAt);
  return {
    idempotencyKey: `telemetry:charging-${m.phase}:${m.equipmentId}:${observedAt}`,
    eventType: 'EQUIPMENT',
    eventTypeCode: CHARGING_SESSION,
    eventClassifierCode: 'ACT',
    eventDateTime: observedAt,
    eventCreatedDateTime: observedAt,
    location: terminalLocation(m.terminal),
    payload: {
      extension: 'openpcs',
      phase: m.phase,
      sessionId: m.sessionId,
      chargerId: m.chargerId,
      equipmentId: m.equipmentId,
      terminal: m.terminal,
      startedAt: utc(m.startedAt),
      socStartPct: m.socStartPct,
      ...(m.endedAt !== undefined ? { endedAt: utc(m.endedAt) } : {}),
      ...(m.socEndPct !== undefined ? { socEndPct: m.socEndPct } : {}),
      ...(m.energyKwh !== undefined ? { energyKwh: m.energyKwh } : {}),
      sourceMessage: { format: EQUIPMENT_TELEMETRY_FORMAT, line },
    },
  };
}

/** One message (a parsed JSON value) → an event, or its rejections. */
export function telemetryMessageEvent(
  value: unknown,
  line: number,
): { event?: NewCanonicalEvent; rejected: Rejection[] } {
  if (!isObject(value)) {
    return { rejected: [{ code: 'PCS_TELEMETRY_NOT_JSON', message: 'the line is not a JSON object', line }] };
  }
  if (value['messageType'] === 'equipment-status') {
    const r = EquipmentStatusSchema.safeParse(value);
    if (!r.success) return { rejected: schemaRejections(r.error, line) };
    const m = r.data;
    const battery = m.powertrain === 'battery_electric';
    if (battery !== (m.socPct !== null)) {
      return {
        rejected: [
          inconsistent(
            battery ? 'a battery-electric unit reports its socPct' : `socPct on a ${m.powertrain} unit (no battery)`,
            line,
            '/socPct',
          ),
        ],
      };
    }
    if (m.state === 'charging' && !battery) {
      return { rejected: [inconsistent(`a ${m.powertrain} unit does not charge`, line, '/state')] };
    }
    return { event: statusEvent(m, line), rejected: [] };
  }
  if (value['messageType'] === 'charging-session') {
    const r = ChargingSessionSchema.safeParse(value);
    if (!r.success) return { rejected: schemaRejections(r.error, line) };
    const m = r.data;
    const stopFields = [m.endedAt, m.socEndPct, m.energyKwh];
    if (m.phase === 'stop' && stopFields.some((f) => f === undefined)) {
      const missing = m.endedAt === undefined ? 'endedAt' : m.socEndPct === undefined ? 'socEndPct' : 'energyKwh';
      return { rejected: [inconsistent(`a stop reports ${missing}`, line, `/${missing}`)] };
    }
    if (m.phase === 'start' && stopFields.some((f) => f !== undefined)) {
      const extra = m.endedAt !== undefined ? 'endedAt' : m.socEndPct !== undefined ? 'socEndPct' : 'energyKwh';
      return { rejected: [inconsistent(`a start does not report ${extra} (the stop does)`, line, `/${extra}`)] };
    }
    if (m.endedAt !== undefined && Date.parse(m.endedAt) < Date.parse(m.startedAt)) {
      return { rejected: [inconsistent('endedAt is before startedAt', line, '/endedAt')] };
    }
    return { event: sessionEvent(m, line), rejected: [] };
  }
  const pointer =
    value['schemaVersion'] !== undefined && value['schemaVersion'] !== 1 ? '/schemaVersion' : '/messageType';
  return {
    rejected: [
      {
        code: 'PCS_TELEMETRY_UNKNOWN_MESSAGE',
        message: `messageType ${JSON.stringify(value['messageType'] ?? null)} is not equipment-status or charging-session`,
        line,
        pointer,
      },
    ],
  };
}

function* lines(text: string): Generator<{ line: number; text: string }> {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (raw.trim() !== '') yield { line, text: raw };
    line++;
    start = end + 1;
  }
}

export function* parseTelemetryInParts(body: Uint8Array, _ctx: ParseContext): Generator<ParseResult> {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    yield { events: [], rejected: [{ code: 'PCS_TELEMETRY_NOT_JSON', message: 'the body is not valid UTF-8' }] };
    return;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // One message spread over several lines (pretty-printed JSON) is read whole.
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.includes('\n')) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      const one = telemetryMessageEvent(value, 1);
      yield { events: one.event ? [one.event] : [], rejected: one.rejected };
      return;
    } catch {
      // not one JSON value: NDJSON below
    }
  }
  let events: NewCanonicalEvent[] = [];
  let rejected: Rejection[] = [];
  let count = 0;
  for (const { line, text: lineText } of lines(text)) {
    let value: unknown;
    try {
      value = JSON.parse(lineText) as unknown;
    } catch (error) {
      rejected.push({ code: 'PCS_TELEMETRY_NOT_JSON', message: `not JSON: ${(error as Error).message}`, line });
      continue;
    }
    const one = telemetryMessageEvent(value, line);
    if (one.event) events.push(one.event);
    rejected.push(...one.rejected);
    if (++count >= TELEMETRY_LINES_PER_PART) {
      yield { events, rejected };
      events = [];
      rejected = [];
      count = 0;
    }
  }
  if (count === 0 && events.length === 0 && rejected.length === 0 && trimmed === '') {
    yield { events: [], rejected: [{ code: 'PCS_TELEMETRY_NOT_JSON', message: 'the body holds no message' }] };
    return;
  }
  yield { events, rejected };
}

export const equipmentTelemetryParser: MessageParser = {
  format: EQUIPMENT_TELEMETRY_FORMAT,
  version: '1.0.0',
  description:
    'Cargo-handling equipment and charger telemetry: JSON equipment-status and charging-session messages (one, or NDJSON)',
  parse: (body, ctx) => collectParts(parseTelemetryInParts(body, ctx)),
  parseInParts: parseTelemetryInParts,
};
