/**
 * Vessel-call detection: a stateful reducer over one vessel's time-ordered AIS positions that emits DCSA
 * Track & Trace 2.2 transport events (ARRI / DEPA, classifier ACT) when the vessel arrives at or leaves
 * the port limits (facilityTypeCode `PORT`, an openpcs extension: DCSA has no port-limits facility type),
 * a pilot boarding area (`PBPL`), an anchorage (`ANCH`) or a berth/terminal (`BRTH`, facilityCode = zone id).
 *
 * Hysteresis, so that AIS jitter and a ship swinging at anchor do not flap:
 *  - ANCH/BRTH arrival: inside the zone AND stationary (sog ≤ 0.5 kn, or no sog and navStatus 1/5) without a
 *    break for ≥ 10 min; the event time is the first report of that stationary run.
 *  - ANCH/BRTH departure: outside the zone OR sog > 1.5 kn without a break for ≥ 5 min; event time = first such report.
 *  - PORT/PBPL arrival and departure: inside (resp. outside) for ≥ 2 min; event time = first report of the run.
 * Reports older than the last one seen are ignored (the reducer is incremental; feed it in time order).
 * Idempotency key: `vessel-call:<mmsi>:<ARRI|DEPA>:<zone id>:<UTC minute of the event>`, so re-running the
 * projection from zero gives the same keys.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { VesselStaticPayload } from '../../domain/vessel-observation.js';
import type { PortZone, PortZones, ZoneKind } from '../../domain/port-zones.js';
import type { PositionObservation } from './position-observation.js';

export const DETECTION_THRESHOLDS = {
  stationaryMaxSogKn: 0.5,
  movingMinSogKn: 1.5,
  arrivalDwellMin: 10,
  departureDwellMin: 5,
  passageDwellMin: 2,
} as const;

export type CallFacility = 'PORT' | 'PBPL' | 'ANCH' | 'BRTH';
const CATEGORIES: readonly { facility: CallFacility; kinds: readonly ZoneKind[]; stationary: boolean }[] = [
  { facility: 'PORT', kinds: ['port_limits'], stationary: false },
  { facility: 'PBPL', kinds: ['pilot_boarding_area'], stationary: false },
  { facility: 'ANCH', kinds: ['anchorage'], stationary: true },
  { facility: 'BRTH', kinds: ['terminal', 'berth'], stationary: true },
];

interface Run {
  readonly zoneId: string;
  readonly since: string;
  readonly lat: number;
  readonly lon: number;
}
interface CategoryState {
  /** Zone the vessel is (confirmed) at, or null. */
  readonly at: Run | null;
  /** Candidate change not yet confirmed: arrival at `zoneId`, or departure (zoneId = the one being left). */
  readonly pending: Run | null;
}
export interface VesselCallState {
  readonly mmsi: string | null;
  readonly lastAt: string | null;
  readonly static: VesselStaticPayload | null;
  readonly categories: Readonly<Record<CallFacility, CategoryState>>;
}

export const initialVesselCallState: VesselCallState = {
  mmsi: null,
  lastAt: null,
  static: null,
  categories: {
    PORT: { at: null, pending: null },
    PBPL: { at: null, pending: null },
    ANCH: { at: null, pending: null },
    BRTH: { at: null, pending: null },
  },
};

const minutesBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;

function pickZone(
  geography: PortZones,
  obs: PositionObservation,
  kinds: readonly ZoneKind[],
  facility: CallFacility,
): PortZone | undefined {
  const zones = geography.zonesAt(obs.position.lat, obs.position.lon, kinds);
  // Anchorages: the commercial anchorage (largest), not the sub-anchorage circle a swinging ship drifts across.
  return facility === 'ANCH' ? zones.at(-1) : zones[0];
}

export interface StepResult {
  readonly state: VesselCallState;
  readonly events: NewCanonicalEvent[];
}

