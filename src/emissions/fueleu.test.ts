import { describe, expect, it } from 'vitest';
import { PATHWAY_FACTORS, tankToWakeGPerGFuel, type FuelPathway } from './fueleu-factors.js';
import { computeFuelEu } from './fueleu.js';
import { FuelEuRequestSchema } from './fueleu-schema.js';

const fuelEu = (body: object) => computeFuelEu(FuelEuRequestSchema.parse({ method: 'fueleu', ...body }));

describe('FuelEU Maritime (Regulation (EU) 2023/1805)', () => {
  // Well-to-wake of the Annex II defaults with AR4 GWPs: emissions-methods.md §4.3 [C] column; MGO 90.77 and
  // LNG Otto MS 89.20 are the widely quoted values (§4.1).
  it.each<[FuelPathway, number]>([
    ['HFO', 91.74],
    ['MDO', 90.77],
    ['LNG_OTTO_MS', 89.2],
    ['LNG_OTTO_SS', 82.87],
    ['LNG_DIESEL_SS', 76.08],
    ['LNG_LBSI', 86.94],
    ['METHANOL_FOSSIL', 103.15],
  ])('should give %s a well-to-wake intensity of %s g CO2e/MJ', (pathway, wtw) => {
    const f = PATHWAY_FACTORS[pathway];
    expect(f.wttGCo2ePerMj + tankToWakeGPerGFuel(f, 'AR4') / f.lcvMjPerG).toBeCloseTo(wtw, 2);
    expect(fuelEu({ year: 2025, fuels: [{ pathway, massT: 100 }] }).ghgIntensityGCo2ePerMj).toBeCloseTo(wtw, 2);
  });

  it('should compute the compliance balance and penalty of a ship burning 5,000 t MDO (worked by hand)', () => {
    // E = 5,000 t · 1e6 · 0.0427 MJ/g = 213,500,000 MJ; GHGIE 90.767447.
    // 2025: target 91.16 · 0.98 = 89.3368 → CB = (89.3368 − 90.767447) · E = −305,443,200 g CO2e.
    const y2025 = fuelEu({ year: 2025, fuels: [{ pathway: 'MDO', massT: 5_000 }] });
    expect(y2025.energyMj).toBeCloseTo(213_500_000, 3);
    expect(y2025.targetGCo2ePerMj).toBeCloseTo(89.3368, 9);
    expect(y2025.complianceBalanceGCo2e).toBeCloseTo(-305_443_200, -1);
    // 2030: target 85.6904 → CB −1,083,949,600 g; penalty |CB| / (90.767447 · 41,000) · 2,400 = 699,046.96 EUR.
    const y2030 = fuelEu({ year: 2030, fuels: [{ pathway: 'MDO', massT: 5_000 }] });
    expect(y2030.complianceBalanceGCo2e).toBeCloseTo(-1_083_949_600, -1);
    expect(y2030.penaltyEur).toBeCloseTo(699_046.96, 1);
    // Third consecutive deficit year: · (1 + 2/10).
    const third = fuelEu({ year: 2030, fuels: [{ pathway: 'MDO', massT: 5_000 }], consecutiveDeficitYears: 3 });
    expect(third.penaltyEur).toBeCloseTo(699_046.96 * 1.2, 1);
  });

  it('should give a surplus and no penalty below the target, count 50 % of an extra-EU voyage and reward RFNBOs', () => {
    const green = fuelEu({ year: 2030, fuels: [{ pathway: 'E_METHANOL', massT: 1_000 }] });
    expect(green.complianceBalanceGCo2e).toBeGreaterThan(0);
    expect(green.penaltyEur).toBe(0);
    expect(green.rewardedEnergyMj).toBeCloseTo(2 * green.energyMj, 3);
    const half = fuelEu({ year: 2025, fuels: [{ pathway: 'HFO', massT: 1_000, scopePct: 50 }] });
    expect(half.energyMj).toBeCloseTo(500e6 * 0.0405, 3);
    // After 2033 the reward factor is 1.
    expect(fuelEu({ year: 2034, fuels: [{ pathway: 'E_METHANOL', massT: 1 }] }).fuels[0]!.rewardFactor).toBe(1);
  });
});
