/**
 * ANSI X12 322 Terminal Operations and Intermodal Ramp Activity, release 004010 → canonical events.
 *
 * Segments read:
 * - Q5 Status Details (header, one per transaction set): Q501 shipment status code (element 157),
 *   Q502 date CCYYMMDD, Q503 time, Q504 time code (element 623; P0304: time and time code go together),
 *   Q506 city name, Q507 state, Q508 country.
 * - N7 Equipment Details loop (up to 1000 per transaction set, one event each): N701 equipment initial,
 *   N702 number, N711 equipment description code (`CN` container; `RR` rail car and `CH` chassis are
 *   conveyances, not cargo, and are skipped), N712 SCAC, N718 check digit, N722 equipment type (ISO size/type).
 *   In the loop: M7 seal numbers (M701-M704), V1 vessel (V101 vessel code, V102 name, V104 voyage, V108
 *   qualifier `L` = Lloyd's/IMO), R4 port or terminal (R402 `UN`), N9 references (`BM`, `BN`).
 * Ramp activity: status codes `AL` (loaded on rail) and `UR` (unloaded from a rail car) become LOAD/DISC
 * with modeOfTransport RAIL; gate moves (`I`, `OA`) are TRUCK; vessel moves (`AE`, `UV`) are VESSEL.
 * An equipment with a bad ISO 6346 check digit is rejected alone; the other N7 loops still map.
 */
import { validateSizeTypeCode } from '../../domain/identifiers/iso6346-size-type.js';
import { KNOWN_PORT_TIME_ZONES } from '../../domain/identifiers/un-locode.js';
import type { EventLocation, NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { Rejection } from '../message-parser.js';
import { el } from './x12-element.js';
import { x12DateTimeToUtc } from './x12-datetime.js';
import { zoneForLocalTime } from '../edi-time-zone.js';
import { x12ContainerNumber } from './x12-equipment.js';
import { r4Location, x12Location } from './x12-location.js';
import { x12StatusEvents } from './x12-status-events.js';
import type { X12MapResult, X12TransactionContext } from './x12-transaction-context.js';
import type { X12Segment } from './x12-types.js';
import { x12Vessel } from './x12-vessel.js';

const CONVEYANCE_CODES = new Set(['RR', 'CH', 'FC', 'FT']);

export function map322(ctx: X12TransactionContext): X12MapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const body = ctx.transaction.body;
  const where = `322 ${ctx.transaction.controlNumber}`;
  const q5 = body.find((s) => s.id === 'Q5');
  if (!q5) {
    return {
      events,
      rejected: [
        { code: 'PCS_X12_MISSING_SEGMENT', message: `${where} has no Q5 segment`, line: ctx.transaction.st.ordinal },
      ],
    };
  }
  const statusCode = el(q5, 1);
  if (statusCode === '') {
    return {
      events,
      rejected: [{ code: 'PCS_X12_MISSING_ELEMENT', message: `${where}: Q501 status code is empty`, line: q5.ordinal }],
    };
  }
  const loops = n7Loops(body);
  if (loops.length === 0) {
    return {
      events,
      rejected: [{ code: 'PCS_X12_MISSING_SEGMENT', message: `${where} has no N7 equipment`, line: q5.ordinal }],
    };
  }

  for (const loop of loops) {
    const n7 = loop.n7;
    if (CONVEYANCE_CODES.has(el(n7, 11))) continue;
    const container = x12ContainerNumber(el(n7, 1), el(n7, 2), el(n7, 18));
    if (!container) {
      rejected.push({
        code: 'PCS_X12_MISSING_ELEMENT',
        message: `${where}: N701/N702 equipment is empty`,
        line: n7.ordinal,
      });
      continue;
    }
    if (!container.ok) {
      rejected.push({
        code: container.code,
        message: `${where}: ${container.reason}`,
        line: n7.ordinal,
        pointer: 'N702',
      });
      continue;
    }
    const r4 = loop.segments.filter((s) => s.id === 'R4');
    const r4Pick = r4.find((s) => el(s, 1) === '5' && el(s, 2) === 'UN') ?? r4.find((s) => el(s, 2) === 'UN');
    const location: EventLocation | undefined =
      (r4Pick ? r4Location(r4Pick) : undefined) ??
      x12Location('', '', [el(q5, 6), el(q5, 7)].filter(Boolean).join(', '));
    const zone = location?.unLocationCode ? KNOWN_PORT_TIME_ZONES[location.unLocationCode] : undefined;
    const when = x12DateTimeToUtc(el(q5, 2), el(q5, 3), el(q5, 4), zoneForLocalTime(ctx.parse, zone));
    if (!when) {
      rejected.push({
        code: 'PCS_X12_BAD_DATETIME',
        message: `${where}: Q502/Q503 "${el(q5, 2)} ${el(q5, 3)}" is not a valid date-time`,
        line: q5.ordinal,
        pointer: 'Q502',
      });
      break; // the status date is shared by every N7 loop: one rejection is enough
    }
    const v1 = loop.segments.find((s) => s.id === 'V1');
    const refs = new Map<string, string>();
    for (const n9 of loop.segments.filter((s) => s.id === 'N9')) {
      if (!refs.has(el(n9, 1))) refs.set(el(n9, 1), el(n9, 2));
    }
    const seals = loop.segments
      .filter((s) => s.id === 'M7')
      .flatMap((m7) => [1, 2, 3, 4].map((i) => el(m7, i)).filter(Boolean));
    const sizeType = validateSizeTypeCode(el(n7, 22));
    const r = x12StatusEvents(ctx, {
      statusCode,
      line: n7.ordinal,
      eventDateTime: when,
      location,
      container: container.value,
      isoEquipmentCode: sizeType.ok ? sizeType.value : undefined,
      vessel: v1 ? x12Vessel(el(v1, 1), el(v1, 8), el(v1, 2), el(v1, 4)) : undefined,
      billOfLading: refs.get('BM'),
      booking: refs.get('BN'),
      carrierCode: el(n7, 12) || undefined,
      seals,
    });
    events.push(...r.events);
    rejected.push(...r.rejected);
  }
  if (events.length === 0 && rejected.length === 0) {
    rejected.push({
      code: 'PCS_X12_MISSING_SEGMENT',
      message: `${where}: no container N7 (only conveyances)`,
      line: q5.ordinal,
    });
  }
  return { events, rejected };
}

interface N7Loop {
  readonly n7: X12Segment;
  readonly segments: X12Segment[];
}

function n7Loops(body: readonly X12Segment[]): N7Loop[] {
  const loops: N7Loop[] = [];
  let current: N7Loop | null = null;
  for (const s of body) {
    if (s.id === 'N7') {
      current = { n7: s, segments: [] };
      loops.push(current);
    } else if (current) {
      current.segments.push(s);
    }
  }
  return loops;
}