export function step(geography: PortZones, state: VesselCallState, obs: PositionObservation): StepResult {
  if (state.lastAt !== null && obs.eventDateTime < state.lastAt) return { state, events: [] };
  const { sogKn, navStatus, mmsi } = obs.position;
  const stationary =
    sogKn !== null ? sogKn <= DETECTION_THRESHOLDS.stationaryMaxSogKn : navStatus === 1 || navStatus === 5;
  const moving = sogKn !== null && sogKn > DETECTION_THRESHOLDS.movingMinSogKn;
  const staticData = obs.static ?? state.static;
  const events: NewCanonicalEvent[] = [];
  const categories = { ...state.categories };
  for (const { facility, kinds, stationary: needsStill } of CATEGORIES) {
    const cat = categories[facility];
    const zone = pickZone(geography, obs, kinds, facility);
    const here: Run | null = zone
      ? { zoneId: zone.id, since: obs.eventDateTime, lat: obs.position.lat, lon: obs.position.lon }
      : null;
    const arriveDwell = needsStill ? DETECTION_THRESHOLDS.arrivalDwellMin : DETECTION_THRESHOLDS.passageDwellMin;
    const leaveDwell = needsStill ? DETECTION_THRESHOLDS.departureDwellMin : DETECTION_THRESHOLDS.passageDwellMin;
    let next: CategoryState = cat;
    if (cat.at === null) {
      const qualifies = here !== null && (!needsStill || stationary);
      if (!qualifies) next = { at: null, pending: null };
      else if (!cat.pending || cat.pending.zoneId !== here.zoneId) next = { at: null, pending: here };
      if (qualifies && next.pending && minutesBetween(next.pending.since, obs.eventDateTime) >= arriveDwell) {
        events.push(toEvent(geography, 'ARRI', facility, next.pending, mmsi, staticData, obs));
        next = { at: next.pending, pending: null };
      }
    } else {
      const leaving = here?.zoneId !== cat.at.zoneId || (needsStill && moving);
      if (!leaving) next = { at: cat.at, pending: null };
      else {
        const pending = cat.pending ?? {
          zoneId: cat.at.zoneId,
          since: obs.eventDateTime,
          lat: obs.position.lat,
          lon: obs.position.lon,
        };
        next = { at: cat.at, pending };
        if (minutesBetween(pending.since, obs.eventDateTime) >= leaveDwell) {
          events.push(toEvent(geography, 'DEPA', facility, pending, mmsi, staticData, obs));
          next = { at: null, pending: null };
        }
      }
    }
    categories[facility] = next;
  }
  return { state: { mmsi, lastAt: obs.eventDateTime, static: staticData, categories }, events };
}

function toEvent(
  geography: PortZones,
  code: 'ARRI' | 'DEPA',
  facility: CallFacility,
  run: Run,
  mmsi: string,
  staticData: VesselStaticPayload | null,
  confirmedBy: PositionObservation,
): NewCanonicalEvent {
  const zone = geography.zone(run.zoneId);
  const eventDateTime = new Date(run.since).toISOString();
  return {
    idempotencyKey: `vessel-call:${mmsi}:${code}:${run.zoneId}:${eventDateTime.slice(0, 16)}`,
    eventType: 'TRANSPORT',
    eventTypeCode: code,
    eventClassifierCode: 'ACT',
    eventDateTime,
    eventCreatedDateTime: new Date(confirmedBy.eventDateTime).toISOString(),
    location: {
      unLocationCode: zone?.port ?? undefined,
      facilityTypeCode: facility,
      facilityCode: run.zoneId,
      locationName: zone?.name,
      latitude: run.lat,
      longitude: run.lon,
    },
    references: { vesselMMSI: mmsi, ...(staticData?.imo ? { vesselIMONumber: staticData.imo } : {}) },
    payload: {
      transportEventTypeCode: code,
      facilityTypeCode: facility,
      zoneId: run.zoneId,
      zoneKind: zone?.kind ?? null,
      vessel: { mmsi, imo: staticData?.imo ?? null, name: staticData?.name ?? null },
      draughtM: staticData?.draughtM ?? null,
      detection: { source: 'ais-geofence', thresholds: DETECTION_THRESHOLDS },
    },
  };
}
