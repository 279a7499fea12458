/** The only I/O of `src/geo`: reads a shipped GeoJSON file and indexes it. */
import { readFileSync } from 'node:fs';
import { geoDataPath } from './geo-data-path.js';
import type { Geography } from './geography.js';
import { parseGeography } from './parse-geography.js';

export const SAN_PEDRO_BAY_GEOJSON = 'san-pedro-bay.geojson';

/** Loads `data-static/geo/<fileName>`; throws (broken install, not bad input) if it is missing or invalid. */
export function loadGeography(fileName: string = SAN_PEDRO_BAY_GEOJSON): Geography {
  const path = geoDataPath(fileName);
  const result = parseGeography(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  if (!result.ok) throw new Error(`invalid geography ${path}: ${result.errors.slice(0, 5).join('; ')}`);
  return result.geography;
}
