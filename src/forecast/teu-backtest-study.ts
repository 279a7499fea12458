/**
 * The real-series backtest of the monthly port TEU forecast (issue 16): San Pedro Bay monthly TEU
 * (data-static/teu/monthly_teu.csv), hold-out years 2018 and 2019, rolling origin monthly, horizons 1..12,
 * model MAPE beside the seasonal-naive and naive baselines. Pure: rows in, report out.
 *
 * Protocol (pre-registered in docs/forecast.md, "Second attempt"): twelve candidates (`CANDIDATES`) are run through
 * the same design on the selection set — every year before the hold-out with 24 consecutive months of history up
 * to its end, on every series with 12 consecutive months: in this dataset USLAX 1998 only — and the one with the
 * lowest MAPE ratio to seasonal naive there is chosen. Its relative residuals there give split-conformal
 * intervals (conformal.ts, horizon bands 1-3, 4-6, 7-12). Only then is the chosen model scored on 2018 and 2019.
 * Every parameter is fitted per origin on data before it (the Lunar New Year β included: `lny-refit`); the hold-out
 * models also see the series' earlier stretch (USLAX 1997-1998), which ends before their history begins.
 */
import { accuracyOf, type Accuracy } from './accuracy.js';
import { rollingOriginBacktest, type BacktestPoint } from './backtest.js';
import { conformalBands } from './conformal.js';
import { fitModel } from './fit-model.js';
import { modelName, type ConformalBand, type EarlierStretch, type ModelSpec } from './forecast-model.js';
import { estimateLnyBetaPooled, LNY_TROUGH } from './lunar-new-year.js';
import type { MonthlyTeuRow } from './monthly-teu-csv.js';
import { monthIndex, monthlySeries, yearMonthAt, type MonthlySeries, type YearMonth } from './monthly-series.js';

export const PERIOD = 12;
export const MAX_HORIZON = 12;
export const LEVELS = [0.8, 0.95] as const;
export const HOLDOUT_YEARS = [2018, 2019] as const;
export const SELECTION_WINDOW = { from: { year: 1997, month: 1 }, to: { year: 1998, month: 12 }, targetYear: 1998 };
export const HOLDOUT_WINDOW = { from: { year: 2017, month: 1 }, to: { year: 2019, month: 12 } };
/** Horizon bands of the split-conformal intervals: 1-3, 4-6, 7-12 (and beyond, the last band). */
export const CONFORMAL_BAND_ENDS = [3, 6, 12] as const;

export const SEASONAL_NAIVE: ModelSpec = { kind: 'seasonal-naive', period: PERIOD };
export const BASELINES: readonly ModelSpec[] = [SEASONAL_NAIVE, { kind: 'naive' }];

const HW_NONE: ModelSpec = { kind: 'holt-winters', period: PERIOD, season: 'multiplicative', trend: 'none' };
const HW_DAMPED: ModelSpec = { kind: 'holt-winters', period: PERIOD, season: 'multiplicative', trend: 'damped' };
const DRIFT: ModelSpec = { kind: 'seasonal-naive-drift', period: PERIOD, k: 12 };
const INDEX: ModelSpec = { kind: 'seasonal-index', period: PERIOD, levelMonths: 3 };

/** The twelve pre-registered candidates, in the protocol's order: 1-6 without, then with the LNY adjustment. */
export const CANDIDATES: readonly ModelSpec[] = [false, true].flatMap((lny) => {
  const wrap = (base: ModelSpec): ModelSpec => (lny ? { kind: 'lny-refit', base } : base);
  const singles = [HW_NONE, HW_DAMPED, DRIFT, INDEX].map(wrap);
  return [
    ...singles,
    { kind: 'combination', statistic: 'median', members: singles },
    { kind: 'combination', statistic: 'mean', members: singles },
  ];
});

export interface ModelScore extends Accuracy {
  readonly model: string;
}

export interface SelectionScore extends ModelScore {
  /** MAPE / seasonal-naive MAPE over the selection set (the criterion). */
  readonly ratio: number;
  /** The same over the one-step forecasts only (reported, not used to choose). */
  readonly ratioOneStep: number;
}

export interface HoldoutResult {
  readonly series: string;
  readonly holdoutYear: number;
  readonly origins: readonly string[];
  /** The chosen model, then the baselines. */
  readonly scores: readonly (ModelScore & { readonly role: 'chosen' | 'baseline' })[];
  /** MAPE of the chosen model / MAPE of seasonal naive (goal ≤ 0.8); null when nothing could be scored. */
  readonly ratioToSeasonalNaive: number | null;
  readonly byHorizon: readonly {
    readonly horizon: number;
    readonly n: number;
    readonly model: number;
    readonly seasonalNaive: number;
  }[];
  readonly note: string | null;
}

