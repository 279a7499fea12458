/**
 * Distance still to sail along an approach route (a polyline of waypoints ending at the pilot boarding area):
 * the ship's position is projected onto the nearest segment (local equirectangular plane around the segment,
 * good to well under 0.1% over the few tens of miles of a San Pedro Bay lane) and the rest of the route is
 * summed with great-circle leg lengths. Pure.
 */

/** Haversine great-circle distance (spherical Earth, mean radius 6,371,008.8 m; the formula of
 * geo/geo-distance.ts, restated here because forecast models import only forecast and domain). */
export function distanceNm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return (2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)))) / 1852;
}

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export interface RouteProjection {
  /** Nautical miles from the projected point to the end of the route. */
  readonly remainingNm: number;
  /** Nautical miles from the ship to its projection (how far off the route it is). */
  readonly offRouteNm: number;
  /** Index of the segment (from point i to i + 1) the ship projects onto. */
  readonly segment: number;
}

const NM_PER_DEG_LAT = 60;

export function polylineNm(points: readonly LatLon[]): number {
  let nm = 0;
  for (let i = 1; i < points.length; i++) {
    nm += distanceNm(points[i - 1]!.lat, points[i - 1]!.lon, points[i]!.lat, points[i]!.lon);
  }
  return nm;
}

/** Where `at` lies along `route` (two points or more). */
export function projectOntoRoute(route: readonly LatLon[], at: LatLon): RouteProjection {
  if (route.length < 2) throw new RangeError('a route needs two points or more');
  let best: { segment: number; f: number; off: number } | null = null;
  for (let i = 0; i + 1 < route.length; i++) {
    const a = route[i]!;
    const b = route[i + 1]!;
    const k = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
    const bx = (b.lon - a.lon) * k;
    const by = b.lat - a.lat;
    const px = (at.lon - a.lon) * k;
    const py = at.lat - a.lat;
    const len2 = bx * bx + by * by;
    const f = len2 === 0 ? 0 : Math.min(1, Math.max(0, (px * bx + py * by) / len2));
    const off = Math.hypot(px - f * bx, py - f * by) * NM_PER_DEG_LAT;
    if (best === null || off < best.off - 1e-9) best = { segment: i, f, off };
  }
  const { segment, f, off } = best!;
  const a = route[segment]!;
  const b = route[segment + 1]!;
  const onSegment = { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
  const remainingNm = polylineNm([onSegment, ...route.slice(segment + 1)]);
  return { remainingNm, offRouteNm: off, segment };
}
