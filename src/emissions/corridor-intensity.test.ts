import { describe, expect, it } from 'vitest';
import { computeCorridorIntensity } from './corridor-intensity.js';
import { CorridorIntensityRequestSchema } from './corridor-intensity-schema.js';

describe('per-TEU intensity of a voyage leg (ISO 14083 / GLEC)', () => {
  it('should divide WtW emissions by TEU-km and allocate them to shipments by their TEU-km (worked by hand)', () => {
    // 2,000 t HFO: TtW = 2e9 g · 3.16889 g CO2e/g = 6.33778e9 g; WtT = 2e9 · 0.0405 MJ/g · 13.5 = 1.0935e9 g;
    // WtW = 7.43128e9 g. Activity 6,000 TEU · 10,000 km = 6e7 TEU-km → 123.855 g CO2e/TEU-km WtW.
    const r = computeCorridorIntensity(
      CorridorIntensityRequestSchema.parse({
        method: 'corridor-intensity',
        fuels: [{ pathway: 'HFO', massT: 2_000 }],
        distanceKm: 10_000,
        teuCarried: 6_000,
        nominalCapacityTeu: 8_000,
        shipments: [
          { id: 'MSKU1234565', teu: 2 },
          { id: 'part-leg', teu: 1, distanceKm: 5_000 },
        ],
      }),
    );
    expect(r.ttwCo2eG).toBeCloseTo(2e9 * (3.114 + 5e-5 * 25 + 1.8e-4 * 298), 0);
    expect(r.wtwCo2eG).toBeCloseTo(7.43128e9, -4);
    expect(r.wtwGCo2ePerTeuKm).toBeCloseTo(123.855, 2);
    expect(r.shipments[0]!.wtwCo2eG).toBeCloseTo(r.wtwGCo2ePerTeuKm * 20_000, 3);
    expect(r.shipments[1]!.teuKm).toBe(5_000);
    // Clean Cargo style: Σ / (8,000 · 10,000 · 0.7).
    expect(r.cleanCargoWtwGCo2ePerTeuKm).toBeCloseTo(r.wtwCo2eG / 5.6e7, 6);
  });

  it('should allocate the whole leg when the shipments are the whole payload', () => {
    const r = computeCorridorIntensity(
      CorridorIntensityRequestSchema.parse({
        method: 'corridor-intensity',
        fuels: [
          { pathway: 'LNG_OTTO_SS', massT: 700 },
          { pathway: 'MDO', massT: 50 },
        ],
        distanceKm: 2_500,
        teuCarried: 300,
        shipments: Array.from({ length: 150 }, (_, i) => ({ id: `s${i}`, teu: 2 })),
      }),
    );
    expect(r.shipments.reduce((s, x) => s + x.wtwCo2eG, 0)).toBeCloseTo(r.wtwCo2eG, -1);
  });
});
