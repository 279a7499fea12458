/**
 * The monthly TEU forecast of a port (`GET /forecasts/volume`): the model the backtest chose on its selection set
 * (teu-backtest-study.ts `selectMonthlyTeuModel`, with its split-conformal intervals; a test keeps the two equal)
 * fitted on the newest run of consecutive published months of the port, with the port's earlier runs of 12+
 * months as earlier stretches, forecasting the months after it with 80% and 95% intervals.
 * `asOf` is the last month the model saw: the shipped dataset is historical, so the forecast starts after it.
 */
import { fitModel } from './fit-model.js';
import { modelName, type ModelSpec } from './forecast-model.js';
import type { MonthlyTeuRow } from './monthly-teu-csv.js';
import { formatYearMonth, monthIndex, monthlySeries, yearMonthAt } from './monthly-series.js';
import { earlierStretches, selectMonthlyTeuModel } from './teu-backtest-study.js';

const chosenFor = new WeakMap<readonly MonthlyTeuRow[], ModelSpec>();

/** The chosen model with its split-conformal intervals (the selection runs once per rows array). */
export function monthlyTeuModel(rows: readonly MonthlyTeuRow[]): ModelSpec {
  let spec = chosenFor.get(rows);
  if (spec === undefined) {
    spec = selectMonthlyTeuModel(rows).model;
    chosenFor.set(rows, spec);
  }
  return spec;
}
export const VOLUME_LEVELS = [0.8, 0.95] as const;
export const MAX_VOLUME_MONTHS = 24;

export interface MonthlyVolumeForecast {
  readonly port: string;
  readonly model: string;
  /** Last month of the history the model was fitted on (YYYY-MM). */
  readonly asOf: string;
  readonly historyFrom: string;
  readonly historyMonths: number;
  readonly months: readonly {
    readonly month: string;
    readonly teu: number;
    readonly intervals: readonly {
      readonly level: number;
      readonly lower: number | null;
      readonly upper: number | null;
    }[];
  }[];
}

/** null when the port has no run of 12 consecutive published months in the data. */
export function monthlyVolumeForecast(
  rows: readonly MonthlyTeuRow[],
  port: string,
  months: number,
): MonthlyVolumeForecast | null {
  const own = rows.filter((r) => r.port === port);
  if (own.length === 0) return null;
  const first = own.reduce((a, b) => (monthIndex(b) < monthIndex(a) ? b : a));
  const last = own.reduce((a, b) => (monthIndex(b) > monthIndex(a) ? b : a));
  // One year earlier than the first row: months backed out of a year-on-year column land there.
  const from = { year: first.year - 1, month: first.month };
  const series = monthlySeries(rows, [port], from, { year: last.year, month: last.month });
  let best: { start: number; end: number } | null = null;
  let start = -1;
  series.values.forEach((v, i) => {
    if (v === null) {
      start = -1;
      return;
    }
    if (start < 0) start = i;
    if (i - start + 1 >= MONTHLY_TEU_PERIOD) best = { start, end: i };
  });
  if (best === null) return null;
  const { start: s, end: e } = best as { start: number; end: number };
  const history = series.values.slice(s, e + 1) as number[];
  const spec = monthlyTeuModel(rows);
  const historyStart = yearMonthAt(series.start, s);
  const earlier = earlierStretches(rows, [port], historyStart);
  const forecast = fitModel(spec, history, historyStart, earlier).forecast(months, VOLUME_LEVELS);
  const finite = (v: number): number | null => (Number.isFinite(v) ? Math.round(v) : null);
  return {
    port,
    model: modelName(spec),
    asOf: formatYearMonth(yearMonthAt(series.start, e)),
    historyFrom: formatYearMonth(yearMonthAt(series.start, s)),
    historyMonths: history.length,
    months: forecast.mean.map((teu, h) => ({
      month: formatYearMonth(yearMonthAt(series.start, e + h + 1)),
      teu: Math.round(teu),
      intervals: forecast.intervals.map((iv) => ({
        level: iv.level,
        lower: finite(iv.lower[h]!),
        upper: finite(iv.upper[h]!),
      })),
    })),
  };
}

const MONTHLY_TEU_PERIOD = 12;
