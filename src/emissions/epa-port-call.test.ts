import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEmissions } from './compute-emissions.js';
import { computeEpaPortCall, propellerLoadFactor } from './epa-port-call.js';
import { EpaPortCallRequestSchema, type EpaPortCallRequest } from './epa-port-call-schema.js';

/** An 8,000 TEU container ship, SSD of 50,000 kW, 24 kn maximum, keel laid 2012 (Tier 2), HFO at 0.5 % S (default). */
const request = (over: Partial<EpaPortCallRequest['ship']> = {}, modes?: EpaPortCallRequest['modes']) =>
  EpaPortCallRequestSchema.parse({
    method: 'epa-port-call',
    ship: {
      propulsionMcrKw: 50_000,
      maxSpeedKn: 24,
      propulsionEngine: 'SSD',
      keelLaidYear: 2012,
      fuel: 'HFO',
      containerTeu: 8_000,
      ...over,
    },
    modes: modes ?? [
      { mode: 'transit', hours: 2, speedKn: 18 },
      { mode: 'maneuvering', hours: 1, speedKn: 6 },
      { mode: 'hotelling', hours: 30 },
      { mode: 'anchorage', hours: 10 },
    ],
  });

describe('EPA port call (EPA-420-B-22-011)', () => {
  it('should follow the propeller law, clamped to [0.02, 1], 0 at rest, with the service margin as a parameter', () => {
    // §2.1: LF = (AS/MS)³; 18/24 → 0.421875; 6/24 → 0.015625 → clamped 0.02; SM 15 % multiplies.
    expect(propellerLoadFactor(18, 24)).toBeCloseTo(0.421875, 9);
    expect(propellerLoadFactor(6, 24)).toBe(0.02);
    expect(propellerLoadFactor(0, 24)).toBe(0);
    expect(propellerLoadFactor(30, 24)).toBe(1);
    expect(propellerLoadFactor(18, 24, 15)).toBeCloseTo(0.421875 * 1.15, 9);
  });

  it('should compute a call mode by mode (worked by hand from the §2.1 equations and §2.2/§2.4 tables)', () => {
    const r = computeEpaPortCall(request());
    expect(r.tier).toBe(2);
    const [transit, maneuvering, hotelling, anchorage] = r.modes;
    // Transit: LF 0.421875 · 50,000 kW · 2 h = 42,187.5 kWh; no LLAF above 20 %.
    const prop = transit!.engines[0]!;
    expect(prop.energyKwh).toBeCloseTo(42_187.5, 6);
    // NOx SSD Tier 2 HFO 15.3 g/kWh → 645,468.75 g.
    expect(prop.pollutants.noxG).toBeCloseTo(645_468.75, 3);
    // CO2 = BSFC 195 · Cf 3.114 = 607.23 g/kWh → 25,617,515.625 g.
    expect(prop.pollutants.co2G).toBeCloseTo(25_617_515.625, 2);
    // SO2 = 195 · 2 · 0.97753 · 0.5/100 = 1.90618 g/kWh → 80,417.1 g.
    expect(prop.pollutants.so2G).toBeCloseTo(80_417.12, 1);
    // PM10 = 0.5761 + 0.5 · 195 · 2.247 · 7e-4 = 0.729458 g/kWh; PM2.5 = 0.92 · PM10.
    expect(prop.emissionFactorsGPerKwh.pm10).toBeCloseTo(0.72945775, 8);
    expect(prop.pollutants.pm25G).toBeCloseTo(0.92 * prop.pollutants.pm10G, 6);
    // Transit aux (8,000 TEU subtype) 1,420 kW, boiler 0 kW.
    expect(transit!.engines[1]!.powerKw).toBe(1_420);
    expect(transit!.engines[2]!.powerKw).toBe(0);
    // Maneuvering at 6 kn: LF clamped to 0.02 → 1,000 kWh; NOx LLAF 4.63 (2 % row), CO2 LLAF 2853.6/869.1.
    const m = maneuvering!.engines[0]!;
    expect(m.energyKwh).toBeCloseTo(1_000, 9);
    expect(m.lowLoadFactors.nox).toBeCloseTo(4.63, 2);
    expect(m.pollutants.co2G).toBeCloseTo(607.23 * 1_000 * (2853.6 / 869.1), 2);
    // Maneuvering aux 2,600 kW · 11.2 g/kWh (aux MSD Tier 2 HFO) = 29,120 g NOx; boiler 450 kW · 2.1 = 945 g.
    expect(maneuvering!.engines[1]!.pollutants.noxG).toBeCloseTo(29_120, 6);
    expect(maneuvering!.engines[2]!.pollutants.noxG).toBeCloseTo(945, 6);
    // Hotelling 30 h: no propulsion; aux 970 kW → 325,920 g NOx; boiler 450 kW · 305 g/kWh · 3.114 → 12,821,895 g CO2.
    expect(hotelling!.engines[0]!.energyKwh).toBe(0);
    expect(hotelling!.engines[1]!.pollutants.noxG).toBeCloseTo(325_920, 6);
    expect(hotelling!.engines[2]!.pollutants.co2G).toBeCloseTo(12_821_895, 3);
    expect(anchorage!.engines[1]!.energyKwh).toBe(14_200);
    expect(r.pollutants.noxG).toBeCloseTo(
      r.modes.reduce((s, mode) => s + mode.pollutants.noxG, 0),
      6,
    );
  });

  it('should give a Tier III engine Tier II NOx below 25 % load (SCR off) and Tier III above', () => {
    const low = computeEpaPortCall(request({ keelLaidYear: 2016 }, [{ mode: 'transit', hours: 1, speedKn: 12 }]));
    expect(low.modes[0]!.engines[0]!.tier).toBe(2);
    expect(low.modes[0]!.engines[0]!.emissionFactorsGPerKwh.nox).toBe(15.3);
    const high = computeEpaPortCall(request({ keelLaidYear: 2016 }, [{ mode: 'transit', hours: 1, speedKn: 20 }]));
    expect(high.modes[0]!.engines[0]!.emissionFactorsGPerKwh.nox).toBe(3.6);
  });

  it('should keep propulsion off while hotelling and at anchor, whatever drift speed is reported', () => {
    const r = computeEpaPortCall(
      request({}, [
        { mode: 'hotelling', hours: 10, speedKn: 0.5 },
        { mode: 'anchorage', hours: 10, speedKn: 2 },
      ]),
    );
    expect(r.modes.map((m) => m.engines[0]!.energyKwh)).toEqual([0, 0]);
  });

  it('should apply no low-load factor to electric-drive propulsion', () => {
    const r = computeEpaPortCall(
      request({ propulsionEngine: 'MSD-ED' }, [{ mode: 'maneuvering', hours: 1, speedKn: 5 }]),
    );
    expect(r.modes[0]!.engines[0]!.lowLoadFactors.nox).toBe(1);
  });

  it('should take the maximum speed from the service speed (MS = SS / 0.94) when only that is given', () => {
    const r = computeEpaPortCall(request({ maxSpeedKn: undefined, serviceSpeedKn: 22.56 }));
    expect(r.maxSpeedKn).toBeCloseTo(24, 9);
  });

  it('should refuse unknown fields and missing speeds with pointers', () => {
    const outcome = computeEmissions({
      method: 'epa-port-call',
      ship: { propulsionMcrKw: 1, propulsionEngine: 'SSD', keelLaidYear: 2012, fuel: 'HFO', colour: 'red' },
      modes: [{ mode: 'cruise', hours: -1 }],
    });
    expect(outcome.ok).toBe(false);
    const pointers = outcome.ok ? [] : outcome.issues.map((i) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/ship', '/modes/0/mode', '/modes/0/hours']));
  });

  it('should refuse a ship with no auxiliary defaults, pointing at the load to give', () => {
    const outcome = computeEmissions({
      method: 'epa-port-call',
      ship: { propulsionMcrKw: 9_000, maxSpeedKn: 15, propulsionEngine: 'MSD', keelLaidYear: 2005, fuel: 'MGO' },
      modes: [{ mode: 'hotelling', hours: 5 }],
    });
    expect(outcome).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'PCS_EMISSIONS_NO_FACTOR', pointer: '/ship/auxKw/hotelling' })],
    });
  });

  it('should hold the physics: every pollutant grows with time, fuel and CO2 with speed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.constantFrom('transit', 'maneuvering', 'hotelling', 'anchorage' as const),
        (v1, v2, h1, h2, mode) => {
          const [slow, fast] = v1 <= v2 ? [v1, v2] : [v2, v1];
          const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
          const at = (speedKn: number, hours: number) => computeEpaPortCall(request({}, [{ mode, hours, speedKn }]));
          const a = at(slow, 3);
          const b = at(fast, 3);
          expect(b.fuelG).toBeGreaterThanOrEqual(a.fuelG * (1 - 1e-12));
          expect(b.pollutants.co2G).toBeGreaterThanOrEqual(a.pollutants.co2G * (1 - 1e-12));
          const s = at(fast, short).pollutants;
          const l = at(fast, long).pollutants;
          for (const k of Object.keys(s) as (keyof typeof s)[]) expect(l[k]).toBeGreaterThanOrEqual(s[k]);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });
});
