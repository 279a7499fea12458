import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCallEmissions, type CallEmissionsInput } from './call-emissions.js';
import { computeGhg4Interval } from './ghg4-interval.js';
import { particularsOf, type StatedParticulars } from './stated-particulars.js';
import { ZERO_POLLUTANTS, type PollutantsG } from './pollutants.js';

const AIS = { aisShipType: 71, lengthM: 366, beamM: 51 };

/** 13,386 TEU: GHG4 Table 17 row 12,000–14,499 (aux 1,300 / 1,800 / 3,250 / 2,050 kW berth/anchored/manoeuvring/sea). */
const STATED: StatedParticulars = {
  sourceOrg: 'coscon',
  asOf: '2022-01-04T00:00:00.000Z',
  shipType: 'container',
  teu: 13_386,
  dwt: null,
  gt: null,
  mainEngineKw: 68_640,
  auxEngineKw: null,
  designSpeedKn: 24.5,
  maxDraughtM: null,
  mainEngine: 'SSD',
  engineStroke: 2,
  fuel: 'MDO',
  sulphurPct: 0.1,
  builtYear: 2011,
};

const used = (auxEngineKw: number | null) => {
  const p = particularsOf(AIS, { ...STATED, auxEngineKw });
  if (p.kind === 'none') throw new Error(p.reason);
  return p;
};
const auxLine = (p: ReturnType<typeof used>) => p.assumptions.find((a) => a.field === 'auxKw')!;

const at = (hh: number): string => `2026-01-05T${String(hh).padStart(2, '0')}:00:00Z`;

/** In at 18 kn, manoeuvre at 4 kn, 2 h at anchor, manoeuvre, 7 h at berth, manoeuvre out. */
function call(ship: CallEmissionsInput['ship'], connectedHours = 0): CallEmissionsInput {
  return {
    ship,
    window: { from: at(0), to: at(13) },
    anchorage: { from: at(2), to: at(4) },
    berth: { from: at(5), to: at(12) },
    track: [
      { at: at(0), sogKn: 18 },
      { at: at(1), sogKn: 4 },
      { at: at(4), sogKn: 4 },
      { at: at(12), sogKn: 4 },
    ],
    shorePower: { connectedHours, gridLossPct: 5 },
  };
}

describe('installed auxiliary power bounds the auxiliary load', () => {
  it('without a stated installed power the loads are Table 17 and the answer says so', () => {
    const p = used(null);
    expect(p.ship.auxInstalledKw).toBeUndefined();
    expect(auxLine(p)).toEqual({
      field: 'auxKw',
      value: 'berth 1300, anchored 1800, manoeuvring 3250, sea 2050',
      rule: expect.stringContaining('installed auxiliary power not stated'),
    });
  });

  it('caps each phase above the stated installed power and names the phases it capped', () => {
    const p = used(2_000);
    expect(p.ship.auxInstalledKw).toBe(2_000);
    expect(auxLine(p).value).toBe('berth 1300, anchored 1800, manoeuvring 2000, sea 2000');
    expect(auxLine(p).rule).toContain('capped at the stated installed 2000 kW in manoeuvring, sea');
    const modes = computeCallEmissions(call(p.ship)).modes;
    // 3 h manoeuvring at 2,000 kW instead of Table 17's 3,250, 1 h transit at 2,000 instead of 2,050; berth untouched
    expect(modes.find((m) => m.mode === 'manoeuvring')!.energyKwh.auxiliary).toBeCloseTo(6_000, 6);
    expect(modes.find((m) => m.mode === 'transit')!.energyKwh.auxiliary).toBeCloseTo(2_000, 6);
    expect(modes.find((m) => m.mode === 'hotelling')!.energyKwh.auxiliary).toBeCloseTo(7 * 1_300, 6);
  });

  it('a stated installed power above every Table 17 load changes nothing', () => {
    const p = used(12_000);
    expect(auxLine(p).rule).toContain('within the stated installed 12000 kW');
    const free = computeCallEmissions(call(used(null).ship));
    expect(computeCallEmissions(call(p.ship))).toEqual(free);
  });

  it('bounds a request’s own auxiliary load too (POST /emissions/compute)', () => {
    const r = computeGhg4Interval(
      { ...used(null).ship, auxKw: { berth: 5_000 }, auxInstalledKw: 1_000 },
      { hours: 2, speedOverGroundKn: 0, phase: 'berth' },
    );
    expect(r.groups.find((g) => g.group === 'auxiliary')!.powerKw).toBe(1_000);
  });

  it('property: a cap never increases a call’s fuel, any pollutant or any mode’s auxiliary energy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000 }), fc.integer({ min: 0, max: 7 }), (installedKw, connectedHours) => {
        const free = computeCallEmissions(call(used(null).ship, connectedHours));
        const capped = computeCallEmissions(call(used(installedKw).ship, connectedHours));
        expect(capped.fuelG).toBeLessThanOrEqual(free.fuelG + 1e-6);
        for (const k of Object.keys(ZERO_POLLUTANTS) as (keyof PollutantsG)[]) {
          expect(capped.pollutants[k]).toBeLessThanOrEqual(free.pollutants[k] + 1e-6);
        }
        for (const m of capped.modes) {
          expect(m.energyKwh.auxiliary).toBeLessThanOrEqual(
            free.modes.find((f) => f.mode === m.mode)!.energyKwh.auxiliary + 1e-6,
          );
        }
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
