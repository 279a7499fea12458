import { describe, expect, it } from 'vitest';
import { computeCii, ciiRating } from './cii.js';
import { CiiRequestSchema } from './cii-schema.js';
import { computeEmissions } from './compute-emissions.js';

describe('CII (MEPC.352–354(78), Z of MEPC.338(76)/MEPC.400(83))', () => {
  it('should rate a 50,000 DWT container ship for 2024 (worked by hand)', () => {
    // M = 10,000 t HFO · 3.114 = 31,140 t CO2 = 3.114e10 g; W = 50,000 DWT · 80,000 nm = 4e9 → attained 7.785.
    // ref = 1984 · 50,000^-0.489 = 9.99414 (container a, c); Z 2024 = 7 → required 9.29455.
    // Boundaries: · 0.83 / 0.94 / 1.07 / 1.19 = 7.71448 / 8.73688 / 9.94517 / 11.06051 → 7.785 is B.
    const r = computeCii(
      CiiRequestSchema.parse({
        method: 'cii',
        shipType: 'container',
        dwt: 50_000,
        year: 2024,
        fuelConsumption: [{ fuel: 'HFO', massT: 10_000 }],
        distanceNm: 80_000,
      }),
    );
    expect(r.attainedCii).toBeCloseTo(7.785, 9);
    expect(r.referenceCii).toBeCloseTo(9.994138, 5);
    expect(r.requiredCii).toBeCloseTo(9.294548, 5);
    expect(r.boundaries.a).toBeCloseTo(7.714475, 5);
    expect(r.boundaries.b).toBeCloseTo(8.736875, 5);
    expect(r.rating).toBe('B');
  });

  it('should put a value exactly on a boundary in the worse band by default, the better one on request', () => {
    expect(ciiRating(1, [1, 2, 3, 4])).toBe('B');
    expect(ciiRating(1, [1, 2, 3, 4], 'better')).toBe('A');
    expect(ciiRating(5, [1, 2, 3, 4])).toBe('E');
  });

  it('should cap the reference capacity where the table fixes one, but not the attained capacity', () => {
    const bulk = computeCii(
      CiiRequestSchema.parse({
        method: 'cii',
        shipType: 'bulk_carrier',
        dwt: 300_000,
        year: 2026,
        fuelConsumption: [{ fuel: 'HFO', massT: 20_000 }],
        distanceNm: 100_000,
      }),
    );
    expect(bulk.referenceCapacity).toBe(279_000);
    expect(bulk.referenceCii).toBeCloseTo(4745 * 279_000 ** -0.622, 9);
    expect(bulk.attainedCii).toBeCloseTo((20_000e6 * 3.114) / (300_000 * 100_000), 9);
    // LNG carriers below 65,000 DWT: capacity 65,000 and a = 14779E10 as printed (docs/emissions.md).
    const lng = computeCii(
      CiiRequestSchema.parse({
        method: 'cii',
        shipType: 'lng_carrier',
        dwt: 40_000,
        year: 2027,
        fuelConsumption: [{ fuel: 'LNG', massT: 5_000 }],
        distanceNm: 60_000,
      }),
    );
    expect(lng.referenceCii).toBeCloseTo(14779e10 * 65_000 ** -2.673, 9);
    expect(lng.reductionZPct).toBe(13.625);
  });

  it('should ask a cruise ship for its GT and refuse a year without a reduction factor', () => {
    const outcome = computeEmissions({
      method: 'cii',
      shipType: 'cruise_passenger',
      dwt: 10_000,
      year: 2031,
      fuelConsumption: [{ fuel: 'MDO', massT: 1 }],
      distanceNm: 1,
    });
    expect(outcome.ok).toBe(false);
    const pointers = outcome.ok ? [] : outcome.issues.map((i) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/year']));
  });
});
