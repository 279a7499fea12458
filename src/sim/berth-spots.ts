/**
 * Where a terminal's ships lie alongside: one spot per berth (`terminal-capacity.ts`), in a row along the
 * terminal's latitude at the model's berth spacing (0.0035° of longitude, about 320 m), placed inside the
 * terminal or berth zone of the product's geography that holds the terminal's registry point, so the
 * product's classifier (`domain/vessel-calls/vessel-status-at.ts`: at berth = moored inside a terminal or
 * berth zone) sees every ship alongside as at berth. The row is slid inside the zone, and squeezed when the
 * zone is narrower than the row at that latitude. A terminal whose point lies in no such zone takes the nearest
 * one along its latitude within its row's length (SSA Pier A: an observed inner-harbour berth zone next to the
 * registry point); with none (the geography does not draw the terminal) the row stays centred on its point. Pure.
 */
import type { PortZones, ZoneKind } from '../domain/port-zones.js';
import type { LatLon } from './track.js';

/** Longitude between two berths of a terminal (about 320 m at 33.75° N: a 300–400 m ship per berth). */
export const BERTH_SPACING_DEG = 0.0035;
const BERTH_ZONE_KINDS: readonly ZoneKind[] = ['terminal', 'berth'];
/** Resolution of the zone's west and east edges, degrees of longitude (about 9 m). */
const EDGE_STEP_DEG = 0.0001;
/** At most this far (degrees) either side of the terminal point: a zone is a few kilometres at most. */
const EDGE_SEARCH_DEG = 0.1;

export function berthSpots(zones: PortZones, at: LatLon, berths: number): LatLon[] {
  const spot = (centre: number, step: number, i: number): LatLon => ({
    lat: at.lat,
    lon: +(centre + (i - (berths - 1) / 2) * step).toFixed(6),
  });
  const found = homeZone(zones, at, berths);
  if (!found) return Array.from({ length: berths }, (_, i) => spot(at.lon, BERTH_SPACING_DEG, i));
  const { id, lon: inside } = found;
  const inHome = (lon: number): boolean => zones.zonesAt(at.lat, lon, BERTH_ZONE_KINDS).some((zone) => zone.id === id);
  let west = inside;
  while (inside - west < EDGE_SEARCH_DEG && inHome(west - EDGE_STEP_DEG)) west -= EDGE_STEP_DEG;
  let east = inside;
  while (east - inside < EDGE_SEARCH_DEG && inHome(east + EDGE_STEP_DEG)) east += EDGE_STEP_DEG;
  // Each berth gets a slot of `step` inside [west, east]; the row's centre is as near the terminal point as fits.
  const step = Math.min(BERTH_SPACING_DEG, (east - west) / berths);
  const half = (step * berths) / 2;
  const centre = Math.min(Math.max(at.lon, west + half), east - half);
  return Array.from({ length: berths }, (_, i) => spot(centre, step, i));
}

/**
 * The terminal or berth zone holding the terminal's point, else the nearest one along its latitude within the
 * length of its row of berths (a quay the geography draws next to the registry point), with a longitude inside it.
 */
function homeZone(zones: PortZones, at: LatLon, berths: number): { id: string; lon: number } | undefined {
  const reach = Math.round((berths * BERTH_SPACING_DEG) / EDGE_STEP_DEG);
  for (let k = 0; k <= reach; k++) {
    for (const lon of k === 0 ? [at.lon] : [at.lon - k * EDGE_STEP_DEG, at.lon + k * EDGE_STEP_DEG]) {
      const zone = zones.zonesAt(at.lat, lon, BERTH_ZONE_KINDS)[0];
      if (zone) return { id: zone.id, lon };
    }
  }
  return undefined;
}
