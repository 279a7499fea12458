import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerShipOn, TEN_THOUSAND_TEU_ON_MDO } from './ghg4-test-ships.js';
import { mainEngineLoad } from './ghg4-interval.js';
import { jitAdvice } from './jit-arrival.js';

const SHIP = TEN_THOUSAND_TEU_ON_MDO;

/** GHG4 Table 19 (≥2001): SSD on MDO 165 g/kWh × the load curve; auxiliaries on MDO 185; boiler (ST) on MDO 320. */
function mainFuelT(speedKn: number, hours: number): number {
  const load = mainEngineLoad(SHIP, { speedOverGroundKn: speedKn }).load;
  const curve = 0.455 * load * load - 0.71 * load + 1.28;
  return (50_000 * load * hours * 165 * curve) / 1e6;
}

describe('just-in-time arrival advice', () => {
  it('should advise the speed that uses the waiting time, held at the minimum speed (hand-checked)', () => {
    // 24 nm in 1.5 h (16 kn), then 1.5 h at anchor: 24 / 3 = 8 kn, below the 10 kn floor → 10 kn, 2.4 h, 0.6 h wait.
    const advice = jitAdvice({ ship: SHIP, approachNm: 24, approachHours: 1.5, waitingHours: 1.5 });
    expect(advice.actualSpeedKn).toBeCloseTo(16, 10);
    expect(advice.advisedSpeedKn).toBeCloseTo(10, 10);
    expect(advice.advised.approachHours).toBeCloseTo(2.4, 10);
    expect(advice.remainingWaitHours).toBeCloseTo(0.6, 10);

    // Actual: main at 16 kn for 1.5 h + aux 1,000 kW × 1.5 h at sea; anchored aux 1,500 kW + boiler 500 kW × 1.5 h.
    const actualT = mainFuelT(16, 1.5) + (1_000 * 1.5 * 185) / 1e6 + (1_500 * 1.5 * 185 + 500 * 1.5 * 320) / 1e6;
    // Advised: main at 10 kn for 2.4 h + aux 1,000 kW × 2.4 h; anchored 0.6 h.
    const advisedT = mainFuelT(10, 2.4) + (1_000 * 2.4 * 185) / 1e6 + (1_500 * 0.6 * 185 + 500 * 0.6 * 320) / 1e6;
    expect(advice.actual.fuelT).toBeCloseTo(actualT, 9);
    expect(advice.advised.fuelT).toBeCloseTo(advisedT, 9);
    expect(advice.fuelSavedT).toBeCloseTo(actualT - advisedT, 9);
    // CO2 = fuel × Cf (MDO 3.206 t/t, MEPC.364(79)).
    expect(advice.co2SavedT).toBeCloseTo((actualT - advisedT) * 3.206, 9);
    expect(advice.fuelSavedT).toBeGreaterThan(0.5);
  });

  it('should advise exactly distance over the whole span when that is above the floor', () => {
    // 60 nm in 3 h (20 kn), 2 h waiting → 60 / 5 = 12 kn, no wait left.
    const advice = jitAdvice({ ship: SHIP, approachNm: 60, approachHours: 3, waitingHours: 2 });
    expect(advice.advisedSpeedKn).toBeCloseTo(12, 10);
    expect(advice.remainingWaitHours).toBeCloseTo(0, 10);
  });

  it('should advise the actual speed and save nothing when the ship did not wait', () => {
    const advice = jitAdvice({ ship: SHIP, approachNm: 30, approachHours: 2, waitingHours: 0 });
    expect(advice.advisedSpeedKn).toBeCloseTo(15, 10);
    expect(advice.fuelSavedT).toBeCloseTo(0, 12);
    expect(advice.co2SavedT).toBeCloseTo(0, 12);
  });

  it('should never advise faster than the ship sailed nor save less than nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 6, max: 24, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 72, noNaN: true }),
        fc.double({ min: 1_000, max: 20_000, noNaN: true }),
        fc.constantFrom('HFO', 'MDO', 'LNG_OTTO_MS', 'E_METHANOL' as const),
        fc.double({ min: 2, max: 14, noNaN: true }),
        (speedKn, hours, wait, teu, pathway, floor) => {
          const nm = speedKn * hours;
          const ship = containerShipOn(teu, pathway);
          // GHG4 caps the load at MCR: above that speed the model cannot tell speeds apart (docs/emissions.md).
          fc.pre(mainEngineLoad(ship, { speedOverGroundKn: speedKn }).load < 1);
          const a = jitAdvice({ ship, approachNm: nm, approachHours: hours, waitingHours: wait, minSpeedKn: floor });
          expect(a.advisedSpeedKn).toBeLessThanOrEqual(a.actualSpeedKn + 1e-9);
          // Unclamped: both plans' fuel and CO2, not the reported (clamped) saving.
          const noise = 1e-12 + 1e-8 * a.actual.fuelT * 4;
          expect(a.actual.fuelT - a.advised.fuelT).toBeGreaterThanOrEqual(-noise);
          expect(a.actual.co2T - a.advised.co2T).toBeGreaterThanOrEqual(-noise);
          // Both plans cover the same span.
          expect(a.advised.approachHours + a.advised.anchoredHours).toBeCloseTo(hours + wait, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
