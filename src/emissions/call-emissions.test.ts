import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCallEmissions, gridCo2, splitCall, type CallEmissionsInput } from './call-emissions.js';
import { THREE_THOUSAND_TEU } from './ghg4-test-ships.js';
import { estimateParticulars } from './estimated-particulars.js';

const SHIP = THREE_THOUSAND_TEU;

const at = (hh: number, mm = 0): string =>
  `2026-01-05T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`;

/** In at 12 kn, manoeuvre at 4 kn, 2 h at anchor, manoeuvre, 7 h at berth, manoeuvre out. */
const CALL: CallEmissionsInput = {
  ship: SHIP,
  window: { from: at(0), to: at(13) },
  anchorage: { from: at(2), to: at(4) },
  berth: { from: at(5), to: at(12) },
  track: [
    { at: at(0), sogKn: 12 },
    { at: at(1), sogKn: 4 },
    { at: at(2, 30), sogKn: 0.2 },
    { at: at(4), sogKn: 4 },
    { at: at(8), sogKn: 0 },
    { at: at(12), sogKn: 4 },
    { at: at(14), sogKn: 15 }, // after the window: ignored
  ],
  shorePower: { connectedHours: 0, gridLossPct: 5 },
};

const mode = (r: ReturnType<typeof computeCallEmissions>, m: string) => r.modes.find((x) => x.mode === m)!;

