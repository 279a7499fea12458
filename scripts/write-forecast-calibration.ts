/**
 * Writes the forecast calibration files the API ships with (data-static/forecast/, docs/forecast.md
 * "Intervals") from simulated runs: `npx tsc -p tsconfig.build.json && node dist/scripts/write-forecast-calibration.js`.
 * Deterministic (seeded); src/sim/forecast/forecast-calibration.test.ts fails when the shipped files differ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  anchorageCalibration,
  etaCalibration,
  lookaheadCalibration,
} from '../src/sim/forecast/forecast-calibration.js';
import { loadSimInputs } from '../src/sim/io/load-sim-inputs.js';

const dir = new URL('../../data-static/forecast/', import.meta.url);
mkdirSync(dir, { recursive: true });
const inputs = loadSimInputs();
for (const [name, file] of [
  ['eta-error-model.json', etaCalibration(inputs)],
  ['terminal-lookahead-calibration.json', lookaheadCalibration(inputs)],
  ['anchorage-queue-calibration.json', anchorageCalibration(inputs)],
] as const) {
  const target = new URL(name, dir);
  writeFileSync(target, `${JSON.stringify(file)}\n`);
  console.log(`wrote ${target.pathname}`);
}