export interface TeuBacktestStudy {
  readonly design: string;
  readonly lunarNewYear: {
    readonly fromDays: number;
    readonly days: number;
    readonly estimatedOn: string;
    /** β on all of USLAX's data (what `GET /forecasts/volume` uses when the chosen model has the adjustment). */
    readonly betaAllData: number | null;
  };
  readonly selection: {
    readonly set: string;
    readonly series: string;
    readonly targetYear: number;
    readonly scores: readonly SelectionScore[];
    readonly chosen: string;
    readonly ratio: number;
    readonly intervals: readonly (ConformalBand & { readonly n: number })[];
  };
  readonly results: readonly HoldoutResult[];
}

/** Origins whose history (from the window start) is gap-free and that forecast a known value of `targetYear`. */
export function originsFor(series: MonthlySeries, targetYear: number): number[] {
  const origins: number[] = [];
  for (let o = PERIOD; o <= series.values.length; o++) {
    if (series.values[o - 1] === null) break;
    const reaches = Array.from({ length: MAX_HORIZON }, (_, h) => o + h).some(
      (t) => t < series.values.length && series.values[t] !== null && yearMonthAt(series.start, t).year === targetYear,
    );
    if (reaches) origins.push(o);
  }
  return origins;
}

/**
 * The runs of at least 12 consecutive published months of `ports` that end before `before` (the earlier eras a
 * model may use besides its own history).
 */
export function earlierStretches(
  rows: readonly MonthlyTeuRow[],
  ports: readonly string[],
  before: YearMonth,
): EarlierStretch[] {
  const own = rows.filter((r) => ports.includes(r.port));
  if (own.length === 0) return [];
  const first = own.reduce((a, b) => (monthIndex(b) < monthIndex(a) ? b : a));
  // One year earlier than the first row: months backed out of a year-on-year column land there.
  const from = { year: first.year - 1, month: first.month };
  const end = monthIndex(before) - 1;
  if (end < monthIndex(from)) return [];
  const series = monthlySeries(rows, ports, from, yearMonthAt({ year: 0, month: 1 }, end));
  const out: EarlierStretch[] = [];
  let run: number[] = [];
  let runStart = 0;
  const close = () => {
    if (run.length >= PERIOD) out.push({ start: yearMonthAt(series.start, runStart), values: run });
    run = [];
  };
  series.values.forEach((v, i) => {
    if (v === null) return close();
    if (run.length === 0) runStart = i;
    run.push(v);
  });
  close();
  return out;
}

function score(
  series: MonthlySeries,
  spec: ModelSpec,
  origins: readonly number[],
  targetYear: number,
  earlier: readonly EarlierStretch[],
): BacktestPoint[] {
  if (origins.length === 0) return [];
  return rollingOriginBacktest(
    series.values,
    (history, horizon, levels) => fitModel(spec, history, series.start, earlier).forecast(horizon, levels),
    { origins, maxHorizon: MAX_HORIZON, levels: LEVELS },
  ).filter((p) => yearMonthAt(series.start, p.target).year === targetYear);
}

const label = (start: YearMonth, origin: number): string => {
  const last = yearMonthAt(start, origin - 1);
  return `${last.year}-${String(last.month).padStart(2, '0')}`;
};

interface Selection {
  /** The candidates', then the baselines' scores. */
  readonly scores: SelectionScore[];
  readonly chosen: ModelSpec;
  readonly chosenIndex: number;
  readonly model: ModelSpec;
  readonly bands: (ConformalBand & { readonly n: number })[];
}

/** Runs the selection set; `model` is the chosen candidate with its split-conformal intervals. */
export function selectMonthlyTeuModel(rows: readonly MonthlyTeuRow[]): Selection {
  const series = monthlySeries(rows, ['USLAX'], SELECTION_WINDOW.from, SELECTION_WINDOW.to);
  const origins = originsFor(series, SELECTION_WINDOW.targetYear);
  const earlier = earlierStretches(rows, ['USLAX'], SELECTION_WINDOW.from);
  const run = (spec: ModelSpec) => score(series, spec, origins, SELECTION_WINDOW.targetYear, earlier);
  const snaive = run(SEASONAL_NAIVE);
  const snaiveMape = accuracyOf(snaive).mape;
  const snaiveOneStep = accuracyOf(snaive.filter((p) => p.horizon === 1)).mape;
  const specs = [...CANDIDATES, ...BASELINES];
  const points = specs.map(run);
  const scores = specs.map((spec, i) => {
    const a = accuracyOf(points[i]!);
    return {
      model: modelName(spec),
      ...a,
      ratio: a.mape / snaiveMape,
      ratioOneStep: accuracyOf(points[i]!.filter((p) => p.horizon === 1)).mape / snaiveOneStep,
    };
  });
  // Lowest ratio; on a tie within 0.005 the earlier candidate.
  let chosenIndex = 0;
  scores.slice(0, CANDIDATES.length).forEach((s, i) => {
    if (s.ratio < scores[chosenIndex]!.ratio - 0.005) chosenIndex = i;
  });
  const chosen = CANDIDATES[chosenIndex]!;
  const bands = conformalBands(points[chosenIndex]!, CONFORMAL_BAND_ENDS, LEVELS);
  return {
    scores,
    chosen,
    chosenIndex,
    model: {
      kind: 'conformal',
      base: chosen,
      bands: bands.map(({ maxHorizon, halfWidth }) => ({ maxHorizon, halfWidth })),
    },
    bands,
  };
}

