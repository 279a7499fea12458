/**
 * AIS NMEA 0183 parser (format id `ais-nmea`): VDM/VDO sentences (IEC 61162-1, ITU-R M.1371-5) →
 * `VESSEL` canonical events, shared with every AIS source through src/domain/vessel-observation.ts.
 *
 *  - Position reports (types 1, 2, 3, 18, 19, 27) with a position → `POSN`, key
 *    `ais-pos:<mmsi>:<UTC minute>` (`positionIdempotencyKey`): one position per vessel per minute.
 *  - Static data (types 5, 19, and 24 parts A + B of one MMSI merged; a part without its partner in the
 *    same message stands alone) → `STAT`, key `ais-static:<mmsi>:<sha256 of the normalised payload>`.
 *  - Types 4/11 (base station), 9 (SAR aircraft), 21 (aid to navigation) and the rest are decoded but
 *    make no event: they are not vessel observations.
 *
 * eventDateTime = tag block `c:` time, else the receiver's prefix/suffix or `$PGHP` time, else
 * `ctx.receivedAt`; eventCreatedDateTime = `ctx.receivedAt`; classifier ACT (observed facts).
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { validateImoNumber } from '../../domain/identifiers/imo-number.js';
import { toInstant } from '../../domain/instant.js';
import {
  positionIdempotencyKey,
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from '../../domain/vessel-observation.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { aisStaticKey } from '../ais-static-key.js';
import { collectParts } from '../collect-parts.js';
import { AisStreamDecoder } from './ais-stream-decoder.js';
import type {
  AisEnvelope,
  AisMessage,
  AisStaticDataReportA,
  AisStaticDataReportB,
  AisStaticVoyageData,
  AisExtendedReportB,
} from './ais-types.js';

export const AIS_NMEA_FORMAT = 'ais-nmea';

/** Largest |ms| a JavaScript Date can hold (ECMA-262 §21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

interface StaticParts {
  a?: { readonly message: AisStaticDataReportA; readonly at: string };
  b?: { readonly message: AisStaticDataReportB; readonly at: string };
}

function mmsiText(mmsi: number): string {
  return String(mmsi).padStart(9, '0');
}
function textOrNull(s: string | undefined): string | null {
  return s === undefined || s === '' ? null : s;
}
function size(a: number | undefined, b: number | undefined): number | null {
  const sum = (a ?? 0) + (b ?? 0);
  return sum > 0 ? sum : null;
}

type StaticSource = AisStaticVoyageData | AisExtendedReportB | { a?: AisStaticDataReportA; b?: AisStaticDataReportB };

function staticPayload(mmsi: number, src: StaticSource): VesselStaticPayload & { readonly aisType: number } {
  const a = 'type' in src ? src : src.a;
  const b = 'type' in src ? src : src.b;
  const imo = a && a.type === 5 && a.imo !== null ? validateImoNumber(String(a.imo).padStart(7, '0')) : null;
  const named = a && (a.type === 5 || a.type === 19 || a.partNo === 0) ? a.name : undefined;
  const dims = b && b.type !== 24 ? b : b && b.partNo === 1 ? b : undefined;
  return {
    mmsi: mmsiText(mmsi),
    imo: imo?.ok ? imo.value : null,
    callSign: textOrNull(b && (b.type === 5 || (b.type === 24 && b.partNo === 1)) ? b.callsign : undefined),
    name: textOrNull(named),
    shipType: dims && (dims.type === 5 || dims.type === 19 || dims.partNo === 1) ? dims.shipType : null,
    lengthM: dims && 'toBow' in dims ? size(dims.toBow, dims.toStern) : null,
    beamM: dims && 'toPort' in dims ? size(dims.toPort, dims.toStarboard) : null,
    draughtM: a && a.type === 5 ? a.draught : null,
    destination: a && a.type === 5 ? textOrNull(a.destination) : null,
    ...(a && a.type === 5 ? { eta: { month: a.etaMonth, day: a.etaDay, hour: a.etaHour, minute: a.etaMinute } } : {}),
    aisType: 'type' in src ? src.type : 24,
  };
}

/** Bytes of NMEA handed to the decoder per part: a large message streams through part by part. */
const AIS_PART_BYTES = 1 << 20;

