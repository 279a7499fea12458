import { describe, expect, it } from 'vitest';
import { loadGeography } from '../../geo/load-geography.js';
import type { PositionObservation } from '../../projections/vessel-calls/position-observation.js';
import { stationarySince } from './stationary-since.js';

const geography = loadGeography();

/** A report of ATLANTIS TRADE (MMSI 210185000) at its anchor position of 2022-01-03 (MarineCadastre extract). */
const report = (at: string, sogKn = 0, lat = 33.72868, lon = -118.14566): PositionObservation => ({
  eventDateTime: at,
  position: { mmsi: '210185000', lat, lon, sogKn, cogDeg: 62.4, headingDeg: 253, navStatus: 1, aisType: null },
});

const newestFirst = (reports: PositionObservation[]) =>
  [...reports].sort((a, b) => (a.eventDateTime < b.eventDateTime ? 1 : -1));

describe('stationarySince', () => {
  it('should go back to the first report of the unbroken run, not stop at the newest', () => {
    const track = newestFirst([
      report('2022-01-03T00:02:36.000Z'),
      report('2022-01-03T00:05:36.000Z'),
      report('2022-01-03T00:17:39.000Z'),
    ]);
    const zone = geography.zonesAt(33.72868, -118.14566, ['anchorage']).at(-1)?.id ?? null;
    expect(zone).not.toBeNull();
    expect(stationarySince(geography, track, 'at_anchor', zone, 30)).toBe('2022-01-03T00:02:36.000Z');
  });

  it('should stop at a gap longer than the limit and at a report in another status', () => {
    const zone = geography.zonesAt(33.72868, -118.14566, ['anchorage']).at(-1)?.id ?? null;
    const gap = newestFirst([
      report('2022-01-02T23:20:00.000Z'),
      report('2022-01-03T00:02:36.000Z'), // 42.6 min after the one before: a new run starts here
      report('2022-01-03T00:17:39.000Z'),
    ]);
    expect(stationarySince(geography, gap, 'at_anchor', zone, 30)).toBe('2022-01-03T00:02:36.000Z');
    const arriving = newestFirst([
      report('2022-01-03T00:00:00.000Z', 6.2, 33.7, -118.16), // still under way
      report('2022-01-03T00:02:36.000Z'),
      report('2022-01-03T00:17:39.000Z'),
    ]);
    expect(stationarySince(geography, arriving, 'at_anchor', zone, 30)).toBe('2022-01-03T00:02:36.000Z');
    expect(stationarySince(geography, [], 'at_anchor', zone, 30)).toBeNull();
  });
});
