/**
 * Where every vessel is at one instant, from a snapshot of AIS positions: its last report at or before
 * `at` (and not older than the staleness window) classified against the port geography. Works on data that
 * cannot show movement (a 25-minute extract), unlike the arrival/departure detector.
 *
 * Rules (sog = speed over ground, navStatus per ITU-R M.1371-5 message 1 field 5):
 *  - at_berth:  inside a `terminal` or `berth` zone, and (navStatus 5 "moored" or sog ≤ 0.5 kn);
 *  - at_anchor: inside an `anchorage` zone, and (navStatus 1 "at anchor" or sog ≤ 0.5 kn);
 *  - underway:  sog > 0.5 kn, or navStatus 0 / 8 (under way using engine / sailing) with no speed;
 *  - anchored_outside: a ship (reported length ≥ 60 m, not a pleasure craft) stopped outside every berth and
 *               anchorage zone — the January 2022 queue off Huntington Beach — "for a while": it declares
 *               navStatus 1 "at anchor", or it was already stopped there at least `ANCHORED_OUTSIDE_MIN_MIN`
 *               minutes before (its reports in the window in between all stopped);
 *  - other:     anything else: small craft in marinas, a ship that has just stopped or drifts, no static data,
 *               and a ship declaring navStatus 5 "moored" at a berth the geography does not draw (cruise
 *               terminal, Coast Guard base, the El Segundo tanker buoys) — moored there, not waiting.
 */
import { shipCategoryOf } from '../../domain/ais-ship-type.js';
import type { VesselStaticPayload } from '../../domain/vessel-observation.js';
import type { PortZone, PortZones } from '../../domain/port-zones.js';
import type { PositionObservation } from './position-observation.js';

export const STATIONARY_MAX_SOG_KN = 0.5;
export const DEFAULT_STALE_AFTER_MIN = 30;
/** Below this reported length a stopped vessel is small craft (marinas, a 22 m bunker barge), not a waiting ship. */
export const ANCHORED_OUTSIDE_MIN_LENGTH_M = 60;
/** How long a ship that does not declare itself anchored or moored must have been stopped to count as such. */
export const ANCHORED_OUTSIDE_MIN_MIN = 5;

export const VESSEL_ACTIVITIES = ['at_berth', 'at_anchor', 'anchored_outside', 'underway', 'other'] as const;

export type VesselActivity = (typeof VESSEL_ACTIVITIES)[number];

export interface VesselStatus {
  readonly mmsi: string;
  readonly status: VesselActivity;
  /** The berth/terminal or anchorage zone for at_berth / at_anchor; null otherwise. */
  readonly zone: {
    readonly id: string;
    readonly kind: string;
    readonly name: string;
    readonly port: string | null;
  } | null;
  readonly observedAt: string;
  readonly lat: number;
  readonly lon: number;
  readonly sogKn: number | null;
  readonly navStatus: number | null;
  readonly static: VesselStaticPayload | null;
}

export interface VesselStatusOptions {
  /** Ignore a vessel whose last report is older than this many minutes before `at` (default 30). */
  readonly staleAfterMin?: number;
}

const zoneRef = (zone: PortZone): NonNullable<VesselStatus['zone']> => ({
  id: zone.id,
  kind: zone.kind,
  name: zone.name,
  port: zone.port,
});

