/** Great-circle distance on a sphere of the mean Earth radius (IUGG, 6,371.0088 km); 1 nautical mile = 1.852 km. */
export const EARTH_RADIUS_KM = 6_371.0088;
export const KM_PER_NM = 1.852;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Haversine distance, km. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const greatCircleNm = (a: LatLon, b: LatLon): number => greatCircleKm(a, b) / KM_PER_NM;
