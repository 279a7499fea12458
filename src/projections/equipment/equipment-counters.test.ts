import { describe, expect, it } from 'vitest';
import { counterGrowth } from './equipment-counters.js';

const H = 3_600_000;

describe('growth of a unit’s cumulative counters between two reports', () => {
  it('should add what each counter grew', () => {
    expect(
      counterGrowth(
        { observedAtMs: 0, engineHours: 100, energy: { electricityKwh: 1000, dieselLitres: 5 } },
        { observedAtMs: H, engineHours: 100.75, energy: { electricityKwh: 1060, dieselLitres: 5 } },
      ),
    ).toEqual({ operatingHours: 0.75, electricityKwh: 60, dieselLitres: 0, hydrogenKg: 0 });
  });
  it('should add nothing for a counter that went down or is missing on one side', () => {
    expect(
      counterGrowth(
        { observedAtMs: 0, engineHours: 100, energy: { dieselLitres: 500 } },
        { observedAtMs: H, engineHours: 3, energy: { dieselLitres: 10, hydrogenKg: 2 } },
      ),
    ).toEqual({ operatingHours: 0, electricityKwh: 0, dieselLitres: 0, hydrogenKg: 0 });
  });
  it('should not let hours grow faster than the clock, and ignore a report that is not later', () => {
    const before = { observedAtMs: 0, engineHours: 10, energy: {} };
    expect(counterGrowth(before, { observedAtMs: H / 4, engineHours: 13, energy: {} })?.operatingHours).toBe(0.25);
    expect(counterGrowth(before, { observedAtMs: 0, engineHours: 11, energy: {} })).toBeNull();
    expect(counterGrowth(before, { observedAtMs: -H, engineHours: 11, energy: {} })).toBeNull();
  });
});
