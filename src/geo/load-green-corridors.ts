/**
 * Reads the green-corridor configuration: `OPENPCS_GREEN_CORRIDORS` when set (the port authority's file), else the
 * shipped `data-static/corridors/green-corridors.json`. An unreadable or invalid file throws with every reason, so
 * `serve` stops at start-up rather than answer from a half-read file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGreenCorridorConfig, type GreenCorridorConfig } from '../emissions/green-corridor-config.js';
import { packageRoot } from './geo-data-path.js';

export const SHIPPED_GREEN_CORRIDORS = (): string =>
  join(packageRoot(), 'data-static', 'corridors', 'green-corridors.json');

export function loadGreenCorridors(path: string = SHIPPED_GREEN_CORRIDORS()): GreenCorridorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`green corridors: cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseGreenCorridorConfig(text);
  if (!parsed.ok) throw new Error(`green corridors (${path}) is not a valid file: ${parsed.problems.join('; ')}`);
  return parsed.config;
}
