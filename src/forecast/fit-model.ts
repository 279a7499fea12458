/** Fits any `ModelSpec` to a history (oldest first, no gaps): the one entry point the backtests and the API use. */
import type { FittedModel, ModelSpec } from './forecast-model.js';
import { fitHoltWinters } from './holt-winters.js';
import { fitNaive, fitSeasonalNaive } from './naive-models.js';

export function fitModel(spec: ModelSpec, history: readonly number[]): FittedModel {
  switch (spec.kind) {
    case 'naive':
      return fitNaive(history);
    case 'seasonal-naive':
      return fitSeasonalNaive(history, spec.period);
    case 'holt-winters':
      return fitHoltWinters(history, spec.period, spec.season, spec.trend);
  }
}
