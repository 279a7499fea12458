import { describe, expect, it } from 'vitest';
import type { NewCanonicalEvent } from '../../src/domain/canonical-event.js';
import type { VesselStaticPayload } from '../../src/domain/vessel-observation.js';
import { loadGeography } from '../../src/geo/load-geography.js';
import { buildVesselCalls } from '../../src/domain/vessel-calls/build-vessel-calls.js';
import type { PositionObservation } from '../../src/domain/vessel-calls/position-observation.js';
import { initialVesselCallState, step } from '../../src/domain/vessel-calls/vessel-call-detector.js';

const geography = loadGeography();
const T0 = Date.parse('2022-01-03T00:00:00Z');
const stat = (draughtM: number): VesselStaticPayload => ({
  mmsi: '477776200',
  imo: '9516442',
  callSign: 'VRMX2',
  name: 'COSCO SPAIN',
  shipType: 71,
  lengthM: 366,
  beamM: 52,
  draughtM,
  destination: 'USLGB',
});
// One report a minute: minute, lat, lon, sog, navStatus. Positions are real ones from the 2022-01-03 extract
// (anchorage F: COSCOSHIPPING VISION; LBCT berth: COSCO SPAIN) and a track through the Long Beach Pilot Area.
function track(): PositionObservation[] {
  const legs: [
    from: number,
    to: number,
    lat: (m: number) => number,
    lon: number,
    sog: number,
    nav: number,
    draught: number,
  ][] = [
    [0, 29, (m) => 33.55 + m * 0.005, -118.18, 10, 0, 14.5], // approach from sea through the pilot area
    [30, 149, () => 33.68906, -118.14249, 0, 1, 14.5], // at anchor in Anchorage F (2 h)
    [150, 169, () => 33.72, -118.19, 6, 0, 14.5], // shifting to the berth
    [170, 769, () => 33.75738, -118.21424, 0.1, 5, 14.5], // moored at LBCT (10 h)
    [770, 800, () => 33.7, -118.18, 8, 0, 12.8], // outbound through the pilot area
    [801, 830, () => 33.55, -118.18, 14, 0, 12.8], // gone to sea
  ];
  return legs.flatMap(([from, to, lat, lon, sog, nav, draught]) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      eventDateTime: new Date(T0 + (from + i) * 60_000).toISOString(),
      position: {
        mmsi: '477776200',
        lat: lat(i),
        lon,
        sogKn: sog,
        cogDeg: 0,
        headingDeg: null,
        navStatus: nav,
        aisType: 1,
      },
      static: stat(draught),
    })),
  );
}
function run(observations: readonly PositionObservation[]): NewCanonicalEvent[] {
  let state = initialVesselCallState;
  const out: NewCanonicalEvent[] = [];
  for (const obs of observations) {
    const r = step(geography, state, obs);
    state = r.state;
    out.push(...r.events);
  }
  return out;
}

describe('vessel-call detector', () => {
  const events = run(track());
  const summary = events.map(
    (e) =>
      `${e.eventDateTime.slice(11, 16)} ${e.eventTypeCode} ${e.location?.facilityTypeCode} ${e.location?.facilityCode}`,
  );

  it('should report arrival and departure at port limits, pilot area, anchorage and berth with hysteresis', () => {
    expect(summary).toEqual([
      '00:09 ARRI PORT port-limits-san-pedro-bay',
      '00:26 ARRI PBPL pilot-area-lb',
      '00:30 DEPA PBPL pilot-area-lb',
      '00:30 ARRI ANCH anchorage-f',
      '02:30 DEPA ANCH anchorage-f',
      '02:50 ARRI BRTH polb-lbct',
      '12:50 ARRI PBPL pilot-area-lb',
      '12:50 DEPA BRTH polb-lbct',
      '13:21 DEPA PORT port-limits-san-pedro-bay',
      '13:21 DEPA PBPL pilot-area-lb',
    ]);
    expect(events.every((e) => e.eventType === 'TRANSPORT' && e.eventClassifierCode === 'ACT')).toBe(true);
  });

  it('should derive deterministic idempotency keys, so a rebuild from zero stores nothing new', () => {
    expect(events[5]?.idempotencyKey).toBe('vessel-call:477776200:ARRI:polb-lbct:2022-01-03T02:50');
    expect(run(track()).map((e) => e.idempotencyKey)).toEqual(events.map((e) => e.idempotencyKey));
  });

  it('should not arrive at a berth for a ship that only slows down there for less than 10 minutes', () => {
    const brief = track().filter((o) => o.eventDateTime < '2022-01-03T02:58');
    expect(run(brief).filter((e) => e.location?.facilityTypeCode === 'BRTH')).toEqual([]);
  });

  it('should ignore a report older than the last one', () => {
    const obs = track();
    const shuffled = [...obs.slice(0, 200), obs[10]!, ...obs.slice(200)];
    expect(run(shuffled).map((e) => e.idempotencyKey)).toEqual(events.map((e) => e.idempotencyKey));
  });

  it('should build the vessel call with anchorage time, berth times and draughts', () => {
    expect(buildVesselCalls(events)).toEqual([
      {
        callId: '477776200:2022-01-03T00:09',
        vessel: { mmsi: '477776200', imo: '9516442', name: 'COSCO SPAIN' },
        port: 'USLGB',
        ata: '2022-01-03T00:09:00.000Z',
        ataAnchorage: '2022-01-03T00:30:00.000Z',
        anchorage: 'anchorage-f',
        timeAtAnchorMin: 120,
        berth: 'polb-lbct',
        atb: '2022-01-03T02:50:00.000Z',
        atd: '2022-01-03T12:50:00.000Z',
        atdPort: '2022-01-03T13:21:00.000Z',
        draughtInM: 14.5,
        draughtOutM: 12.8,
      },
    ]);
  });
});
