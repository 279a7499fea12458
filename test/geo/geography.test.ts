import { describe, expect, it } from 'vitest';
import { distanceM, distanceNm } from '../../src/geo/geo-distance.js';
import { geoDataPath, packageRoot } from '../../src/geo/geo-data-path.js';
import { loadGeography } from '../../src/geo/load-geography.js';
import { parseGeography } from '../../src/geo/parse-geography.js';
import { pointInPolygon } from '../../src/geo/point-in-polygon.js';

describe('San Pedro Bay geography', () => {
  const geography = loadGeography();

  it('should load the shipped file from the package root and cite a source for every zone', () => {
    expect(geoDataPath('x.geojson')).toBe(`${packageRoot()}/data-static/geo/x.geojson`);
    expect(geography.zones.length).toBeGreaterThan(30);
    for (const zone of geography.zones) {
      expect(zone.properties.source.url).toMatch(/^https:\/\//);
      expect(zone.properties.note.length).toBeGreaterThan(20);
    }
  });

  it('should place Long Beach Light on the Long Beach Pilot Area and Santa Monica Bay in no zone', () => {
    expect(geography.zonesAt(33.7225, -118.1867).map((z) => z.id)).toContain('pilot-area-lb');
    expect(geography.zonesAt(33.95, -118.6)).toEqual([]);
  });

  it('should hold both pilot boarding areas inside the precautionary area and the TSS outside it (33 CFR 167.501)', () => {
    const area = geography.zones.find((z) => z.id === 'precautionary-area-la-lb')!;
    expect(area.properties.kind).toBe('precautionary_area');
    // Long Beach Light, in the Long Beach pilot area; a point of the LA pilot area off Angels Gate.
    expect(geography.zonesAt(33.7225, -118.1867).map((z) => z.id)).toContain('precautionary-area-la-lb');
    expect(geography.zonesAt(33.7, -118.25).map((z) => z.id)).toContain('precautionary-area-la-lb');
    // The southern TSS separation zone starts on the area's southern edge (33°35.50'N) and runs south of it.
    expect(geography.zonesAt(33.55, -118.18).map((z) => z.id)).not.toContain('precautionary-area-la-lb');
  });

  it('should list the sub-anchorage before the commercial anchorage that contains it', () => {
    // centre of deep-draft sub-anchorage B-7, 33 CFR 110.214(a)(2)(i)(A): 33°43′52.0″N 118°12′47.9″W
    const ids = geography.zonesAt(33.731111, -118.213306, ['anchorage']).map((z) => z.id);
    expect(ids).toEqual(['anchorage-b-7', 'anchorage-b']);
  });

  it('should ship the 33 CFR 167.503 southern-approach separation zone as published', () => {
    // 167.503(a) positions 1, 2, 4, 3: 33°35.50'N 118°10.30'W, 33°35.50'N 118°12.75'W, 33°19.00'N 118°05.60'W, 33°19.70'N 118°03.50'W
    const zone = geography.zone('tss-southern-separation-zone');
    expect(zone?.geometry.coordinates).toEqual([
      [
        [-118.171667, 33.591667],
        [-118.2125, 33.591667],
        [-118.093333, 33.316667],
        [-118.058333, 33.328333],
        [-118.171667, 33.591667],
      ],
    ]);
  });
});

describe('geofencing primitives', () => {
  const square = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  const hole = [
    [4, 4],
    [6, 4],
    [6, 6],
    [4, 6],
    [4, 4],
  ];

  it('should test points against a polygon with a hole', () => {
    expect(pointInPolygon(1, 1, [square])).toBe(true);
    expect(pointInPolygon(5, 5, [square])).toBe(true);
    expect(pointInPolygon(5, 5, [square, hole])).toBe(false);
    expect(pointInPolygon(11, 5, [square, hole])).toBe(false);
  });

  it('should measure distances in metres and nautical miles', () => {
    // one minute of latitude is about one nautical mile
    expect(distanceNm(33, -118, 33 + 1 / 60, -118)).toBeCloseTo(1, 1);
    expect(distanceM(33.7083, -118.2517, 33.7233, -118.1867)).toBeGreaterThan(6000);
    expect(distanceM(33.7083, -118.2517, 33.7233, -118.1867)).toBeLessThan(6300);
  });

  it('should reject an invalid document with readable errors instead of throwing', () => {
    const r = parseGeography({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'X' }, geometry: null }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
  });
});
