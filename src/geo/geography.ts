/**
 * The port's geography as an in-memory index: zones by id and `zonesAt(lat, lon)`, with a bounding-box
 * prefilter before the exact point-in-polygon test. Pure: build it from a parsed document
 * (see `parseGeography`), or load the shipped one with `loadGeography`.
 */
import type { PortZones } from '../domain/port-zones.js';
import type { GeographyDocument, ZoneGeometry, ZoneKind } from './geography-schema.js';
import { pointInPolygon, type Ring } from './point-in-polygon.js';
import type { BBox, Zone } from './zone.js';

const KM_PER_DEG = 111.32;

function polygonsOf(geometry: ZoneGeometry): (readonly Ring[])[] {
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    case 'LineString':
      return [];
  }
}

function bboxOf(geometry: ZoneGeometry): BBox {
  const points = geometry.type === 'LineString' ? geometry.coordinates : polygonsOf(geometry).flat(2);
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

function ringAreaKm2(ring: Ring): number {
  if (ring.length < 3) return 0;
  const lat0 = ((ring[0]?.[1] ?? 0) * Math.PI) / 180;
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[j] as readonly [number, number];
    twice += xj * yi - xi * yj;
  }
  return (Math.abs(twice) / 2) * KM_PER_DEG * KM_PER_DEG * Math.cos(lat0);
}

function areaOf(geometry: ZoneGeometry): number {
  return polygonsOf(geometry).reduce((sum, [outer, ...holes]) => {
    const hole = holes.reduce((s, h) => s + ringAreaKm2(h), 0);
    return sum + (outer ? ringAreaKm2(outer) : 0) - hole;
  }, 0);
}

export class Geography implements PortZones {
  readonly zones: readonly Zone[];
  readonly #byId: ReadonlyMap<string, Zone>;
  /** Areal zones, smallest first, so that `zonesAt` lists the most specific zone first. */
  readonly #areal: readonly Zone[];

  constructor(document: GeographyDocument) {
    const zones = document.features.map(({ properties, geometry }): Zone =>
      Object.freeze({
        id: properties.id,
        kind: properties.kind,
        name: properties.name,
        port: properties.port ?? null,
        properties,
        geometry,
        bbox: bboxOf(geometry),
        areaKm2: areaOf(geometry),
      }),
    );
    const byId = new Map<string, Zone>();
    for (const zone of zones) {
      if (byId.has(zone.id)) throw new Error(`zone id "${zone.id}" appears twice`);
      byId.set(zone.id, zone);
    }
    this.zones = zones;
    this.#byId = byId;
    this.#areal = zones.filter((z) => z.geometry.type !== 'LineString').sort((a, b) => a.areaKm2 - b.areaKm2);
  }

  zone(id: string): Zone | undefined {
    return this.#byId.get(id);
  }

  /** Zones (areas only) containing the position, smallest area first; optionally only of some kinds. */
  zonesAt(lat: number, lon: number, kinds?: readonly ZoneKind[]): Zone[] {
    const found: Zone[] = [];
    for (const zone of this.#areal) {
      if (kinds && !kinds.includes(zone.kind)) continue;
      const [minLon, minLat, maxLon, maxLat] = zone.bbox;
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
      if (polygonsOf(zone.geometry).some((rings) => pointInPolygon(lon, lat, rings))) found.push(zone);
    }
    return found;
  }
}
