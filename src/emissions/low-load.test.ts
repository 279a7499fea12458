import { describe, expect, it } from 'vitest';
import { type LlafPollutant, lowLoadFactor, lowLoadFactorSo2 } from './low-load.js';

/**
 * ../shared/reference/emissions-methods.md §2.3 "Resulting factors": computed from the LLAFCoeff.rda coefficients;
 * the 2 % row equals the EPA table as transcribed in FLCAC-admin/uslci-marine `data/engine_load_factor.csv`
 * (NOx 4.63, HC 21.18, CO 9.68, PM 7.29, CO2 3.28).
 */
const TABLE: readonly [number, Record<LlafPollutant, number>, number][] = [
  [0.02, { nox: 4.63, hc: 21.18, co: 9.68, pm: 7.29, co2: 3.28 }, 3.32],
  [0.05, { nox: 1.83, hc: 5.61, co: 3.89, pm: 2.44, co2: 1.76 }, 1.77],
  [0.1, { nox: 1.22, hc: 2.2, co: 1.96, pm: 1.38, co2: 1.25 }, 1.26],
  [0.15, { nox: 1.06, hc: 1.36, co: 1.32, pm: 1.11, co2: 1.08 }, 1.09],
  [0.2, { nox: 1, hc: 1, co: 1, pm: 1, co2: 1 }, 1],
];

describe('EPA low-load adjustment factors', () => {
  it.each(TABLE)('should reproduce the EPA factors at %s load', (load, factors, so2) => {
    for (const [pollutant, value] of Object.entries(factors)) {
      expect(lowLoadFactor(pollutant as LlafPollutant, load)).toBeCloseTo(value, 2);
    }
    expect(lowLoadFactorSo2(load, 0.1)).toBeCloseTo(so2, 2);
  });

  it('should be 1 at and above 20 % load, and hold the 2 % factor below 2 %', () => {
    expect(lowLoadFactor('nox', 0.5)).toBe(1);
    expect(lowLoadFactor('hc', 0.01)).toBe(lowLoadFactor('hc', 0.02));
    expect(lowLoadFactorSo2(0.05, 0)).toBe(1);
  });
});
