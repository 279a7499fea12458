import { describe, expect, it } from 'vitest';
import { loadGeography } from '../../src/geo/load-geography.js';
import { vesselStatusAt } from '../../src/projections/vessel-calls/vessel-status-at.js';
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

  it('should report a ship anchored outside the charted anchorages as other, not at anchor', () => {
    const wanHai509 = statuses.find((s) => s.mmsi === '565653000');
    expect(wanHai509).toMatchObject({ status: 'other', navStatus: 1, zone: null });
  });

  it('should ignore reports after the instant and reports older than the staleness window', () => {
    const early = vesselStatusAt(geography, loadExtractObservations(), '2022-01-03T00:00:30Z');
    expect(early.every((s) => s.observedAt <= '2022-01-03T00:00:30.000Z')).toBe(true);
    expect(early.length).toBeLessThan(statuses.length);
    expect(vesselStatusAt(geography, loadExtractObservations(), '2022-01-03T10:00:00Z')).toEqual([]);
  });
});
