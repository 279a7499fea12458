/**
 * Prediction intervals for ETAs from empirical residuals (split conformal prediction: Vovk et al.,
 * *Algorithmic Learning in a Random World*, 2005; Lei et al., JASA 113(523), 2018): the errors
 * (actual − forecast, minutes) of a calibration backtest run on *other* data are grouped by target, method
 * and lead (forecast − origin, known at forecast time), and an interval of level L spans the (1−L)/2 and
 * (1+L)/2 empirical quantiles of its group. A group with fewer than MIN_GROUP residuals falls back to all
 * residuals of the target, then to no interval (null). Bounds are widened by half a minute each side and rounded
 * outward to whole minutes: positions are sampled once a minute, so no ETA is known closer than that (the
 * simulator's harbour passages match the model exactly, and a [0, 0] interval would cover nothing). Pure.
 */
import type { EtaMethod } from './vessel-eta.js';

export type EtaTarget = 'pilot' | 'berth';

export interface EtaResidual {
  readonly target: EtaTarget;
  readonly method: EtaMethod;
  readonly leadH: number;
  /** actual − forecast, minutes. */
  readonly errorMin: number;
}

export interface EtaErrorModel {
  /** Group key → sorted residuals (minutes). */
  readonly groups: Readonly<Record<string, readonly number[]>>;
}

export const MIN_GROUP = 20;

/** Lead buckets: under 2 h, 2-12 h, 12 h and more. */
export function leadBucket(leadH: number): string {
  return leadH < 2 ? 'lt2h' : leadH < 12 ? '2-12h' : 'ge12h';
}

const key = (target: EtaTarget, method: string, bucket: string): string => `${target}/${method}/${bucket}`;

export function fitEtaErrorModel(residuals: readonly EtaResidual[]): EtaErrorModel {
  const groups: Record<string, number[]> = {};
  const add = (k: string, v: number): void => {
    (groups[k] ??= []).push(v);
  };
  for (const r of residuals) {
    add(key(r.target, r.method, leadBucket(r.leadH)), r.errorMin);
    add(key(r.target, '*', '*'), r.errorMin);
  }
  for (const g of Object.values(groups)) g.sort((a, b) => a - b);
  return { groups };
}

function quantile(sorted: readonly number[], p: number): number {
  const x = p * (sorted.length - 1);
  const i = Math.floor(x);
  const j = Math.min(sorted.length - 1, i + 1);
  return sorted[i]! + (sorted[j]! - sorted[i]!) * (x - i);
}

export interface EtaInterval {
  readonly level: number;
  /** Bounds as offsets from the point forecast, minutes. */
  readonly lowerMin: number;
  readonly upperMin: number;
}

/** Intervals for one forecast, or [] when the error model has too few residuals for it. */
export function etaIntervals(
  model: EtaErrorModel,
  target: EtaTarget,
  method: EtaMethod,
  leadH: number,
  levels: readonly number[],
): EtaInterval[] {
  const group = model.groups[key(target, method, leadBucket(leadH))];
  const sorted = group !== undefined && group.length >= MIN_GROUP ? group : (model.groups[key(target, '*', '*')] ?? []);
  if (sorted.length < MIN_GROUP) return [];
  return levels.map((level) => ({
    level,
    lowerMin: Math.floor(quantile(sorted, (1 - level) / 2) - 0.5),
    upperMin: Math.ceil(quantile(sorted, (1 + level) / 2) + 0.5),
  }));
}
