/**
 * Holt-Winters exponential smoothing with additive or multiplicative seasonality, and no, additive or damped
 * trend. Recursions in the component form of Hyndman & Athanasopoulos, "Forecasting: Principles and Practice",
 * 3rd ed. (FPP3), §8.3 (Holt-Winters additive and multiplicative; damped trend §8.2):
 *
 *   additive:        ℓt = α(yt − s_{t−m}) + (1−α)(ℓ_{t−1} + φb_{t−1})      ŷ = ℓ + φ_h b + s
 *                    bt = β*(ℓt − ℓ_{t−1}) + (1−β*)φb_{t−1}
 *                    st = γ(yt − ℓ_{t−1} − φb_{t−1}) + (1−γ)s_{t−m}
 *   multiplicative:  ℓt = α(yt / s_{t−m}) + (1−α)(ℓ_{t−1} + φb_{t−1})      ŷ = (ℓ + φ_h b)·s
 *                    st = γ yt/(ℓ_{t−1} + φb_{t−1}) + (1−γ)s_{t−m}
 *
 * with φ_h = φ + φ² + … + φ^h (φ = 1 without damping, b ≡ 0 without trend).
 * Initial states (FPP3 §8.3 / Hyndman et al. 2008 §2.6.1 heuristic): level = mean of the first season, trend =
 * (mean of the second season − mean of the first) / m when two seasons are there (else 0), seasonal indices =
 * first-season deviations (additive) or ratios (multiplicative) from that level.
 * Parameters α, β*, γ (and φ) minimise the in-sample one-step sum of squared errors with a deterministic
 * Nelder-Mead search (nelder-mead.ts) over a logistic map onto α ∈ (0,1), β* ∈ (0,1), γ ∈ (0, 1−α),
 * φ ∈ (0.8, 0.98) (the ranges FPP3 §8.2 and §8.3 give).
 *
 * Prediction intervals: Gaussian, σ from the one-step errors after the first season, with the multi-step variance of the equivalent ETS(A,A/Ad/N,A) model
 * (Hyndman et al., "Forecasting with Exponential Smoothing", Springer 2008, §6.3, class 1):
 *   σ_h² = σ²·(1 + Σ_{j=1}^{h−1} c_j²),  c_j = α + αβ*·φ_j + γ·[j mod m = 0]   (φ_j = j without damping)
 * exact for the additive season. For the multiplicative season no closed form exists (class 3); we apply the
 * same factor to σ of the relative one-step errors, scaled by the point forecast — an approximation, checked
 * for coverage in holt-winters.test.ts and documented in docs/forecast.md.
 */
import type { FittedModel, Forecast, SeasonalForm, TrendForm } from './forecast-model.js';
import { nelderMead } from './nelder-mead.js';
import { normalQuantile } from './normal-quantile.js';

