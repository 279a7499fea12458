/**
 * The models of `src/forecast/`, as data: a `ModelSpec` names a model and its options, `fitModel` fits it to a
 * history (oldest first, no gaps) and returns a `FittedModel` whose `forecast` gives point forecasts and
 * prediction intervals. Training (`fitModel`) and inference (`forecast`) are separate; neither does I/O.
 */
import type { YearMonth } from './monthly-series.js';

export type SeasonalForm = 'additive' | 'multiplicative';

/**
 * A gap-free stretch of the same series that ends before the history a model is fitted on begins (an earlier era
 * of a port's monthly TEU). Data before the history, so no look-ahead; only `seasonal-index` and `lny-refit` use it.
 */
export interface EarlierStretch {
  readonly start: YearMonth;
  readonly values: readonly number[];
}

/** Split-conformal half-widths (relative to the forecast) for the horizons up to `maxHorizon`. */
export interface ConformalBand {
  readonly maxHorizon: number;
  /** Interval level (as a string, e.g. "0.8") → half-width as a share of the point forecast. */
  readonly halfWidth: Readonly<Record<string, number>>;
}
export type TrendForm = 'none' | 'additive' | 'damped';

export type ModelSpec =
  /** Last value carried forward. */
  | { readonly kind: 'naive' }
  /** The value one season earlier (same month last year). */
  | { readonly kind: 'seasonal-naive'; readonly period: number }
  /** Holt-Winters exponential smoothing (ETS with additive errors), parameters fitted by in-sample one-step SSE. */
  | {
      readonly kind: 'holt-winters';
      readonly period: number;
      readonly season: SeasonalForm;
      readonly trend: TrendForm;
    }
  /**
   * `base` fitted on the history with the Lunar New Year effect taken out (y / exp(β·x_t), lunar-new-year.ts),
   * its forecasts and interval bounds multiplied back by exp(β·x_t) of the target month. Needs the calendar month
   * of the first history value.
   */
  | { readonly kind: 'lny-adjusted'; readonly base: ModelSpec; readonly beta: number }
  /**
   * As `lny-adjusted`, with β re-estimated at every fit from the year-on-year log ratios of the history and of the
   * earlier stretches (one intercept per stretch; lunar-new-year.ts `estimateLnyBetaPooled`); β = 0 when it cannot
   * be identified. The base also gets the earlier stretches with the effect taken out.
   */
  | { readonly kind: 'lny-refit'; readonly base: ModelSpec }
  /** The value one season earlier × the geometric mean of the last `k` year-on-year ratios of the history. */
  | { readonly kind: 'seasonal-naive-drift'; readonly period: 12; readonly k: number }
  /**
   * Monthly indices = mean over the complete calendar years of the history and the earlier stretches of
   * month / year mean; level = mean of the last `levelMonths` values divided by their indices; forecast =
   * level × index. Needs the calendar month of the first value.
   */
  | { readonly kind: 'seasonal-index'; readonly period: 12; readonly levelMonths: number }
  /**
   * Equal-weight combination: the mean (or the median) of the members' point forecasts and of their interval
   * bounds.
   */
  | { readonly kind: 'combination'; readonly members: readonly ModelSpec[]; readonly statistic?: 'mean' | 'median' }
  /** `base`'s point forecasts with split-conformal intervals: forecast × (1 ± half-width of the horizon's band). */
  | { readonly kind: 'conformal'; readonly base: ModelSpec; readonly bands: readonly ConformalBand[] };

/** A central prediction interval: the true value should fall inside with probability `level`. */
export interface PredictionInterval {
  readonly level: number;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface Forecast {
  /** Point forecasts for horizons 1..h. */
  readonly mean: readonly number[];
  readonly intervals: readonly PredictionInterval[];
}

export interface FittedModel {
  readonly spec: ModelSpec;
  /** Fitted smoothing parameters (Holt-Winters) or {} (naive models). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Standard deviation of the in-sample one-step errors (relative errors for multiplicative seasons). */
  readonly sigma: number;
  forecast(horizon: number, levels: readonly number[]): Forecast;
}

export function modelName(spec: ModelSpec): string {
  switch (spec.kind) {
    case 'naive':
      return 'naive';
    case 'seasonal-naive':
      return `seasonal-naive(${spec.period})`;
    case 'holt-winters':
      return `holt-winters(${spec.season},trend=${spec.trend},${spec.period})`;
    case 'lny-adjusted':
      return `lny-adjusted(beta=${spec.beta.toFixed(3)},${modelName(spec.base)})`;
    case 'lny-refit':
      return `lny-refit(${modelName(spec.base)})`;
    case 'seasonal-naive-drift':
      return `seasonal-naive-drift(k=${spec.k},${spec.period})`;
    case 'seasonal-index':
      return `seasonal-index(level=${spec.levelMonths},${spec.period})`;
    case 'combination':
      return `${spec.statistic ?? 'mean'}(${spec.members.map(modelName).join(' + ')})`;
    case 'conformal':
      return `conformal(${modelName(spec.base)})`;
  }
}
