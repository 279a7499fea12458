import { describe, expect, it } from 'vitest';
import { loadGeography } from '../../src/geo/load-geography.js';
import { vesselStatusAt } from '../../src/domain/vessel-calls/vessel-status-at.js';
import { loadExtractObservations } from './load-extract.js';
import {
  CARGO_AT_ANCHOR,
  CARGO_AT_BERTH,
  TANKERS_AT_ANCHOR,
  TANKERS_AT_BERTH,
} from '../vessels/expected-2022-01-03.js';

describe('vesselStatusAt on the MarineCadastre extract of 2022-01-03', () => {
  const geography = loadGeography();
  const statuses = vesselStatusAt(geography, loadExtractObservations(), '2022-01-03T00:20:00Z');
  const ofType = (lo: number, hi: number, status: string) =>
    statuses
      .filter((s) => (s.static?.shipType ?? 0) >= lo && (s.static?.shipType ?? 0) <= hi)
      .filter((s) => (s.static?.lengthM ?? Infinity) >= 60 && s.status === status)
      .map((s) => s.mmsi);

  it('should find the cargo ships at berth and at anchor during the January 2022 queue', () => {
    expect(ofType(70, 79, 'at_berth')).toEqual(CARGO_AT_BERTH);
    expect(ofType(70, 79, 'at_anchor')).toEqual(CARGO_AT_ANCHOR);
  });

  it('should find the tankers at berth and at anchor', () => {
    expect(ofType(80, 89, 'at_berth')).toEqual(TANKERS_AT_BERTH);
    expect(ofType(80, 89, 'at_anchor')).toEqual(TANKERS_AT_ANCHOR);
  });

  it('should name the terminal of a berthed ship and the commercial anchorage of an anchored one', () => {
    const cosco = statuses.find((s) => s.mmsi === '477776200');
    expect(cosco?.zone).toMatchObject({ id: 'polb-lbct', kind: 'terminal', port: 'USLGB' });
    const anchored = statuses.filter((s) => s.status === 'at_anchor');
    expect(anchored.every((s) => s.zone?.kind === 'anchorage' && /^anchorage-[a-g]$|explosives/.test(s.zone.id))).toBe(
      true,
    );
  });

  it('should report the ships anchored off Huntington Beach as anchored outside the anchorages', () => {
    /*
     * Derived by hand from the raw rows (last row per MMSI in (23:50, 00:20], as in expected-2022-01-03.ts):
     * the ships of 60 m or more with SOG <= 0.5 kn east of -118.12 (outside anchorages B-G and the harbour,
     * off Huntington Beach) are
     *   538003093 CAPE MAGNUS    221 m  00:00:35 33.69105 -118.11611 SOG 0.1 Status 1 (at anchor)
     *   538005592 JEJU ISLAND    221 m  00:00:06 33.63382 -118.05189 SOG 0.1 Status 0, its only row
     *   565132000 WAN HAI 313    212 m  00:08:41 33.62595 -118.06797 SOG 0   Status 1 (at anchor)
     *   565653000 WAN HAI 509    268 m  00:00:42 33.61402 -118.03355 SOG 0   Status 1 (at anchor)
     *   636021005 MATSON MOLOKAI 222 m  00:01:15 33.61160 -118.05854 SOG 0.2 Status 0, one row before at 00:00:05
     * The three declaring Status 1 are anchored outside the anchorages; JEJU ISLAND and MATSON MOLOKAI declare
     * "under way" and were seen stopped for less than 5 minutes (one row; 70 s apart), so they stay "other".
     * The small craft moored off Huntington Beach and in the marinas (under 60 m) are never counted.
     */
    const offHuntington = statuses.filter((s) => s.lon > -118.12 && s.lat < 33.76 && s.lat > 33.55);
    expect(offHuntington.filter((s) => s.status === 'anchored_outside').map((s) => s.mmsi)).toEqual([
      '538003093',
      '565132000',
      '565653000',
    ]);
    expect(statuses.find((s) => s.mmsi === '565653000')).toMatchObject({ navStatus: 1, zone: null });
    expect(statuses.filter((s) => s.mmsi === '538005592' || s.mmsi === '636021005').map((s) => s.status)).toEqual([
      'other',
      'other',
    ]);
    expect(statuses.filter((s) => s.status === 'anchored_outside' && (s.static?.lengthM ?? 0) < 60)).toEqual([]);
  });

  it('should ignore reports after the instant and reports older than the staleness window', () => {
    const early = vesselStatusAt(geography, loadExtractObservations(), '2022-01-03T00:00:30Z');
    expect(early.every((s) => s.observedAt <= '2022-01-03T00:00:30.000Z')).toBe(true);
    expect(early.length).toBeLessThan(statuses.length);
    expect(vesselStatusAt(geography, loadExtractObservations(), '2022-01-03T10:00:00Z')).toEqual([]);
  });
});