function* parseInParts(body: Uint8Array, ctx: ParseContext): Generator<ParseResult> {
  let events: NewCanonicalEvent[] = [];
  let rejected: Rejection[] = [];
  const take = (): ParseResult => {
    const part = { events, rejected: rejected.sort((x, y) => (x.line ?? 0) - (y.line ?? 0)) };
    events = [];
    rejected = [];
    return part;
  };
  const seen = new Set<string>();
  const parts = new Map<number, StaticParts>();
  const receivedAt = toInstant(ctx.receivedAt) ?? ctx.receivedAt;

  const when = (env: AisEnvelope): string =>
    env.timeMs !== null && Math.abs(env.timeMs) <= MAX_DATE_MS ? new Date(env.timeMs).toISOString() : receivedAt;

  const push = (event: NewCanonicalEvent): void => {
    if (seen.has(event.idempotencyKey)) return;
    seen.add(event.idempotencyKey);
    events.push(event);
  };

  const emitStatic = (payload: VesselStaticPayload & { readonly aisType: number }, at: string): void => {
    push({
      idempotencyKey: aisStaticKey(payload),
      eventType: 'VESSEL',
      eventTypeCode: VESSEL_STATIC,
      eventClassifierCode: 'ACT',
      eventDateTime: at,
      eventCreatedDateTime: receivedAt,
      references: { vesselMMSI: payload.mmsi, ...(payload.imo ? { vesselIMONumber: payload.imo } : {}) },
      payload: { ...payload },
    });
  };

  const onMessage = (m: AisMessage, env: AisEnvelope): void => {
    switch (m.type) {
      case 1:
      case 2:
      case 3:
      case 18:
      case 19:
      case 27: {
        if (m.lat !== null && m.lon !== null) {
          const at = when(env);
          const mmsi = mmsiText(m.mmsi);
          const position: VesselPositionPayload = {
            mmsi,
            lat: m.lat,
            lon: m.lon,
            sogKn: m.sog,
            cogDeg: m.cog,
            headingDeg: m.type === 27 ? null : m.heading,
            navStatus: m.type === 18 || m.type === 19 ? null : m.navStatus,
            aisType: m.type,
          };
          push({
            idempotencyKey: positionIdempotencyKey(mmsi, at),
            eventType: 'VESSEL',
            eventTypeCode: VESSEL_POSITION,
            eventClassifierCode: 'ACT',
            eventDateTime: at,
            eventCreatedDateTime: receivedAt,
            location: { latitude: m.lat, longitude: m.lon },
            references: { vesselMMSI: mmsi },
            payload: { ...position },
          });
        }
        if (m.type === 19) emitStatic(staticPayload(m.mmsi, m), when(env));
        break;
      }
      case 5:
        emitStatic(staticPayload(m.mmsi, m), when(env));
        break;
      case 24: {
        const entry = parts.get(m.mmsi) ?? {};
        if (m.partNo === 0) entry.a = { message: m, at: when(env) };
        else entry.b = { message: m, at: when(env) };
        if (entry.a && entry.b) {
          // M.1371-5 §3.3.8.2.20: parts A and B of one station describe the same vessel.
          const at = entry.a.at > entry.b.at ? entry.a.at : entry.b.at;
          emitStatic(staticPayload(m.mmsi, { a: entry.a.message, b: entry.b.message }), at);
          parts.delete(m.mmsi);
        } else {
          parts.set(m.mmsi, entry);
        }
        break;
      }
      case 4:
      case 9:
      case 11:
      case 21:
      case 6:
      case 7:
      case 8:
      case 10:
      case 12:
      case 13:
      case 14:
      case 15:
      case 16:
      case 17:
      case 20:
      case 22:
      case 23:
      case 25:
      case 26:
        // 4/11 base stations, 9 SAR aircraft, 21 aids to navigation, binary/safety messages: not vessel facts.
        break;
    }
  };

  const decoder = new AisStreamDecoder(onMessage, (r) => rejected.push(r));
  for (let at = 0; at < body.length; at += AIS_PART_BYTES) {
    decoder.push(body.subarray(at, at + AIS_PART_BYTES));
    yield take();
  }
  decoder.end();
  for (const [mmsi, entry] of parts) {
    if (entry.a) emitStatic(staticPayload(mmsi, { a: entry.a.message }), entry.a.at);
    if (entry.b) emitStatic(staticPayload(mmsi, { b: entry.b.message }), entry.b.at);
  }
  yield take();
}

export const aisNmeaParser: MessageParser = {
  format: AIS_NMEA_FORMAT,
  version: '1.0.0',
  description: 'AIS NMEA 0183 VDM/VDO (ITU-R M.1371-5), tag blocks, receiver prefixes: POSN + STAT vessel events',
  parse: (body, ctx) => collectParts(parseInParts(body, ctx)),
  parseInParts,
};
