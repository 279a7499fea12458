import { describe, expect, it } from 'vitest';
import { computeCallEmissions, type CallEmissionsInput } from './call-emissions.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import { berthOffersShorePower, shorePowerUse, type ShorePowerUseInput } from './missed-shore-power.js';

/** 3,000 TEU: Table 17 berth auxiliary 1,100 kW; HFO main engine, auxiliaries on MDO (185 g/kWh, Cf 3.206). */
const SHIP: Ghg4Ship = {
  shipType: 'container',
  teu: 3_000,
  mainEngineMcrKw: 30_000,
  designSpeedKn: 20,
  mainEngine: 'SSD',
  builtYear: 2012,
  fuel: 'HFO',
  auxFuel: 'MDO',
  boilerFuel: 'MDO',
  sulphurPct: 0.1,
};

const at = (hh: number): string => `2026-01-05T${String(hh).padStart(2, '0')}:00:00Z`;

function result(connectedHours: number) {
  const input: CallEmissionsInput = {
    ship: SHIP,
    window: { from: at(0), to: at(12) },
    anchorage: null,
    berth: { from: at(2), to: at(10) },
    track: [{ at: at(0), sogKn: 6 }],
    shorePower: { connectedHours, gridLossPct: 5 },
  };
  return computeCallEmissions(input);
}

const MISSED: ShorePowerUseInput = { capable: true, berthEquipped: true, berthDeparted: true };

describe('missed shore-power connections', () => {
  it('a capable ship at an equipped berth that left without connecting missed its 8 h of hotelling auxiliary power', () => {
    const use = shorePowerUse(MISSED, SHIP, result(0));
    expect(use).toMatchObject({ capable: true, berthEquipped: true, connected: false, missed: true });
    expect(use.missedShorePowerKwh).toBeCloseTo(8 * 1_100, 9);
    expect(use.missedAvoidableCo2G).toBeCloseTo(8 * 1_100 * 185 * 3.206, 6);
  });

  it('is not missed when connected, not capable or not stated, at a berth without (or unknown) shore power, or still at berth', () => {
    const cases: [ShorePowerUseInput, number][] = [
      [MISSED, 6],
      [{ ...MISSED, capable: false }, 0],
      [{ ...MISSED, capable: null }, 0],
      [{ ...MISSED, berthEquipped: false }, 0],
      [{ ...MISSED, berthEquipped: null }, 0],
      [{ ...MISSED, berthDeparted: false }, 0],
    ];
    for (const [input, connectedHours] of cases) {
      const use = shorePowerUse(input, SHIP, result(connectedHours));
      expect(use.missed, JSON.stringify(input)).toBe(false);
      expect(use.missedShorePowerKwh + use.missedAvoidableCo2G).toBe(0);
    }
    expect(shorePowerUse(MISSED, SHIP, result(6)).connected).toBe(true);
  });

  it('a berth offers shore power at a registered terminal or where a session was stated; unknown elsewhere', () => {
    expect(berthOffersShorePower(1, 0, true)).toBe(true);
    expect(berthOffersShorePower(0, 1, true)).toBe(true);
    expect(berthOffersShorePower(0, 0, true)).toBeNull();
    expect(berthOffersShorePower(1, 0, false)).toBeNull();
  });
});
