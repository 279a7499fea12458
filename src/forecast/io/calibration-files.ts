/** The shipped forecast calibration files (data-static/forecast/, forecast/calibration-file.ts), read once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../geo/geo-data-path.js';
import {
  parseAnchorageCalibration,
  parseEtaCalibration,
  parseLookaheadCalibration,
  type AnchorageCalibrationFile,
  type EtaCalibrationFile,
  type LookaheadCalibrationFile,
} from '../calibration-file.js';
import type { EtaErrorModel } from '../eta/eta-intervals.js';

export const ETA_CALIBRATION_FILE = join('data-static', 'forecast', 'eta-error-model.json');
export const LOOKAHEAD_CALIBRATION_FILE = join('data-static', 'forecast', 'terminal-lookahead-calibration.json');

export const ANCHORAGE_CALIBRATION_FILE = join('data-static', 'forecast', 'anchorage-queue-calibration.json');

let anchorage: AnchorageCalibrationFile | undefined;
let eta: (EtaCalibrationFile & EtaErrorModel & { readonly blendErrors: EtaErrorModel }) | undefined;
let lookahead: LookaheadCalibrationFile | undefined;

const read = (file: string): unknown => JSON.parse(readFileSync(join(packageRoot(), file), 'utf8'));

export function loadEtaCalibration(): EtaCalibrationFile & EtaErrorModel & { readonly blendErrors: EtaErrorModel } {
  eta ??= parseEtaCalibration(read(ETA_CALIBRATION_FILE));
  return eta;
}

export function loadLookaheadCalibration(): LookaheadCalibrationFile {
  lookahead ??= parseLookaheadCalibration(read(LOOKAHEAD_CALIBRATION_FILE));
  return lookahead;
}

export function loadAnchorageCalibration(): AnchorageCalibrationFile {
  anchorage ??= parseAnchorageCalibration(read(ANCHORAGE_CALIBRATION_FILE));
  return anchorage;
}
