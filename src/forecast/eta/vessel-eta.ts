/**
 * Vessel ETA at the pilot boarding area and at berth (issue 16), from what is known at the forecast origin:
 * the ship's own AIS positions before it, the carrier's scheduled arrival, and the berth queue of its terminal
 * (ships moored there, ships ahead of it at anchor or on the way in). Pure.
 *
 * 1. Unhindered ("natural") arrival at berth, from the latest position: along the inbound TSS lane at the
 *    ship's recent speed over ground, then lane end → pilot boarding area at the typical approach speed, then
 *    the harbour transit (pilot area → entrance → inner fairway → berth) at harbour speed. A ship at anchor
 *    sails anchorage → pilot area at anchorage speed once called in. No position yet (still at sea): the
 *    carrier's scheduled arrival at the lane end plus the same passage.
 * 2. Berth queue, first come first served: each occupied berth frees when its ship has stayed the typical
 *    berth time of the terminal; ships ahead (earlier natural arrival) take the earliest free berth in turn;
 *    this ship berths at max(natural, earliest free berth). Pilot = berth − harbour transit.
 * Intervals come from an `EtaErrorModel` (eta-intervals.ts) fitted on residuals of another run.
 */
import { distanceNm, polylineNm, projectOntoRoute, type LatLon } from './route-geometry.js';
import { HOUR } from '../../domain/time-units.js';

/** One AIS position report (navigational status per ITU-R M.1371-5 Table 45). */
export interface AisFix {
  readonly tMs: number;
  readonly lat: number;
  readonly lon: number;
  readonly sogKn: number;
  readonly navStatus: number;
}

export interface ApproachGeometry {
  /** Inbound lanes, sea end first, each ending at the lane's inner end. */
  readonly lanes: readonly (readonly LatLon[])[];
  readonly pilot: LatLon;
  /** Harbour fairway after the pilot area (entrance, inner point); the berth is appended per call. */
  readonly fairway: readonly LatLon[];
}

/** Typical approach speeds (knots): those of San Pedro Bay pilotage practice, as the simulator uses them. */
export interface EtaSpeeds {
  readonly laneKn: number;
  readonly approachKn: number;
  readonly anchorageKn: number;
  readonly harbourKn: number;
}
export const TYPICAL_SPEEDS: EtaSpeeds = Object.freeze({ laneKn: 14, approachKn: 10, anchorageKn: 8, harbourKn: 7 });

/** A ship is on a lane when it is within this many nautical miles of the lane centre line. */
const ON_LANE_NM = 2;
/** Speed averaged over the fixes of this window before the latest one. */
const SOG_WINDOW_MS = 15 * 60_000;
/** Positions older than this are stale: the ship is treated as not yet seen (schedule). */
export const STALE_MS = 6 * HOUR;

export interface BerthQueue {
  readonly berths: number;
  /** Expected departure of the ship on each occupied berth. */
  readonly occupiedUntilMs: readonly number[];
  /** The ships for the same terminal that are ahead of this one: natural berth time and expected berth
   * occupation (the turnaround gap included). */
  readonly ahead: readonly { readonly naturalBerthMs: number; readonly stayMs: number }[];
}

/** The queue when nothing is known of it (a terminal without a berth count): a free berth on arrival. */
export const UNKNOWN_QUEUE: BerthQueue = Object.freeze({ berths: 1, occupiedUntilMs: [], ahead: [] });

export interface EtaInput {
  readonly originMs: number;
  /** The ship's positions before the origin, oldest first (later ones are ignored). */
  readonly fixes: readonly AisFix[];
  readonly berth: LatLon;
  /** Carrier schedule: arrival at the inner end of the lane (null = unknown). */
  readonly scheduledArrivalMs: number | null;
}

export type EtaMethod = 'track' | 'anchored' | 'harbour' | 'schedule';

export interface NaturalArrival {
  readonly method: EtaMethod;
  /** Time of the latest position used (null: none). */
  readonly asOfMs: number | null;
  /** Unhindered arrival at the pilot boarding area (already passed for `harbour`). */
  readonly pilotMs: number;
  readonly berthMs: number;
  /** Nautical miles still to sail to the pilot boarding area (null: no position). */
  readonly toPilotNm: number | null;
}

export interface EtaPrediction extends NaturalArrival {
  /** Hours of berth queue wait in the forecast (0 when a berth is free on arrival). */
  readonly queueWaitH: number;
}

const nm = (a: LatLon, b: LatLon): number => distanceNm(a.lat, a.lon, b.lat, b.lon);

/** The positions strictly before the origin (what the model may see). */
export function fixesBefore(fixes: readonly AisFix[], originMs: number): readonly AisFix[] {
  return fixes.filter((f) => f.tMs < originMs);
}

/** Mean speed over ground of the fixes in the 15 minutes up to the newest one (the speed the ship is making now). */
export function recentSog(fixes: readonly AisFix[]): number {
  const last = fixes[fixes.length - 1]!;
  let sum = 0;
  let n = 0;
  for (let i = fixes.length - 1; i >= 0 && fixes[i]!.tMs >= last.tMs - SOG_WINDOW_MS; i--) {
    sum += fixes[i]!.sogKn;
    n++;
  }
  return sum / n;
}

function harbourTransitMs(geometry: ApproachGeometry, berth: LatLon, speeds: EtaSpeeds): number {
  return (polylineNm([geometry.pilot, ...geometry.fairway, berth]) / speeds.harbourKn) * HOUR;
}

/** Mean distance from the lanes' inner ends to the pilot boarding area. */
function laneEndToPilotNm(geometry: ApproachGeometry): number {
  const d = geometry.lanes.map((l) => nm(l[l.length - 1]!, geometry.pilot));
  return d.reduce((a, b) => a + b, 0) / d.length;
}