export interface HoltWintersParameters {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

interface State {
  level: number;
  trend: number;
  /** Seasonal indices, the oldest first: seasonal[0] belongs to the next step. */
  seasonal: number[];
}

interface Run {
  readonly state: State;
  readonly sse: number;
  /** One-step errors (relative errors for a multiplicative season). */
  readonly errors: readonly number[];
}

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

function initialState(y: readonly number[], m: number, season: SeasonalForm, trend: TrendForm): State {
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const first = y.slice(0, m);
  const level = mean(first);
  const slope = trend !== 'none' && y.length >= 2 * m ? (mean(y.slice(m, 2 * m)) - level) / m : 0;
  // The first season's values sit at t = 1..m around a level that moves by `slope` each step; centre it.
  const seasonal = first.map((v, i) => {
    const at = level + slope * (i - (m - 1) / 2);
    return season === 'additive' ? v - at : v / at;
  });
  return { level: level - slope * ((m + 1) / 2), trend: slope, seasonal };
}

function filter(
  y: readonly number[],
  m: number,
  season: SeasonalForm,
  trend: TrendForm,
  p: HoltWintersParameters,
): Run {
  const s0 = initialState(y, m, season, trend);
  const state: State = { level: s0.level, trend: s0.trend, seasonal: [...s0.seasonal] };
  const phi = trend === 'damped' ? p.phi : 1;
  const useTrend = trend !== 'none';
  const errors: number[] = [];
  let sse = 0;
  for (const yt of y) {
    const base = state.level + (useTrend ? phi * state.trend : 0);
    const s = state.seasonal[0]!;
    const yhat = season === 'additive' ? base + s : base * s;
    const e = yt - yhat;
    sse += e * e;
    errors.push(season === 'additive' ? e : e / yhat);
    const level =
      season === 'additive' ? p.alpha * (yt - s) + (1 - p.alpha) * base : p.alpha * (yt / s) + (1 - p.alpha) * base;
    const newTrend = useTrend ? p.beta * (level - state.level) + (1 - p.beta) * phi * state.trend : 0;
    const newSeason =
      season === 'additive' ? p.gamma * (yt - base) + (1 - p.gamma) * s : p.gamma * (yt / base) + (1 - p.gamma) * s;
    state.level = level;
    state.trend = newTrend;
    state.seasonal.shift();
    state.seasonal.push(newSeason);
  }
  return { state, sse, errors };
}

function parametersFrom(u: readonly number[], trend: TrendForm): HoltWintersParameters {
  const alpha = logistic(u[0]!);
  const gamma = (1 - alpha) * logistic(u[1]!);
  const beta = trend === 'none' ? 0 : logistic(u[2]!);
  const phi = trend === 'damped' ? 0.8 + 0.18 * logistic(u[3]!) : 1;
  return { alpha, beta, gamma, phi };
}

/** Fits the parameters by in-sample one-step SSE; needs at least one full season of history. */
export function fitHoltWinters(
  history: readonly number[],
  period: number,
  season: SeasonalForm,
  trend: TrendForm,
  fixed?: HoltWintersParameters,
): FittedModel {
  if (history.length < period) throw new RangeError(`holt-winters: needs ${period} values, got ${history.length}`);
  if (season === 'multiplicative' && history.some((v) => !(v > 0))) {
    throw new RangeError('holt-winters: a multiplicative season needs positive values');
  }
  const dims = trend === 'none' ? 2 : trend === 'additive' ? 3 : 4;
  // Start: α = 0.3, γ = 0.1·(1−α), β* = 0.1, φ = 0.9 (mid-range values, FPP3 §8.1-8.3 examples).
  const start = [logit(0.3), logit(0.1), logit(0.1), logit(0.5)].slice(0, dims);
  const parameters =
    fixed ??
    parametersFrom(
      nelderMead((u) => filter(history, period, season, trend, parametersFrom(u, trend)).sse, start, {
        step: 1,
        maxIterations: 300 * dims,
      }).point,
      trend,
    );
  const run = filter(history, period, season, trend, parameters);
  // σ from the one-step errors after the first season only: the initial states are computed from the first
  // season, so its errors are (near) zero by construction and would shrink σ. With no error after the first
  // season there is nothing to measure the spread with: σ is NaN and the intervals are NaN (not scored).
  const after = run.errors.slice(period);
  const sigma =
    after.length === 0
      ? Number.NaN
      : Math.sqrt(after.reduce((s, e) => s + e * e, 0) / Math.max(1, after.length - dims));
  const phi = trend === 'damped' ? parameters.phi : 1;
  const useTrend = trend !== 'none';

  return {
    spec: { kind: 'holt-winters', period, season, trend },
    parameters: { ...parameters },
    sigma,
    forecast(horizon: number, levels: readonly number[]): Forecast {
      const mean: number[] = [];
      const sd: number[] = [];
      let phiH = 0;
      let sumC2 = 0;
      for (let h = 1; h <= horizon; h++) {
        phiH += phi ** h;
        const s = run.state.seasonal[(h - 1) % period]!;
        const base = run.state.level + (useTrend ? phiH * run.state.trend : 0);
        const point = season === 'additive' ? base + s : base * s;
        mean.push(point);
        const factor = Math.sqrt(1 + sumC2);
        sd.push(season === 'additive' ? sigma * factor : sigma * factor * Math.abs(point));
        // c_h for the next horizon's variance (Hyndman et al. 2008, §6.3): φ_h here is Σ_{i=1}^{h} φ^i.
        const c =
          parameters.alpha +
          (useTrend ? parameters.alpha * parameters.beta * phiH : 0) +
          (h % period === 0 ? parameters.gamma : 0);
        sumC2 += c * c;
      }
      return {
        mean,
        intervals: levels.map((level) => {
          const z = normalQuantile((1 + level) / 2);
          return { level, lower: mean.map((x, i) => x - z * sd[i]!), upper: mean.map((x, i) => x + z * sd[i]!) };
        }),
      };
    },
  };
}
