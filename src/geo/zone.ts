import type { PortZone } from '../domain/port-zones.js';
import type { ZoneGeometry, ZoneProperties } from './geography-schema.js';

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = readonly [number, number, number, number];

/** One named area (or line) of the port's geography, ready for fast containment tests. */
export interface Zone extends PortZone {
  readonly properties: ZoneProperties;
  readonly geometry: ZoneGeometry;
  readonly bbox: BBox;
  /** Approximate area (km², local equirectangular projection); 0 for lines. */
  readonly areaKm2: number;
}
