/**
 * The ship's own ETA as an input of the ETA model (issue 16): the master's AIS type 5 ETA (a pilot-boarding
 * time) blended with the model's forecast, with a weight per target, method and lead bucket fitted on the
 * forecasts and actuals of a *training* backtest (another run; nothing of the scored run):
 *
 *   pilot = model.pilot + w · (own − model.pilot)
 *   berth = model.berth + w · (own − model.pilot)     (the own ETA stands for pilot boarding: the model's
 *                                                      pilot → berth passage and queue are kept)
 *
 * w is the grid value in 0, 0.05, …, 1 with the smallest mean absolute error on the training points of its
 * group (target/method/lead bucket, lead = model forecast − origin, known at forecast time); a group with fewer
 * than MIN_BLEND_GROUP training points takes the weight of its target over all methods and leads, and with
 * none of those either w = 0 (the model alone). Without an own ETA the forecast is the model's. Pure.
 */
import { leadBucket, type EtaResidual, type EtaTarget } from './eta-intervals.js';
import type { EtaMethod, EtaPrediction } from './vessel-eta.js';
import { HOUR, MINUTE } from '../../domain/time-units.js';

export const MIN_BLEND_GROUP = 20;
const GRID = Array.from({ length: 21 }, (_, i) => i / 20);

/** One training forecast: what the model and the ship said at the origin, and what happened. */
export interface BlendTrainingPoint {
  readonly target: EtaTarget;
  readonly originMs: number;
  readonly model: EtaPrediction;
  readonly ownEtaMs: number;
  readonly actualMs: number;
}

export interface EtaBlendWeights {
  /** `target/method/leadBucket` and `target/*\/*` → weight of the own ETA. */
  readonly weights: Readonly<Record<string, number>>;
}

const key = (target: EtaTarget, method: EtaMethod | '*', bucket: string): string => `${target}/${method}/${bucket}`;

const pointOf = (target: EtaTarget, m: EtaPrediction): number => (target === 'pilot' ? m.pilotMs : m.berthMs);

/** The blended forecast (ms) of `target` for weight `w`. */
export function blendWith(target: EtaTarget, model: EtaPrediction, ownEtaMs: number, w: number): number {
  return pointOf(target, model) + w * (ownEtaMs - model.pilotMs);
}

function bestWeight(points: readonly BlendTrainingPoint[]): number {
  let best = 0;
  let bestErr = Number.POSITIVE_INFINITY;
  for (const w of GRID) {
    let err = 0;
    for (const p of points) err += Math.abs(p.actualMs - blendWith(p.target, p.model, p.ownEtaMs, w));
    // Strictly better only: on a tie the smaller weight (the model) is kept.
    if (err < bestErr - 1e-9) {
      bestErr = err;
      best = w;
    }
  }
  return best;
}

export function fitEtaBlend(training: readonly BlendTrainingPoint[]): EtaBlendWeights {
  const groups = new Map<string, BlendTrainingPoint[]>();
  const add = (k: string, p: BlendTrainingPoint): void => {
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  };
  for (const p of training) {
    const leadH = (pointOf(p.target, p.model) - p.originMs) / HOUR;
    add(key(p.target, p.model.method, leadBucket(leadH)), p);
    add(key(p.target, '*', '*'), p);
  }
  const weights: Record<string, number> = {};
  for (const [k, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    if (g.length >= MIN_BLEND_GROUP) weights[k] = bestWeight(g);
  }
  return { weights };
}

/** The own ETA's weight for a forecast of `target` by `method` with lead `leadH` hours. */
export function blendWeight(blend: EtaBlendWeights, target: EtaTarget, method: EtaMethod, leadH: number): number {
  return blend.weights[key(target, method, leadBucket(leadH))] ?? blend.weights[key(target, '*', '*')] ?? 0;
}

/** The model's forecast of `target` (ms) with the own ETA blended in; the model's alone without one. */
export function blendedEta(
  blend: EtaBlendWeights,
  target: EtaTarget,
  model: EtaPrediction,
  ownEtaMs: number | null,
  originMs: number,
): number {
  if (ownEtaMs === null) return pointOf(target, model);
  const w = blendWeight(blend, target, model.method, (pointOf(target, model) - originMs) / HOUR);
  return blendWith(target, model, ownEtaMs, w);
}

/**
 * Residuals of the blend (actual − blended forecast, minutes) on points with an own ETA, grouped like the
 * model's (eta-intervals.ts: target, model method, lead = blended forecast − origin): fitted into an
 * `EtaErrorModel` they give split-conformal intervals around `blendedEta`.
 */
export function blendResiduals(blend: EtaBlendWeights, points: readonly BlendTrainingPoint[]): EtaResidual[] {
  return points.map((p) => {
    const forecast = blendedEta(blend, p.target, p.model, p.ownEtaMs, p.originMs);
    return {
      target: p.target,
      method: p.model.method,
      leadH: (forecast - p.originMs) / HOUR,
      errorMin: (p.actualMs - forecast) / MINUTE,
    };
  });
}
