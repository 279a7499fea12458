import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEmissions } from './compute-emissions.js';
import { sfcCurveFactor } from './ghg4-factors.js';
import { computeGhg4Interval, mainEngineLoad, operatingPhase } from './ghg4-interval.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';

/** An 8,000 TEU container ship, SSD built 2010, burning HFO at 0.5 % S (the inputs of the worked example below). */
const SHIP: Ghg4Ship = {
  shipType: 'container',
  teu: 8_000,
  mainEngineMcrKw: 50_000,
  designSpeedKn: 24,
  mainEngine: 'SSD',
  builtYear: 2010,
  fuel: 'HFO',
  sulphurPct: 0.5,
};

describe('GHG4 SFC load curve', () => {
  // emissions-methods.md §1.1: factor 1.2136 at 10 %, 1.0388 at 50 %, 1.025 at 100 %, minimum at L ≈ 0.78.
  it('should reproduce the published factors of the curve', () => {
    expect(sfcCurveFactor(0.1)).toBeCloseTo(1.2136, 4);
    expect(sfcCurveFactor(0.5)).toBeCloseTo(1.0388, 4);
    expect(sfcCurveFactor(1)).toBeCloseTo(1.025, 4);
    expect(sfcCurveFactor(0.78)).toBeLessThan(sfcCurveFactor(0.7));
    expect(sfcCurveFactor(0.78)).toBeLessThan(sfcCurveFactor(0.86));
  });
});

