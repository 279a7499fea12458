/**
 * One vessel call as AIS events, one position a minute: COSCO SPAIN approaching through the Long Beach
 * pilot area, 2 h at anchor in anchorage F, 10 h moored at LBCT, then out to sea (positions are real ones
 * from the 2022-01-03 MarineCadastre extract; the legs are the detector test's). Draught 14.5 m in, 12.8 m out.
 */
import type { CanonicalEventOf, EventProvenance } from '../../src/domain/canonical-event.js';

export type AisEvent = CanonicalEventOf<'STAT'> | CanonicalEventOf<'POSN'>;
import { positionIdempotencyKey } from '../../src/domain/vessel-observation.js';

const T0 = Date.parse('2022-01-03T00:00:00Z');
export const COSCO_SPAIN = { mmsi: '477776200', imo: '9516442', name: 'COSCO SPAIN' } as const;

/** How the call's AIS is stored when the local feed takes it: the operator's, seen by the community. */
export const COSCO_SPAIN_PROVENANCE: EventProvenance = {
  source: 'test-ais',
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'community',
};

function staticEvent(at: string, draughtM: number, mmsi: string = COSCO_SPAIN.mmsi): CanonicalEventOf<'STAT'> {
  return {
    idempotencyKey: `test-static:${mmsi}:${at}`,
    eventType: 'VESSEL',
    eventTypeCode: 'STAT',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    references: { vesselMMSI: mmsi, vesselIMONumber: COSCO_SPAIN.imo },
    payload: {
      mmsi,
      imo: COSCO_SPAIN.imo,
      callSign: 'VRMX2',
      name: COSCO_SPAIN.name,
      shipType: 71,
      lengthM: 366,
      beamM: 52,
      draughtM,
      destination: 'USLGB',
    },
  };
}

function positionEvent(
  at: string,
  lat: number,
  lon: number,
  sogKn: number,
  navStatus: number,
): CanonicalEventOf<'POSN'> {
  return {
    idempotencyKey: positionIdempotencyKey(COSCO_SPAIN.mmsi, at),
    eventType: 'VESSEL',
    eventTypeCode: 'POSN',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: { latitude: lat, longitude: lon },
    references: { vesselMMSI: COSCO_SPAIN.mmsi },
    payload: { mmsi: COSCO_SPAIN.mmsi, lat, lon, sogKn, cogDeg: 0, headingDeg: null, navStatus, aisType: 1 },
  };
}

const minute = (m: number): string => new Date(T0 + m * 60_000).toISOString();

export function coscoSpainCallEvents(): AisEvent[] {
  const legs: [from: number, to: number, lat: (i: number) => number, lon: number, sog: number, nav: number][] = [
    [0, 29, (i) => 33.55 + i * 0.005, -118.18, 10, 0],
    [30, 149, () => 33.68906, -118.14249, 0, 1],
    [150, 169, () => 33.72, -118.19, 6, 0],
    [170, 769, () => 33.75738, -118.21424, 0.1, 5],
    [770, 800, () => 33.7, -118.18, 8, 0],
    [801, 830, () => 33.55, -118.18, 14, 0],
  ];
  const events: AisEvent[] = [staticEvent(minute(0), 14.5)];
  for (const [from, to, lat, lon, sog, nav] of legs) {
    for (let m = from; m <= to; m++) {
      if (m === 765) events.push(staticEvent(minute(765), 12.8));
      events.push(positionEvent(minute(m), lat(m - from), lon, sog, nav));
    }
  }
  return events;
}

/** The same ship reporting under a new MMSI (re-flagged) a week later. */
export function reflaggedStatic(newMmsi: string): CanonicalEventOf<'STAT'> {
  return staticEvent('2022-01-10T00:00:00.000Z', 11.2, newMmsi);
}
