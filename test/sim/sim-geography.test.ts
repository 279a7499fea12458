/**
 * The simulator's fixed routes against the product's geography (data-static/geo/san-pedro-bay.geojson):
 * lanes keep out of the TSS separation zones and on the right-hand side, anchoring spots lie in the
 * official anchorages, overflow spots outside them and outside the traffic lanes.
 */
import { describe, expect, it } from 'vitest';
import { officialAnchorSpots } from '../../src/sim/anchorage-spots.js';
import { HARBOUR, INBOUND_LANE, OUTBOUND_LANE, overflowSpot } from '../../src/sim/approach-routes.js';
import { BERTH_SPACING_DEG, berthSpots } from '../../src/sim/berth-spots.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { capacityOf, TERMINAL_CAPACITY } from '../../src/sim/terminal-capacity.js';
import type { LatLon } from '../../src/sim/track.js';

const { geography } = loadSimInputs();
const inSeparationZone = (p: LatLon): boolean =>
  geography.zonesAt(p.lat, p.lon, ['traffic_separation_scheme']).some((z) => z.id.includes('separation-zone'));

/** Points along a polyline every ~0.01° (so a leg crossing a zone is caught, not only its ends). */
function along(points: readonly LatLon[]): LatLon[] {
  const out: LatLon[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const n = Math.ceil(Math.max(Math.abs(b.lat - a.lat), Math.abs(b.lon - a.lon)) / 0.01);
    for (let k = 0; k <= n; k++) {
      out.push({ lat: a.lat + ((b.lat - a.lat) * k) / n, lon: a.lon + ((b.lon - a.lon) * k) / n });
    }
  }
  return out;
}

describe('approach routes', () => {
  it.each(['western', 'southern'] as const)(
    'should keep the %s lanes and their joins to the pilot areas out of the separation zones',
    (approach) => {
      for (const port of ['USLAX', 'USLGB'] as const) {
        const inbound = [...INBOUND_LANE[approach], HARBOUR[port].pilot];
        const outbound = [HARBOUR[port].pilot, ...OUTBOUND_LANE[approach]];
        for (const p of [...along(inbound), ...along(outbound)]) expect(inSeparationZone(p)).toBe(false);
      }
    },
  );

  it('should keep inbound and outbound traffic on opposite sides of each separation zone (right-hand traffic)', () => {
    // Southern approach runs roughly north-south: inbound (northbound) is east of outbound.
    expect(INBOUND_LANE.southern[1]!.lon).toBeGreaterThan(OUTBOUND_LANE.southern[1]!.lon);
    // Western approach runs roughly east-west: inbound (south-east-bound) is south of outbound.
    expect(INBOUND_LANE.western[2]!.lat).toBeLessThan(OUTBOUND_LANE.western[1]!.lat);
  });

  it('should put the pilot boarding points inside the pilot boarding areas', () => {
    for (const port of ['USLAX', 'USLGB'] as const) {
      const p = HARBOUR[port].pilot;
      expect(geography.zonesAt(p.lat, p.lon, ['pilot_boarding_area']).length).toBe(1);
    }
  });
});

describe('anchoring', () => {
  const spots = officialAnchorSpots(geography, HARBOUR.USLAX.pilot);

  it('should offer a few dozen spots, all inside official anchorages and none in the explosives anchorage', () => {
    expect(spots.length).toBeGreaterThan(30);
    for (const s of spots) {
      const zones = geography.zonesAt(s.position.lat, s.position.lon, ['anchorage']).map((z) => z.id);
      expect(zones).toContain(s.zoneId);
      expect(zones.some((id) => id.includes('explosives'))).toBe(false);
    }
  });

  it('should put overflow spots outside the anchorages, the port limits and the TSS', () => {
    for (let n = 0; n < 200; n++) {
      const p = overflowSpot(n);
      expect(
        geography.zonesAt(p.lat, p.lon, [
          'anchorage',
          'port_limits',
          'traffic_separation_scheme',
          'precautionary_area',
        ]),
      ).toEqual([]);
      // East of the southern TSS northbound lane's outer edge (-118.15, 33.5917)–(-118.0383, 33.3333) where beside it.
      if (p.lat >= 33.3333 && p.lat <= 33.5917) {
        const edgeLon = -118.0383 + ((p.lat - 33.3333) * (-118.15 + 118.0383)) / (33.5917 - 33.3333);
        expect(p.lon).toBeGreaterThan(edgeLon);
      }
    }
  });
});

describe('berth spots', () => {
  const { registry } = loadSimInputs();
  const berthZones = (p: LatLon) => geography.zonesAt(p.lat, p.lon, ['terminal', 'berth']);

  it("should put every berth of every terminal inside a terminal or berth zone (the product's at berth)", () => {
    const drawn = Object.keys(TERMINAL_CAPACITY);
    expect(drawn).toHaveLength(12);
    // Matson's Pier C (MATU): the approximate box around its registry position, its own terminal zone.
    const matson = registry.byCode('MATU')!;
    expect(berthZones({ lat: matson.lat, lon: matson.lon }).map((z) => z.id)).toEqual(['polb-pier-c-matson']);
    for (const code of drawn) {
      const t = registry.byCode(code)!;
      const spots = berthSpots(geography, { lat: t.lat, lon: t.lon }, capacityOf(code).berths);
      expect(spots, code).toHaveLength(capacityOf(code).berths);
      for (const spot of spots) expect(berthZones(spot).length, `${code} ${JSON.stringify(spot)}`).toBeGreaterThan(0);
      // Distinct berths, in a row, at most the model's spacing apart.
      const lons = spots.map((s) => s.lon);
      expect(new Set(lons).size, code).toBe(lons.length);
      for (let i = 1; i < lons.length; i++) {
        expect(lons[i]! - lons[i - 1]!, code).toBeGreaterThan(0);
        expect(lons[i]! - lons[i - 1]!, code).toBeLessThanOrEqual(BERTH_SPACING_DEG + 1e-6);
      }
    }
  });

  it('should keep the spacing and centre the row on the point of a terminal the geography does not draw', () => {
    const at = { lat: 33.0, lon: -119.0 }; // open sea, no zone
    expect(berthSpots(geography, at, 3)).toEqual([
      { lat: 33.0, lon: -119.0035 },
      { lat: 33.0, lon: -119.0 },
      { lat: 33.0, lon: -118.9965 },
    ]);
  });
});
