/**
 * The models of `src/forecast/`, as data: a `ModelSpec` names a model and its options, `fitModel` fits it to a
 * history (oldest first, no gaps) and returns a `FittedModel` whose `forecast` gives point forecasts and
 * prediction intervals. Training (`fitModel`) and inference (`forecast`) are separate; neither does I/O.
 */
export type SeasonalForm = 'additive' | 'multiplicative';
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
  /** Equal-weight combination: the mean of the members' point forecasts and of their interval bounds. */
  | { readonly kind: 'combination'; readonly members: readonly ModelSpec[] };

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
    case 'combination':
      return `mean(${spec.members.map(modelName).join(' + ')})`;
  }
}