describe('GHG4 interval', () => {
  it('should compute load, phase, fuel and pollutants of one hour at 70 % of design speed (worked by hand)', () => {
    // L = δw·(V/Vref)³/(ηw·ηf) = 1 · 0.7³ / (0.867 · 0.917) = 0.343 / 0.795039 = 0.431425 (§1.1; 8,000 TEU is not
    // small for ηw, δw is 1 below 14,500 TEU). P = 0.431425 · 50,000 = 21,571.3 kW.
    // SFC = 175 (Table 19, SSD HFO ≥2001… built 2010) · (0.455·L² − 0.710·L + 1.280) = 175 · 1.058376 = 185.216 g/kWh.
    // ME fuel = 21,571.3 · 185.216 = 3,995,340 g. Aux (Table 17, 8,000–11,999 TEU, sea) 1,800 kW · 195 g/kWh
    // = 351,000 g; boiler 0 at sea. Total 4,346,340 g; CO2 = · 3.114 = 13,534,504 g; SO2 = · 2 · 0.97753 · 0.005
    // = 42,487 g. NOx (EPA Tier 1: keel 2010; SSD HFO 17.0, aux MSD HFO 13.0 g/kWh; L > 0.2 so no LLAF)
    // = 17.0 · 21,571.3 + 13.0 · 1,800 = 390,112 g. PM10 (GHG4 eq. 16, HFO): ME 1.35 + 185.216·7·0.02247·(0.005 −
    // 0.0246) = 0.77900 g/kWh → 16,804 g; aux 0.74884 g/kWh → 1,348 g.
    const result = computeGhg4Interval(SHIP, { hours: 1, speedOverGroundKn: 16.8, phase: 'sea' });
    expect(result.mainEngine.load).toBeCloseTo(0.431425, 5);
    expect(result.phase).toBe('slow_steaming');
    expect(result.mainEngine.powerKw).toBeCloseTo(21_571.27, 1);
    const [main, aux, boiler] = result.groups;
    expect(main!.sfcGPerKwh).toBeCloseTo(185.216, 2);
    expect(main!.fuelG).toBeCloseTo(3_995_340, -1);
    expect(aux!.powerKw).toBe(1_800);
    expect(aux!.fuelG).toBeCloseTo(351_000, 3);
    expect(boiler!.powerKw).toBe(0);
    expect(result.fuelG).toBeCloseTo(4_346_340, -1);
    expect(result.pollutants.co2G).toBeCloseTo(13_534_504, -1);
    expect(result.pollutants.so2G).toBeCloseTo(42_486.8, 0);
    expect(result.pollutants.noxG).toBeCloseTo(390_111.6, 0);
    expect(main!.pollutants.pm10G).toBeCloseTo(16_804.0, 0);
    expect(aux!.pollutants.pm10G).toBeCloseTo(1_347.9, 0);
  });

  it('should cap the load at 1 and use δw 0.75 for a 14,500 TEU ship', () => {
    expect(mainEngineLoad(SHIP, { speedOverGroundKn: 26 }).load).toBe(1);
    const big = mainEngineLoad({ ...SHIP, teu: 14_500 }, { speedOverGroundKn: 12 });
    expect(big.designSpeedCorrection).toBe(0.75);
    expect(big.load).toBeCloseTo((0.75 * 0.5 ** 3) / (0.867 * 0.917), 6);
  });

  it('should derive the Table 16 phase from speed and distances', () => {
    const phase = (sog: number, port: number, coast?: number) =>
      operatingPhase(SHIP, { hours: 1, speedOverGroundKn: sog, distanceToPortNm: port, distanceToCoastNm: coast }, 0.3);
    expect(phase(0.5, 2)).toBe('berth');
    expect(phase(0.5, 20)).toBe('anchored');
    expect(phase(2.5, 2)).toBe('anchored');
    expect(phase(4, 20, 3)).toBe('manoeuvring');
    expect(phase(8, 0.5)).toBe('manoeuvring');
    expect(phase(8, 30)).toBe('slow_steaming');
    // Tankers above 5 kn inside the port zone are classed by load (§1.2).
    const tanker = { ...SHIP, shipType: 'oil_tanker' as const, teu: undefined, dwt: 50_000 };
    expect(operatingPhase(tanker, { hours: 1, speedOverGroundKn: 8, distanceToPortNm: 0.5 }, 0.3)).toBe(
      'slow_steaming',
    );
  });

  it('should take the berth column of Table 17 at berth (aux 1,150 kW, boiler 620 kW for 8,000 TEU)', () => {
    const result = computeGhg4Interval(SHIP, { hours: 10, speedOverGroundKn: 0, distanceToPortNm: 0.2 });
    expect(result.phase).toBe('berth');
    expect(result.mainEngine.powerKw).toBe(0);
    expect(result.groups[1]!.energyKwh).toBe(11_500);
    expect(result.groups[2]!.energyKwh).toBe(6_200);
  });

  it('should add LNG slip to CH4 (3.1 % of fuel for an Otto medium-speed engine)', () => {
    const lng = { ...SHIP, mainEngine: 'LNG-Otto-MS' as const, fuel: 'LNG' as const, sulphurPct: undefined };
    const r = computeGhg4Interval(lng, { hours: 1, speedOverGroundKn: 16.8, phase: 'sea' });
    const main = r.groups[0]!;
    expect(main.pollutants.ch4G).toBeCloseTo(main.fuelG * 0.031, 3);
    expect(main.pollutants.so2G).toBe(0);
  });

  it('should refuse a ship type without Table 17 defaults, pointing at the missing power', () => {
    const outcome = computeEmissions({
      method: 'ghg4-interval',
      ship: { ...SHIP, shipType: 'bulk_carrier', teu: undefined, dwt: 80_000 },
      intervals: [{ hours: 1, speedOverGroundKn: 12, phase: 'sea' }],
    });
    expect(outcome).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'PCS_EMISSIONS_NO_FACTOR', pointer: '/ship/auxKw/sea' })],
    });
  });

  it('should hold the physics: fuel, CO2 and SO2 grow with speed; every pollutant with time and, above 20 % load, with load', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 48, noNaN: true }),
        fc.double({ min: 0, max: 48, noNaN: true }),
        (v1, v2, h1, h2) => {
          const [slow, fast] = v1 <= v2 ? [v1, v2] : [v2, v1];
          const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
          const at = (v: number, h: number) =>
            computeGhg4Interval(SHIP, { hours: h, speedOverGroundKn: v, phase: 'sea' });
          const a = at(slow, 6);
          const b = at(fast, 6);
          expect(b.fuelG).toBeGreaterThanOrEqual(a.fuelG * (1 - 1e-12));
          expect(b.pollutants.co2G).toBeGreaterThanOrEqual(a.pollutants.co2G * (1 - 1e-12));
          expect(b.pollutants.so2G).toBeGreaterThanOrEqual(a.pollutants.so2G * (1 - 1e-12));
          if (a.mainEngine.load >= 0.2) {
            for (const k of Object.keys(a.pollutants) as (keyof typeof a.pollutants)[]) {
              expect(b.pollutants[k]).toBeGreaterThanOrEqual(a.pollutants[k] * (1 - 1e-12));
            }
          }
          const s = at(fast, short);
          const l = at(fast, long);
          for (const k of Object.keys(s.pollutants) as (keyof typeof s.pollutants)[]) {
            expect(l.pollutants[k]).toBeGreaterThanOrEqual(s.pollutants[k]);
          }
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });

  it('should show the documented low-load exception: HC per hour at 2 % load exceeds HC at 5 % (EPA LLAF)', () => {
    // 0.02 · 21.18 = 0.42 > 0.05 · 5.61 = 0.28 (§2.3 table): per-hour HC falls as load rises from 2 % to 5 %.
    const speedAt = (load: number) => 24 * Math.cbrt(load * 0.867 * 0.917);
    const at = (load: number) =>
      computeGhg4Interval(SHIP, { hours: 1, speedOverGroundKn: speedAt(load), phase: 'sea' }).groups[0]!.pollutants.hcG;
    expect(at(0.02)).toBeGreaterThan(at(0.05));
  });
});
