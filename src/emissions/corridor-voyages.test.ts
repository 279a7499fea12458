import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corridorFigures, corridorProgress, corridorVoyagesOf, type CallFacts } from './corridor-voyages.js';
import { parseGreenCorridorConfig, targetIn, type GreenCorridorConfig } from './green-corridor-config.js';

function shipped(): GreenCorridorConfig {
  const parsed = parseGreenCorridorConfig(readFileSync('data-static/corridors/green-corridors.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.config;
}

const CALL: CallFacts = {
  callId: 'call-1',
  imo: '9811000',
  vesselName: 'TEST SHIP',
  port: 'USLAX',
  arrivedAt: '2026-03-10T12:00:00.000Z',
  departedAt: '2026-03-12T12:00:00.000Z',
  // 5,700 nm in 356.25 h = 16 kn.
  previousPort: { unLocode: 'CNSHA', source: 'carrier-schedule', at: '2026-02-23T15:45:00.000Z' },
  nextPort: { unLocode: 'SEGOT', source: 'ais-destination', at: null },
  lengthM: 349,
  teuDischarged: 4_000,
  teuLoaded: null,
};

describe('green corridor voyages', () => {
  const config = shipped();

  it('should ship the seven sister-port corridors with a FuelEU pathway', () => {
    expect(config.corridors.map((c) => c.partnerPorts[0])).toEqual([
      'CNSHA',
      'SGSIN',
      'JPTYO',
      'JPYOK',
      'JPNGO',
      'CNCAN',
      'SEGOT',
    ]);
    const shanghai = config.corridors[0]!;
    // 91.16 × (1 − 6 %) from 2030; the 2029 target is still the 2025 step (−2 %).
    expect(targetIn(shanghai.pathway, 2031, 'maxWtwGCo2ePerMj')).toEqual({ fromYear: 2030, value: 85.69 });
    expect(targetIn(shanghai.pathway, 2029, 'maxWtwGCo2ePerMj')).toEqual({ fromYear: 2025, value: 89.34 });
    expect(targetIn(shanghai.pathway, 2029, 'minLowZeroCarbonSharePct')).toBeNull();
    expect(targetIn(shanghai.pathway, 2030, 'minLowZeroCarbonSharePct')).toEqual({ fromYear: 2030, value: 5 });
  });

  it('should refuse a corridor file naming a port it does not locate', () => {
    const bad = JSON.parse(readFileSync('data-static/corridors/green-corridors.json', 'utf8')) as {
      corridors: { partnerPorts: string[] }[];
    };
    bad.corridors[0]!.partnerPorts = ['NLRTM'];
    const parsed = parseGreenCorridorConfig(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join()).toContain('port NLRTM is not listed');
  });

  it('should make an inbound voyage from the schedule and an outbound one from the AIS destination, flagged', () => {
    const voyages = corridorVoyagesOf(config, CALL);
    expect(voyages.map((v) => [v.corridorId, v.direction, v.portSource, v.portFlagged])).toEqual([
      ['lalb-shanghai', 'inbound', 'carrier-schedule', false],
      ['lalb-gothenburg', 'outbound', 'ais-destination', true],
    ]);
    const inbound = voyages[0]!;
    expect(inbound.distanceNm).toBe(5_700);
    expect(inbound.distanceKm).toBeCloseTo(5_700 * 1.852, 6);
    expect(inbound.speedSource).toBe('schedule');
    expect(inbound.speedKn).toBeCloseTo(16, 9);
    expect(inbound.particulars.teu).toBe(10_000); // 349 m → 10,000 TEU (typical-ship table)
    expect(inbound.fuelSource).toBe('assumed');
    // An all-HFO leg: WtW = 13.5 + (3.114 + 0.00005·25 + 0.00018·298) / 0.0405 = 91.744 g CO2e/MJ (FuelEU Annex II, AR4).
    expect(inbound.wtwGCo2ePerMj).toBeCloseTo(13.5 + 3.16889 / 0.0405, 6);
    expect(inbound.lowZeroCarbon).toBe(false);
    expect(inbound.teuSource).toBe('discharge-events');
    expect(inbound.teuKm).toBeCloseTo(4_000 * 5_700 * 1.852, 3);
    expect(inbound.wtwGCo2ePerTeuKm).toBeCloseTo((inbound.wtwCo2eT * 1e6) / inbound.teuKm, 9);
    // Energy × intensity = WtW mass.
    expect(inbound.energyMj * inbound.wtwGCo2ePerMj).toBeCloseTo(inbound.wtwCo2eT * 1e6, -2);
    const outbound = voyages[1]!;
    expect(outbound.speedSource).toBe('service-speed');
    expect(outbound.speedKn).toBe(17);
    expect(outbound.teuSource).toBe('capacity-70pct');
    expect(outbound.teuCarried).toBe(7_000);
  });

  it('should count a registered e-methanol ship as low/zero-carbon and report progress against the pathway', () => {
    const withRegister: GreenCorridorConfig = {
      ...config,
      vessels: [{ imo: '9811000', fuel: 'E_METHANOL', source: 'test register' }],
    };
    const green = corridorVoyagesOf(withRegister, CALL)[0]!;
    expect(green.fuelSource).toBe('register');
    expect(green.lowZeroCarbon).toBe(true);
    // The methanol main engine burns e-methanol; auxiliaries and boiler MDO (GHG4 Table 19 has no methanol auxiliary).
    expect(Object.keys(green.fuelT).sort()).toEqual(['E_METHANOL', 'MDO']);
    const fossil = corridorVoyagesOf(config, { ...CALL, imo: '9811001', callId: 'call-2' })[0]!;
    expect(green.wtwGCo2ePerMj).toBeLessThan(fossil.wtwGCo2ePerMj);

    const figures = corridorFigures([green, fossil]);
    expect(figures.voyages).toBe(2);
    expect(figures.lowZeroCarbonSharePct).toBe(50);
    expect(figures.wtwGCo2ePerMj).toBeCloseTo(
      (green.wtwGCo2ePerMj * green.energyMj + fossil.wtwGCo2ePerMj * fossil.energyMj) /
        (green.energyMj + fossil.energyMj),
      9,
    );
    const [progress] = corridorProgress(config.corridors[0]!, [green, fossil], []);
    expect(progress!.year).toBe(2026);
    expect(progress!.wtwIntensity!.target).toBe(89.34);
    expect(progress!.wtwIntensity!.met).toBe(figures.wtwGCo2ePerMj! <= 89.34);
    expect(progress!.lowZeroCarbonShare).toBeNull();
    const in2030 = corridorProgress(config.corridors[0]!, [], [2030])[0]!;
    expect(in2030.lowZeroCarbonShare).toEqual({ target: 5, targetFromYear: 2030, attained: null, met: null });
  });

  it('should make no voyage of a call from a port on no corridor', () => {
    expect(
      corridorVoyagesOf(config, {
        ...CALL,
        previousPort: { unLocode: 'KRPUS', source: 'carrier-schedule', at: null },
        nextPort: null,
      }),
    ).toEqual([]);
  });
});
