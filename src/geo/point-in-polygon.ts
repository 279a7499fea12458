/**
 * Point-in-polygon by ray casting (even-odd rule) on [lon, lat] rings, GeoJSON order (RFC 7946 §3.1.6:
 * first ring is the exterior, the others are holes). Rings may be open or closed. Planar in degrees, which
 * is exact enough for harbour-sized polygons (a few km) away from the poles and the antimeridian.
 */
export type Position = readonly [number, number] | readonly number[];
export type Ring = readonly Position[];

export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[j] as readonly [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole. */
export function pointInPolygon(lon: number, lat: number, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(lon, lat, outer)) return false;
  return !holes.some((hole) => pointInRing(lon, lat, hole));
}
