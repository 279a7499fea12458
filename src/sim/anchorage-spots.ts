/**
 * Anchoring positions inside the official anchorages of the product's geography (zones of kind
 * `anchorage`, except the explosives anchorage): a grid about 0.5 nm apart clipped to each polygon, nearest
 * to the harbour entrances first. Ships that find them all taken anchor outside (`overflowSpot`).
 */
import type { Geography } from '../geo/geography.js';
import type { LatLon } from './track.js';

export interface AnchorSpot {
  readonly id: string;
  readonly zoneId: string;
  readonly position: LatLon;
}

const STEP_LAT = 0.008;
const STEP_LON = 0.0095;

export function officialAnchorSpots(geography: Geography, nearTo: LatLon): readonly AnchorSpot[] {
  const spots: AnchorSpot[] = [];
  const zones = geography.zones.filter(
    (z) => z.kind === 'anchorage' && z.geometry.type !== 'LineString' && !z.id.includes('explosives'),
  );
  const taken = new Set<string>();
  for (const zone of zones) {
    const [minLon, minLat, maxLon, maxLat] = zone.bbox;
    for (let lat = minLat + STEP_LAT / 2; lat < maxLat; lat += STEP_LAT) {
      for (let lon = minLon + STEP_LON / 2; lon < maxLon; lon += STEP_LON) {
        const key = `${lat.toFixed(4)},${lon.toFixed(4)}`;
        if (taken.has(key)) continue;
        const here = geography.zonesAt(lat, lon, ['anchorage']);
        if (!here.some((z) => z.id === zone.id) || here.some((z) => z.id.includes('explosives'))) continue;
        taken.add(key);
        spots.push({
          id: `${zone.id}#${spots.length}`,
          zoneId: zone.id,
          position: { lat: +lat.toFixed(5), lon: +lon.toFixed(5) },
        });
      }
    }
  }
  const d = (s: AnchorSpot): number => (s.position.lat - nearTo.lat) ** 2 + (s.position.lon - nearTo.lon) ** 2;
  return spots.sort((a, b) => d(a) - d(b) || a.id.localeCompare(b.id));
}