/** Step 1: the unhindered arrival from the latest position (or the schedule). */
export function naturalArrival(
  input: EtaInput,
  geometry: ApproachGeometry,
  speeds: EtaSpeeds = TYPICAL_SPEEDS,
): NaturalArrival | null {
  const seen = fixesBefore(input.fixes, input.originMs);
  const transitMs = harbourTransitMs(geometry, input.berth, speeds);
  const last = seen[seen.length - 1];
  if (last === undefined || input.originMs - last.tMs > STALE_MS) {
    if (input.scheduledArrivalMs === null) return null;
    const pilotMs = input.scheduledArrivalMs + (laneEndToPilotNm(geometry) / speeds.approachKn) * HOUR;
    return { method: 'schedule', asOfMs: last?.tMs ?? null, pilotMs, berthMs: pilotMs + transitMs, toPilotNm: null };
  }
  const at = { lat: last.lat, lon: last.lon };
  const t0 = last.tMs;
  const harbourRoute = [geometry.pilot, ...geometry.fairway, input.berth];
  const inHarbour = projectOntoRoute(harbourRoute, at);
  const harbourNm = polylineNm(harbourRoute);
  // Past the pilot area (restricted manoeuvrability in the fairway, or on it and well past the pilot point).
  if (inHarbour.offRouteNm < 0.3 && (last.navStatus === 3 || inHarbour.remainingNm < harbourNm - 0.5)) {
    const berthMs = t0 + (inHarbour.remainingNm / speeds.harbourKn) * HOUR;
    return { method: 'harbour', asOfMs: t0, pilotMs: berthMs - transitMs, berthMs, toPilotNm: 0 };
  }
  if (last.navStatus === 1) {
    const toPilotNm = nm(at, geometry.pilot);
    const pilotMs = Math.max(t0, input.originMs) + (toPilotNm / speeds.anchorageKn) * HOUR;
    return { method: 'anchored', asOfMs: t0, pilotMs, berthMs: pilotMs + transitMs, toPilotNm };
  }
  const sog = recentSog(seen);
  let toPilotNm = nm(at, geometry.pilot);
  let hours = toPilotNm / Math.max(sog, speeds.approachKn);
  let best: { remainingNm: number; lane: readonly LatLon[] } | null = null;
  for (const lane of geometry.lanes) {
    const p = projectOntoRoute(lane, at);
    if (p.offRouteNm <= ON_LANE_NM && (best === null || p.remainingNm < best.remainingNm)) {
      best = { remainingNm: p.remainingNm, lane };
    }
  }
  if (best !== null && best.remainingNm > 0.5) {
    const endNm = nm(best.lane[best.lane.length - 1]!, geometry.pilot);
    toPilotNm = best.remainingNm + endNm;
    const laneSpeed = sog >= 3 ? sog : speeds.laneKn;
    hours = best.remainingNm / laneSpeed + endNm / speeds.approachKn;
  } else if (toPilotNm < 0.5) {
    hours = 0;
  }
  const pilotMs = t0 + hours * HOUR;
  return { method: 'track', asOfMs: t0, pilotMs, berthMs: pilotMs + transitMs, toPilotNm };
}

/** Step 2: the earliest berth this ship gets when the ships ahead are served first come, first served. */
export function queuedBerthMs(naturalBerthMs: number, queue: BerthQueue, originMs: number): number {
  const frees = [...queue.occupiedUntilMs].map((t) => Math.max(t, originMs));
  while (frees.length < queue.berths) frees.push(originMs);
  const earliest = (): number => {
    let k = 0;
    for (let i = 1; i < frees.length; i++) if (frees[i]! < frees[k]!) k = i;
    return k;
  };
  for (const ahead of [...queue.ahead].sort((a, b) => a.naturalBerthMs - b.naturalBerthMs)) {
    const k = earliest();
    frees[k] = Math.max(frees[k]!, ahead.naturalBerthMs) + ahead.stayMs;
  }
  return Math.max(naturalBerthMs, frees[earliest()]!);
}

/** ETA at pilot area and berth; null when there is neither a position nor a schedule. */
export function predictEta(
  input: EtaInput,
  queue: BerthQueue,
  geometry: ApproachGeometry,
  speeds: EtaSpeeds = TYPICAL_SPEEDS,
): EtaPrediction | null {
  const natural = naturalArrival(input, geometry, speeds);
  if (natural === null) return null;
  if (natural.method === 'harbour') return { ...natural, queueWaitH: 0 };
  const berthMs = queuedBerthMs(natural.berthMs, queue, input.originMs);
  const waitMs = berthMs - natural.berthMs;
  return { ...natural, pilotMs: natural.pilotMs + waitMs, berthMs, queueWaitH: waitMs / HOUR };
}

/** Baseline: remaining distance / last speed over ground (null when stopped or never seen). */
export function distanceOverSogEta(
  input: EtaInput,
  geometry: ApproachGeometry,
  speeds: EtaSpeeds = TYPICAL_SPEEDS,
): { pilotMs: number; berthMs: number } | null {
  const seen = fixesBefore(input.fixes, input.originMs);
  const last = seen[seen.length - 1];
  if (last === undefined || last.sogKn < 0.5 || input.originMs - last.tMs > STALE_MS) return null;
  const natural = naturalArrival(input, geometry, speeds);
  if (natural === null || natural.toPilotNm === null) return null;
  const pilotMs = last.tMs + (natural.toPilotNm / last.sogKn) * HOUR;
  const harbourNm = polylineNm([geometry.pilot, ...geometry.fairway, input.berth]);
  return { pilotMs, berthMs: pilotMs + (harbourNm / last.sogKn) * HOUR };
}
