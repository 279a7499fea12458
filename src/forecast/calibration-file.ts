/**
 * The calibration files the forecast routes ship with (data-static/forecast/, docs/forecast.md "Intervals"):
 * the residuals of a backtest on simulated San Pedro Bay runs with known truth, written by
 * `scripts/write-forecast-calibration.ts` and read at start. The routes never simulate: the error models are
 * data, versioned with the code that made them (`version`), and a test checks that the shipped intervals cover
 * about as promised on a run of another seed. Pure: parsing and checking only.
 */
import type { EtaErrorModel } from './eta/eta-intervals.js';

export const CALIBRATION_FORMAT_VERSION = 1;
export const ETA_CALIBRATION_KIND = 'openpcs-eta-error-model';
export const LOOKAHEAD_CALIBRATION_KIND = 'openpcs-terminal-lookahead-calibration';
export const ANCHORAGE_CALIBRATION_KIND = 'openpcs-anchorage-queue-calibration';

/** Accuracy of the look-ahead on the scoring run, per week ahead (TEU per terminal-week and flow). */
export interface LookaheadAccuracy {
  readonly weekAhead: number;
  readonly n: number;
  readonly mae: number;
  readonly mape: number | null;
  readonly naiveMae: number;
  readonly naiveMape: number | null;
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export interface EtaCalibrationFile {
  readonly kind: typeof ETA_CALIBRATION_KIND;
  readonly version: number;
  readonly design: string;
  /** Group key (`target/method/lead bucket`, eta-intervals.ts) → sorted residuals, minutes (actual − forecast). */
  readonly groups: Readonly<Record<string, readonly number[]>>;
  /** Weight of the ship's own ETA per `target/method/lead bucket` and `target/*\/*` (eta/eta-blend.ts). */
  readonly blend: Readonly<Record<string, number>>;
  /** Residuals of the blend (actual − blended forecast, minutes) on the forecasts with an own ETA, grouped as
   * `groups` (eta/eta-blend.ts `blendResiduals`): the intervals around the blended forecast. */
  readonly blendGroups: Readonly<Record<string, readonly number[]>>;
}

export interface LookaheadCalibrationFile {
  readonly kind: typeof LOOKAHEAD_CALIBRATION_KIND;
  readonly version: number;
  readonly design: string;
  /** `relErrors[w - 1]`: sorted relative errors (actual / forecast − 1) of week-ahead w. */
  readonly relErrors: readonly (readonly number[])[];
  readonly accuracy: readonly LookaheadAccuracy[];
}

/** Accuracy of the anchorage queue forecast on the scoring run of one scenario, per day ahead (ships at anchor). */
export interface AnchorageAccuracy {
  readonly scenario: string;
  readonly dayAhead: number;
  readonly n: number;
  readonly meanActual: number;
  readonly mae: number;
  /** MAE of persistence (the queue at the origin), the naive baseline. */
  readonly persistenceMae: number;
  readonly coverage80: number;
  readonly coverage95: number;
}

export interface AnchorageCalibrationFile {
  readonly kind: typeof ANCHORAGE_CALIBRATION_KIND;
  readonly version: number;
  readonly design: string;
  /** `residuals[d - 1]`: sorted residuals (actual − forecast, ships) of day-ahead d. */
  readonly residuals: readonly (readonly number[])[];
  readonly accuracy: readonly AnchorageAccuracy[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSortedNumbers = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x, i) => Number.isFinite(x) && (i === 0 || (x as number) >= (v[i - 1] as number)));
const isNumberOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));

function header(json: unknown, kind: string): Record<string, unknown> {
  if (!isRecord(json) || json['kind'] !== kind) throw new Error(`not a ${kind} file`);
  if (json['version'] !== CALIBRATION_FORMAT_VERSION) {
    throw new Error(`${kind}: version ${String(json['version'])}, this build reads ${CALIBRATION_FORMAT_VERSION}`);
  }
  if (typeof json['design'] !== 'string') throw new Error(`${kind}: no design`);
  return json;
}