describe('per-call emissions from an AIS track', () => {
  it('cuts the window at positions and phases and gives each piece its mode', () => {
    const { pieces, positionsUsed } = splitCall(CALL);
    expect(positionsUsed).toBe(6);
    expect(pieces).toEqual([
      { mode: 'transit', sogKn: 12, hours: 1 },
      { mode: 'manoeuvring', sogKn: 4, hours: 1 },
      { mode: 'anchorage', sogKn: 0, hours: 2 },
      { mode: 'manoeuvring', sogKn: 4, hours: 1 },
      { mode: 'hotelling', sogKn: 0, hours: 7 },
      { mode: 'manoeuvring', sogKn: 4, hours: 1 },
    ]);
  });

  it('reproduces the hand-computed hotelling figures (Table 17 aux 1,100 kW, boiler 480 kW, MDO)', () => {
    const hotel = mode(computeCallEmissions(CALL), 'hotelling');
    expect(hotel.hours).toBe(7);
    expect(hotel.energyKwh).toEqual({ main: 0, auxiliary: 7_700, boiler: 3_360 });
    // aux SFC 185 g/kWh (Table 19, ≥2001, MDO); boiler at the steam-turbine MDO row, 320 g/kWh
    expect(hotel.fuelG.auxiliary).toBeCloseTo(7_700 * 185, 6);
    expect(hotel.fuelG.boiler).toBeCloseTo(3_360 * 320, 6);
    expect(hotel.fuelTotalG).toBeCloseTo(2_499_700, 6);
    expect(hotel.pollutants.co2G).toBeCloseTo(2_499_700 * 3.206, 3);
    expect(hotel.pollutants.so2G).toBeCloseTo(2_499_700 * 2 * 0.97753 * 0.001, 6);
  });

  it('reproduces the hand-computed transit figures (propeller law with the GHG4 corrections)', () => {
    const transit = mode(computeCallEmissions(CALL), 'transit');
    const load = (12 / 20) ** 3 / (0.867 * 0.917); // δw 1, ηw 0.867 (≥ 1,000 TEU), ηf 0.917
    expect(load).toBeCloseTo(0.27168, 4);
    expect(transit.meanMainEngineLoad).toBeCloseTo(load, 10);
    expect(transit.energyKwh.main).toBeCloseTo(load * 30_000, 6);
    expect(transit.energyKwh.auxiliary).toBe(1_400); // sea column
    const sfc = 165 * (0.455 * load * load - 0.71 * load + 1.28);
    expect(transit.fuelG.main).toBeCloseTo(load * 30_000 * sfc, 4);
    expect(transit.distanceNm).toBe(12);
  });

  it('adds the modes up to the call and counts manoeuvring pieces', () => {
    const r = computeCallEmissions(CALL);
    expect(r.hours).toBe(13);
    expect(mode(r, 'manoeuvring')).toMatchObject({ hours: 3, intervals: 3, distanceNm: 12 });
    expect(mode(r, 'anchorage').energyKwh).toEqual({ main: 0, auxiliary: 2 * 1_350, boiler: 2 * 480 });
    expect(r.fuelG).toBeCloseTo(
      r.modes.reduce((s, m) => s + m.fuelTotalG, 0),
      6,
    );
    expect(r.pollutants.co2G).toBeCloseTo(r.fuelG * 3.206, 3);
  });

  it('moves the connected share of the hotelling auxiliary energy to the grid', () => {
    const base = computeCallEmissions(CALL);
    const shore = computeCallEmissions({ ...CALL, shorePower: { ...CALL.shorePower, connectedHours: 5 } });
    expect(shore.shorePower.shorePowerKwh).toBeCloseTo(5_500, 9);
    expect(shore.shorePower.gridKwh).toBeCloseTo(5_500 / 0.95, 9);
    const grid = gridCo2(shore.shorePower.gridKwh, shore.shorePower.avoided.co2G, 225);
    expect(grid.gridCo2G).toBeCloseTo((5_500 / 0.95) * 225, 6);
    expect(grid.netCo2ReductionG).toBeCloseTo(5_500 * 185 * 3.206 - (5_500 / 0.95) * 225, 4);
    expect(shore.shorePower.avoided.co2G).toBeCloseTo(5_500 * 185 * 3.206, 4);
    expect(mode(shore, 'hotelling').pollutants.co2G).toBeCloseTo(
      mode(base, 'hotelling').pollutants.co2G - 5_500 * 185 * 3.206,
      4,
    );
    expect(mode(shore, 'hotelling').energyKwh.boiler).toBe(3_360); // the boiler keeps running
    // more hours than at berth are capped at the berth hours
    const capped = computeCallEmissions({ ...CALL, shorePower: { ...CALL.shorePower, connectedHours: 99 } });
    expect(capped.shorePower.connectedHours).toBe(7);
  });

  it('an open call ends at its newest position; a call with no positions is all phases', () => {
    const open = computeCallEmissions({
      ...CALL,
      window: { from: at(0), to: at(8) },
      berth: { from: at(5), to: at(8) },
    });
    expect(open.hours).toBe(8);
    expect(mode(open, 'hotelling').hours).toBe(3);
    const bare = splitCall({ ...CALL, track: [] });
    expect(bare.positionsUsed).toBe(0);
    expect(bare.pieces.find((p) => p.mode === 'hotelling')?.hours).toBe(7);
  });

  it('properties: emissions grow with time at berth; shore power never increases them', () => {
    const pollutantKeys = ['co2G', 'ch4G', 'n2oG', 'so2G', 'noxG', 'pm10G', 'pm25G'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 72 * 60 }),
        fc.integer({ min: 1, max: 72 * 60 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (berthMin, extraMin, connectedHours) => {
          const berth = (minutes: number): CallEmissionsInput => {
            const to = new Date(Date.parse(at(5)) + minutes * 60_000).toISOString();
            return { ...CALL, track: [], anchorage: null, window: { from: at(5), to }, berth: { from: at(5), to } };
          };
          const shorter = computeCallEmissions(berth(berthMin));
          const longer = computeCallEmissions(berth(berthMin + extraMin));
          const shore = computeCallEmissions({
            ...berth(berthMin + extraMin),
            shorePower: { ...CALL.shorePower, connectedHours },
          });
          for (const k of pollutantKeys) {
            expect(longer.pollutants[k]).toBeGreaterThanOrEqual(shorter.pollutants[k]);
            expect(shore.pollutants[k]).toBeLessThanOrEqual(longer.pollutants[k] + 1e-6);
          }
          expect(shore.fuelG).toBeLessThanOrEqual(longer.fuelG + 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('particulars estimated from AIS static data', () => {
  it('a cargo ship of 294 m is a 4,500 TEU Panamax of about 36 MW and 24.5 kn, flagged with its assumptions', () => {
    const e = estimateParticulars({ aisShipType: 70, lengthM: 294, beamM: 32 });
    expect(e.kind).toBe('estimated');
    if (e.kind !== 'estimated') return;
    expect(e.ship).toMatchObject({ shipType: 'container', teu: 4_500, mainEngineMcrKw: 36_000, designSpeedKn: 24.5 });
    expect(e.ship.fuel).toBe('MDO');
    expect(e.assumptions.map((a) => a.field)).toContain('mainEngineMcrKw');
  });

  it('interpolates between size classes and gives no estimate for other ship types or without a length', () => {
    const e = estimateParticulars({ aisShipType: 71, lengthM: 350, beamM: null });
    expect(e.kind === 'estimated' && e.ship.teu! > 10_000 && e.ship.teu! < 14_000).toBe(true);
    expect(estimateParticulars({ aisShipType: 80, lengthM: 250, beamM: 44 }).kind).toBe('none');
    expect(estimateParticulars({ aisShipType: null, lengthM: 250, beamM: 44 }).kind).toBe('none');
    expect(estimateParticulars({ aisShipType: 70, lengthM: null, beamM: null }).kind).toBe('none');
  });
});
