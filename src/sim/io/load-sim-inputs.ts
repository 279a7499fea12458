/** The simulator's only file reads: the shipped geography, terminal registry and TEU calibration. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../geo/geo-data-path.js';
import { loadGeography } from '../../geo/load-geography.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import type { PortModelInputs } from '../port-model.js';
import { parseTeuCalibration, type TeuCalibration } from '../teu-calibration.js';

export const TEU_CALIBRATION_FILE = join('data-static', 'sim', 'san-pedro-bay-teu-2018.json');

let calibration: TeuCalibration | undefined;

/** Loads the model inputs; throws (broken install) if a shipped file is missing or invalid. */
export function loadSimInputs(): PortModelInputs {
  calibration ??= parseTeuCalibration(
    JSON.parse(readFileSync(join(packageRoot(), TEU_CALIBRATION_FILE), 'utf8')) as unknown,
  );
  return { geography: loadGeography(), registry: loadTerminalRegistry(), calibration };
}