export function runTeuBacktestStudy(rows: readonly MonthlyTeuRow[]): TeuBacktestStudy {
  const selection = selectMonthlyTeuModel(rows);

  const results: HoldoutResult[] = [];
  for (const ports of [['USLAX'], ['USLGB'], ['USLAX', 'USLGB']]) {
    const series = monthlySeries(rows, ports, HOLDOUT_WINDOW.from, HOLDOUT_WINDOW.to);
    const earlier = earlierStretches(rows, ports, HOLDOUT_WINDOW.from);
    for (const year of HOLDOUT_YEARS) {
      const origins = originsFor(series, year);
      const specs: { spec: ModelSpec; role: 'chosen' | 'baseline' }[] = [
        { spec: selection.model, role: 'chosen' },
        ...BASELINES.map((spec) => ({ spec, role: 'baseline' as const })),
      ];
      const points = specs.map(({ spec }) => score(series, spec, origins, year, earlier));
      const scores = specs.map(({ spec, role }, i) => ({ model: modelName(spec), role, ...accuracyOf(points[i]!) }));
      const model = scores[0]!;
      const snaive = scores[1]!;
      const byHorizon = Array.from({ length: MAX_HORIZON }, (_, k) => k + 1)
        .map((h) => ({
          horizon: h,
          model: accuracyOf(points[0]!.filter((p) => p.horizon === h)),
          seasonalNaive: accuracyOf(points[1]!.filter((p) => p.horizon === h)),
        }))
        .filter((r) => r.model.n > 0)
        .map((r) => ({ horizon: r.horizon, n: r.model.n, model: r.model.mape, seasonalNaive: r.seasonalNaive.mape }));
      results.push({
        series: series.name,
        holdoutYear: year,
        origins: origins.map((o) => label(series.start, o)),
        scores,
        ratioToSeasonalNaive: model.n > 0 ? model.mape / snaive.mape : null,
        byHorizon,
        note:
          model.n === 0
            ? 'not scored: the dataset has no run of 12 consecutive months before this hold-out for this series'
            : null,
      });
    }
  }
  const all = earlierStretches(rows, ['USLAX'], { year: 9999, month: 1 });
  return {
    design:
      'Rolling origin, monthly: from every month-end whose history since the window start is complete (at least ' +
      `${PERIOD} months), forecast horizons 1..${MAX_HORIZON}; score the forecasts whose target lies in the hold-out ` +
      'year and is published in the dataset. MAPE = mean |actual - forecast| / actual (%). Protocol pre-registered ' +
      '(docs/forecast.md, "Second attempt"): twelve candidates, chosen by MAPE ratio to seasonal naive on the ' +
      `selection set (USLAX ${SELECTION_WINDOW.targetYear}, the only year before the hold-out with 24 consecutive ` +
      'months of history), every parameter (the Lunar New Year beta included) fitted per origin on data before it; ' +
      'intervals split-conformal from the chosen model’s selection-set residuals; the hold-out scored once.',
    lunarNewYear: {
      fromDays: LNY_TROUGH.fromDays,
      days: LNY_TROUGH.days,
      estimatedOn:
        'refitted at every origin on the year-on-year log ratios of the data before it (one intercept per stretch)',
      betaAllData: estimateLnyBetaPooled(all),
    },
    selection: {
      set: `USLAX ${SELECTION_WINDOW.targetYear} (history from ${SELECTION_WINDOW.from.year})`,
      series: 'USLAX',
      targetYear: SELECTION_WINDOW.targetYear,
      scores: selection.scores,
      chosen: modelName(selection.chosen),
      ratio: selection.scores[selection.chosenIndex]!.ratio,
      intervals: selection.bands,
    },
    results,
  };
}
