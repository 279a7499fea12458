/** Great-circle distances on a spherical Earth (mean radius 6,371,008.8 m, IUGG); good to ~0.5 % anywhere. */
const EARTH_RADIUS_M = 6_371_008.8;
/** One international nautical mile, in metres. */
export const METRES_PER_NM = 1852;

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Haversine distance in metres between two WGS 84 positions. */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Haversine distance in nautical miles. */
export function distanceNm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distanceM(lat1, lon1, lat2, lon2) / METRES_PER_NM;
}