export function classifyPosition(
  geography: PortZones,
  obs: PositionObservation,
): { status: VesselActivity; zone: PortZone | null } {
  const { lat, lon, sogKn, navStatus } = obs.position;
  const still = sogKn !== null && sogKn <= STATIONARY_MAX_SOG_KN;
  const berth = geography.zonesAt(lat, lon, ['terminal', 'berth'])[0];
  if (berth && (navStatus === 5 || still)) return { status: 'at_berth', zone: berth };
  // Largest anchorage first: a deep-draft sub-anchorage circle lies inside its commercial anchorage.
  const anchorage = geography.zonesAt(lat, lon, ['anchorage']).at(-1);
  if (anchorage && (navStatus === 1 || still)) return { status: 'at_anchor', zone: anchorage };
  if ((sogKn !== null && sogKn > STATIONARY_MAX_SOG_KN) || (sogKn === null && (navStatus === 0 || navStatus === 8))) {
    return { status: 'underway', zone: null };
  }
  const stopped = still || (sogKn === null && navStatus === 1);
  const ship =
    (obs.static?.lengthM ?? 0) >= ANCHORED_OUTSIDE_MIN_LENGTH_M && shipCategoryOf(obs.static?.shipType) !== 'pleasure';
  if (stopped && ship && navStatus !== 5 && !berth && !anchorage) return { status: 'anchored_outside', zone: null };
  return { status: 'other', zone: null };
}

/**
 * `anchored_outside` of one report holds "for a while" (see the header): the ship declares it, or its
 * reports before, back to at least `ANCHORED_OUTSIDE_MIN_MIN` minutes earlier, are all stopped outside too.
 */
function anchoredForAWhile(geography: PortZones, newestFirst: readonly PositionObservation[]): boolean {
  const [latest, ...earlier] = newestFirst;
  if (!latest) return false;
  const { navStatus } = latest.position;
  if (navStatus === 1) return true;
  const latestMs = Date.parse(latest.eventDateTime);
  for (const obs of earlier) {
    const stillOutside = classifyPosition(geography, { ...obs, static: obs.static ?? latest.static }).status;
    if (stillOutside !== 'anchored_outside') return false;
    if (latestMs - Date.parse(obs.eventDateTime) >= ANCHORED_OUTSIDE_MIN_MIN * 60_000) return true;
  }
  return false;
}

/**
 * One status per vessel seen in the window `(at - staleAfterMin, at]`, sorted by MMSI. Observations may be
 * in any order; for each vessel the latest report not after `at` wins (ties: the later one in the input).
 */
export function vesselStatusAt(
  geography: PortZones,
  observations: Iterable<PositionObservation>,
  at: string,
  options: VesselStatusOptions = {},
): VesselStatus[] {
  const atMs = Date.parse(at);
  if (Number.isNaN(atMs)) throw new RangeError(`"${at}" is not an instant`);
  const fromMs = atMs - (options.staleAfterMin ?? DEFAULT_STALE_AFTER_MIN) * 60_000;
  const last = new Map<string, { obs: PositionObservation; ms: number }>();
  const inWindow = new Map<string, { obs: PositionObservation; ms: number }[]>();
  for (const obs of observations) {
    const ms = Date.parse(obs.eventDateTime);
    if (!(ms <= atMs && ms > fromMs)) continue;
    const prev = last.get(obs.position.mmsi);
    if (!prev || ms >= prev.ms) last.set(obs.position.mmsi, { obs, ms });
    const reports = inWindow.get(obs.position.mmsi) ?? [];
    reports.push({ obs, ms });
    inWindow.set(obs.position.mmsi, reports);
  }
  return [...last.values()]
    .sort((a, b) => (a.obs.position.mmsi < b.obs.position.mmsi ? -1 : 1))
    .map(({ obs }) => {
      const classified = classifyPosition(geography, obs);
      const { zone } = classified;
      let { status } = classified;
      if (status === 'anchored_outside') {
        const earlier = (inWindow.get(obs.position.mmsi) ?? [])
          .filter((r) => r.obs !== obs)
          .sort((a, b) => b.ms - a.ms)
          .map((r) => r.obs);
        if (!anchoredForAWhile(geography, [obs, ...earlier])) status = 'other';
      }
      return {
        mmsi: obs.position.mmsi,
        status,
        zone: zone ? zoneRef(zone) : null,
        observedAt: obs.eventDateTime,
        lat: obs.position.lat,
        lon: obs.position.lon,
        sogKn: obs.position.sogKn,
        navStatus: obs.position.navStatus,
        static: obs.static ?? null,
      };
    });
}
