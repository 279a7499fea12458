import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeShorePower } from './shore-power.js';
import { ShorePowerRequestSchema } from './shore-power-schema.js';

const shorePower = (body: object) =>
  computeShorePower(ShorePowerRequestSchema.parse({ method: 'shore-power', ...body }));

describe('shore power (EPA-420-B-22-011 §2.5 approach)', () => {
  it('should avoid the hotelling aux emissions of the connected hours and add the grid’s (worked by hand)', () => {
    // 8,000 TEU container ship: EPA hotelling aux 970 kW, boiler 450 kW (§2.4); aux MSD Tier 2 (keel 2012) on MGO.
    // 30 h at berth, 26 h connected. Aux NOx 10.5 g/kWh: baseline 970·30·10.5 = 305,550 g, with shore power
    // 970·4·10.5 = 40,740 g → avoided 264,810 g; grid NOx 0 by default.
    // CO2: aux EF 217 · 3.206 = 695.702 g/kWh → avoided 970·26·695.702 = 17,545,604.4 g; grid 970·26/0.95 kWh
    // · 225 g/kWh = 5,973,157.9 g → net 11,572,446.5 g.
    const r = shorePower({ ship: { keelLaidYear: 2012, containerTeu: 8_000 }, berthHours: 30, connectedHours: 26 });
    expect(r.hotellingAuxKw).toBe(970);
    expect(r.shipBaseline.noxG - 450 * 30 * 2.0).toBeCloseTo(305_550, 6);
    expect(r.shipAvoided.noxG).toBeCloseTo(264_810, 6);
    expect(r.shipAvoided.co2G).toBeCloseTo(17_545_604.4, 1);
    expect(r.grid.co2G).toBeCloseTo(5_973_157.9, 1);
    expect(r.netReduction.co2G).toBeCloseTo(11_572_446.5, 1);
    // The boiler stays on the ship unless it heats electrically.
    expect(r.shipWithShorePower.noxG).toBeCloseTo(40_740 + 450 * 30 * 2.0, 6);
  });

  it('should take a configured grid factor and loss', () => {
    const r = shorePower({
      ship: { keelLaidYear: 2012, hotellingAuxKw: 1_000, hotellingBoilerKw: 0 },
      berthHours: 10,
      connectedHours: 10,
      grid: { co2GPerKwh: 100, transmissionLossPct: 0 },
    });
    expect(r.grid.co2G).toBeCloseTo(1_000_000, 6);
  });

  it('should never increase at-berth ship emissions, whatever the hours, loads and grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.boolean(),
        fc.constantFrom('MGO', 'HFO', 'LNG' as const),
        (berthHours, share, auxKw, boilerKw, boilerElectrified, auxFuel) => {
          const r = shorePower({
            ship: {
              keelLaidYear: 2005,
              auxEngine: auxFuel === 'LNG' ? 'LNG' : 'MSD',
              auxFuel,
              hotellingAuxKw: auxKw,
              hotellingBoilerKw: boilerKw,
              boilerElectrified,
            },
            berthHours,
            connectedHours: berthHours * share,
            grid: { co2GPerKwh: 2_000, noxGPerKwh: 50 },
          });
          for (const k of Object.keys(r.shipBaseline) as (keyof typeof r.shipBaseline)[]) {
            expect(r.shipWithShorePower[k]).toBeLessThanOrEqual(r.shipBaseline[k] * (1 + 1e-12) + 1e-9);
          }
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });
});
