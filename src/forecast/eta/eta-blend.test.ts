import { describe, expect, it } from 'vitest';
import { blendedEta, blendResiduals, fitEtaBlend, MIN_BLEND_GROUP, type BlendTrainingPoint } from './eta-blend.js';
import { etaIntervals, fitEtaErrorModel } from './eta-intervals.js';
import type { EtaPrediction } from './vessel-eta.js';
import { MINUTE, HOUR } from '../../domain/time-units.js';

const O = Date.UTC(2021, 9, 1);

/** A deterministic pseudo-random stream in [-1, 1) (LCG), so the training sets are fixed. */
function noise(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (x / 2_147_483_648) * 2 - 1;
  };
}

const prediction = (pilotMs: number, method: EtaPrediction['method'] = 'track'): EtaPrediction => ({
  method,
  asOfMs: O - MINUTE,
  pilotMs,
  berthMs: pilotMs + HOUR,
  toPilotNm: 100,
  queueWaitH: 0,
});

/** Arrivals 24 h after the origin; the model errs by up to ±modelErrMin, the ship by up to ±ownErrMin. */
function training(n: number, modelErrMin: number, ownErrMin: number, seed: number): BlendTrainingPoint[] {
  const r = noise(seed);
  return Array.from({ length: n }, () => {
    const actualMs = O + 24 * HOUR;
    return {
      target: 'pilot' as const,
      originMs: O,
      model: prediction(actualMs + r() * modelErrMin * MINUTE),
      ownEtaMs: actualMs + r() * ownErrMin * MINUTE,
      actualMs,
    };
  });
}

describe('own ETA blend', () => {
  it('trusts the ship where it is right and the model where the ship is wrong', () => {
    expect(fitEtaBlend(training(60, 120, 5, 1)).weights['pilot/track/ge12h']).toBeGreaterThanOrEqual(0.9);
    expect(fitEtaBlend(training(60, 5, 120, 2)).weights['pilot/track/ge12h']).toBeLessThanOrEqual(0.1);
    // Independent errors of the same size: both count (the mean of two independent errors is smaller).
    const w = fitEtaBlend(training(400, 60, 60, 3)).weights['pilot/track/ge12h']!;
    expect(w).toBeGreaterThan(0.25);
    expect(w).toBeLessThan(0.75);
  });

  it('fits no group weight from fewer than the minimum points and then falls back to the target, else the model', () => {
    const few = training(MIN_BLEND_GROUP - 1, 120, 5, 4);
    expect(fitEtaBlend(few).weights).toEqual({});
    const model = prediction(O + 30 * HOUR);
    expect(blendedEta(fitEtaBlend(few), 'pilot', model, O + 20 * HOUR, O)).toBe(model.pilotMs);
    // The target's weight over all methods answers a method it was not fitted on.
    const fitted = fitEtaBlend(training(60, 120, 5, 5));
    const anchored = prediction(O + 30 * HOUR, 'anchored');
    const w = fitted.weights['pilot/*/*']!;
    expect(blendedEta(fitted, 'pilot', anchored, O + 20 * HOUR, O)).toBe(anchored.pilotMs - w * 10 * HOUR);
  });

  it('moves the berth forecast by the pilot correction and keeps the model without an own ETA', () => {
    const blend = { weights: { 'berth/*/*': 0.5 } };
    const model = prediction(O + 10 * HOUR);
    expect(blendedEta(blend, 'berth', model, O + 8 * HOUR, O)).toBe(model.berthMs - HOUR);
    expect(blendedEta(blend, 'berth', model, null, O)).toBe(model.berthMs);
  });

  it('puts intervals around the blend from the blend’s own residuals, narrower than the model’s when the ship is right', () => {
    // The model errs by up to ±120 min, the ship by up to ±5: the blend leans on the ship, its residuals are small.
    const points = training(200, 120, 5, 6);
    const blend = fitEtaBlend(points);
    const residuals = blendResiduals(blend, points);
    expect(residuals).toHaveLength(200);
    const p = points[0]!;
    const blended = blendedEta(blend, 'pilot', p.model, p.ownEtaMs, O);
    expect(residuals[0]!.errorMin).toBeCloseTo((p.actualMs - blended) / MINUTE, 9);
    expect(residuals[0]!.leadH).toBeCloseTo((blended - O) / HOUR, 9);
    const [ofBlend] = etaIntervals(fitEtaErrorModel(residuals), 'pilot', 'track', 24, [0.8]);
    const [ofModel] = etaIntervals(
      fitEtaErrorModel(
        points.map((q) => ({
          target: 'pilot',
          method: 'track',
          leadH: 24,
          errorMin: (q.actualMs - q.model.pilotMs) / MINUTE,
        })),
      ),
      'pilot',
      'track',
      24,
      [0.8],
    );
    expect(ofBlend!.upperMin - ofBlend!.lowerMin).toBeLessThan(20);
    expect(ofModel!.upperMin - ofModel!.lowerMin).toBeGreaterThan(100);
  });
});
