import { describe, expect, it } from 'vitest';
import { projectOntoRoute } from './route-geometry.js';
import {
  distanceOverSogEta,
  predictEta,
  queuedBerthMs,
  type AisFix,
  type ApproachGeometry,
  type BerthQueue,
  type EtaInput,
} from './vessel-eta.js';
import { HOUR } from '../../domain/time-units.js';

const MIN = 60_000;
// A north-bound lane along 118° W: 0.1° of latitude is 6.004 nm on the haversine sphere (R = 6,371,008.8 m).
const NM_PER_TENTH_DEG = (6_371_008.8 * Math.PI * 0.1) / 180 / 1852;
const geometry: ApproachGeometry = {
  lanes: [
    [
      { lat: 33.0, lon: -118 },
      { lat: 33.5, lon: -118 },
    ],
  ],
  pilot: { lat: 33.6, lon: -118 },
  fairway: [{ lat: 33.65, lon: -118 }],
};
const berth = { lat: 33.7, lon: -118 };
const noQueue: BerthQueue = { berths: 2, occupiedUntilMs: [], ahead: [] };
const T0 = Date.UTC(2018, 2, 5, 12);

/** Fixes once a minute for 15 minutes, sailing north at `sog` and ending at `lat` at T0. */
function northbound(lat: number, sog: number, navStatus = 0): AisFix[] {
  return Array.from({ length: 16 }, (_, i) => ({
    tMs: T0 - (15 - i) * MIN,
    lat: lat - ((15 - i) / 60) * sog * (0.1 / NM_PER_TENTH_DEG),
    lon: -118,
    sogKn: sog,
    navStatus,
  }));
}

describe('route geometry (hand-checked)', () => {
  it('projects onto the lane: remaining distance along it and distance off it', () => {
    const p = projectOntoRoute(geometry.lanes[0]!, { lat: 33.2, lon: -117.99 });
    expect(p.remainingNm).toBeCloseTo(3 * NM_PER_TENTH_DEG, 3); // 0.3° of latitude to go
    // 0.01° of longitude at 33.2° N: 0.6 nm × cos(33.2°) = 0.502 nm
    expect(p.offRouteNm).toBeCloseTo(0.6 * Math.cos((33.2 * Math.PI) / 180), 2);
  });
});

describe('vessel ETA', () => {
  it('on the lane: lane rest at the recent SOG, lane end to pilot at 10 kn, harbour at 7 kn', () => {
    const input: EtaInput = { originMs: T0 + 1, fixes: northbound(33.2, 12), berth, scheduledArrivalMs: null };
    const eta = predictEta(input, noQueue, geometry)!;
    expect(eta.method).toBe('track');
    expect(eta.asOfMs).toBe(T0);
    // 18.01 nm at 12 kn + 6.00 nm at 10 kn = 1.501 h + 0.600 h
    const pilotH = (3 * NM_PER_TENTH_DEG) / 12 + NM_PER_TENTH_DEG / 10;
    expect((eta.pilotMs - T0) / HOUR).toBeCloseTo(pilotH, 3);
    // pilot → fairway → berth: 0.1° = 6.00 nm at 7 kn
    expect((eta.berthMs - eta.pilotMs) / HOUR).toBeCloseTo(NM_PER_TENTH_DEG / 7, 3);
    const sog = distanceOverSogEta(input, geometry)!;
    expect((sog.pilotMs - T0) / HOUR).toBeCloseTo((4 * NM_PER_TENTH_DEG) / 12, 3);
  });

  it('at anchor: sails anchorage → pilot area at 8 kn from the origin, then waits for the berth queue', () => {
    const fixes = [{ tMs: T0 - MIN, lat: 33.5, lon: -118, sogKn: 0, navStatus: 1 }];
    const input: EtaInput = { originMs: T0, fixes, berth, scheduledArrivalMs: null };
    const free = predictEta(input, noQueue, geometry)!;
    expect(free.method).toBe('anchored');
    expect((free.pilotMs - T0) / HOUR).toBeCloseTo(NM_PER_TENTH_DEG / 8, 3);
    const busy = predictEta(input, { berths: 1, occupiedUntilMs: [T0 + 10 * HOUR], ahead: [] }, geometry)!;
    expect(busy.berthMs).toBe(T0 + 10 * HOUR);
    expect((busy.berthMs - busy.pilotMs) / HOUR).toBeCloseTo(NM_PER_TENTH_DEG / 7, 3);
    expect(busy.queueWaitH).toBeGreaterThan(8);
  });

  it('no position yet: the carrier schedule plus the passage', () => {
    const input: EtaInput = { originMs: T0, fixes: [], berth, scheduledArrivalMs: T0 + 20 * HOUR };
    const eta = predictEta(input, noQueue, geometry)!;
    expect(eta.method).toBe('schedule');
    expect((eta.pilotMs - T0) / HOUR).toBeCloseTo(20 + NM_PER_TENTH_DEG / 10, 3);
    expect(predictEta({ ...input, scheduledArrivalMs: null }, noQueue, geometry)).toBeNull();
  });

  it('berth queue, first come first served (hand-worked)', () => {
    // Two berths, busy until +5 h and +10 h; one ship ahead arrives at +1 h and stays 8 h: it takes the berth
    // that frees at +5 h (until +13 h); this ship, at berth naturally at +2 h, gets the one free at +10 h.
    const queue: BerthQueue = {
      berths: 2,
      occupiedUntilMs: [T0 + 5 * HOUR, T0 + 10 * HOUR],
      ahead: [{ naturalBerthMs: T0 + HOUR, stayMs: 8 * HOUR }],
    };
    expect(queuedBerthMs(T0 + 2 * HOUR, queue, T0)).toBe(T0 + 10 * HOUR);
    expect(queuedBerthMs(T0 + 11 * HOUR, queue, T0)).toBe(T0 + 11 * HOUR);
    // A third, free berth: the ship ahead takes it (until +9 h); this one gets the berth freeing at +5 h.
    expect(queuedBerthMs(T0 + 2 * HOUR, { ...queue, berths: 3 }, T0)).toBe(T0 + 5 * HOUR);
    // A fourth: a free berth is left for this ship.
    expect(queuedBerthMs(T0 + 2 * HOUR, { ...queue, berths: 4 }, T0)).toBe(T0 + 2 * HOUR);
  });

  it('no leakage: positions at or after the origin change nothing', () => {
    const past = northbound(33.2, 12);
    const input: EtaInput = { originMs: T0 + 1, fixes: past, berth, scheduledArrivalMs: T0 };
    const future = [1, 2, 3].map((k) => ({ tMs: T0 + 1 + k * MIN, lat: 33.55, lon: -118, sogKn: 0, navStatus: 1 }));
    const withFuture = { ...input, fixes: [...past, ...future] };
    expect(predictEta(withFuture, noQueue, geometry)).toEqual(predictEta(input, noQueue, geometry));
    expect(distanceOverSogEta(withFuture, geometry)).toEqual(distanceOverSogEta(input, geometry));
  });
});