export function parseEtaCalibration(
  json: unknown,
): EtaCalibrationFile & EtaErrorModel & { readonly blendErrors: EtaErrorModel } {
  const h = header(json, ETA_CALIBRATION_KIND);
  const groups = h['groups'];
  if (!isRecord(groups) || !Object.values(groups).every(isSortedNumbers)) {
    throw new Error(`${ETA_CALIBRATION_KIND}: groups must be sorted lists of numbers`);
  }
  const blend = h['blend'];
  if (!isRecord(blend) || !Object.values(blend).every((w) => typeof w === 'number' && w >= 0 && w <= 1)) {
    throw new Error(`${ETA_CALIBRATION_KIND}: blend must map group keys to weights in [0, 1]`);
  }
  const blendGroups = h['blendGroups'];
  if (!isRecord(blendGroups) || !Object.values(blendGroups).every(isSortedNumbers)) {
    throw new Error(`${ETA_CALIBRATION_KIND}: blendGroups must be sorted lists of numbers`);
  }
  return {
    kind: ETA_CALIBRATION_KIND,
    version: CALIBRATION_FORMAT_VERSION,
    design: h['design'] as string,
    groups: groups as Record<string, number[]>,
    blend: blend as Record<string, number>,
    blendGroups: blendGroups as Record<string, number[]>,
    blendErrors: { groups: blendGroups as Record<string, number[]> },
  };
}

export function parseLookaheadCalibration(json: unknown): LookaheadCalibrationFile {
  const h = header(json, LOOKAHEAD_CALIBRATION_KIND);
  const rel = h['relErrors'];
  const acc = h['accuracy'];
  if (!Array.isArray(rel) || !rel.every(isSortedNumbers)) {
    throw new Error(`${LOOKAHEAD_CALIBRATION_KIND}: relErrors must be sorted lists of numbers`);
  }
  const accOk = (a: unknown): a is LookaheadAccuracy =>
    isRecord(a) &&
    Number.isInteger(a['weekAhead']) &&
    Number.isInteger(a['n']) &&
    typeof a['mae'] === 'number' &&
    typeof a['naiveMae'] === 'number' &&
    ['mape', 'naiveMape', 'coverage80', 'coverage95'].every((k) => isNumberOrNull(a[k]));
  if (!Array.isArray(acc) || !acc.every(accOk)) throw new Error(`${LOOKAHEAD_CALIBRATION_KIND}: bad accuracy`);
  return {
    kind: LOOKAHEAD_CALIBRATION_KIND,
    version: CALIBRATION_FORMAT_VERSION,
    design: h['design'] as string,
    relErrors: rel,
    accuracy: acc,
  };
}

export function parseAnchorageCalibration(json: unknown): AnchorageCalibrationFile {
  const h = header(json, ANCHORAGE_CALIBRATION_KIND);
  const res = h['residuals'];
  const acc = h['accuracy'];
  if (!Array.isArray(res) || !res.every(isSortedNumbers)) {
    throw new Error(`${ANCHORAGE_CALIBRATION_KIND}: residuals must be sorted lists of numbers`);
  }
  const accOk = (a: unknown): a is AnchorageAccuracy =>
    isRecord(a) &&
    typeof a['scenario'] === 'string' &&
    Number.isInteger(a['dayAhead']) &&
    Number.isInteger(a['n']) &&
    ['meanActual', 'mae', 'persistenceMae', 'coverage80', 'coverage95'].every(
      (k) => typeof a[k] === 'number' && Number.isFinite(a[k]),
    );
  if (!Array.isArray(acc) || !acc.every(accOk)) throw new Error(`${ANCHORAGE_CALIBRATION_KIND}: bad accuracy`);
  return {
    kind: ANCHORAGE_CALIBRATION_KIND,
    version: CALIBRATION_FORMAT_VERSION,
    design: h['design'] as string,
    residuals: res,
    accuracy: acc,
  };
}
