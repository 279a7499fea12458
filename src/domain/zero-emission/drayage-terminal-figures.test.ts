import { describe, expect, it } from 'vitest';
import { cleanTruckFundCharge, lowNoxExemptOn } from './clean-truck-fund.js';
import {
  MIN_DISCLOSED_VISITS,
  cleanTruckFundByTerminal,
  zeShareByTerminal,
  type DrayageVisit,
} from './drayage-terminal-figures.js';

const visit = (terminal: string, truck: DrayageVisit['truck'], moves: DrayageVisit['moves'] = []): DrayageVisit => ({
  terminal,
  truck,
  moves,
});
const BEV = { fuel: 'battery_electric', lowNox: false } as const;
const DIESEL = { fuel: 'diesel', lowNox: false } as const;
const LOW_NOX = { fuel: 'natural_gas', lowNox: true } as const;

describe('low-NOx exemption of the Clean Truck Fund (Port of Los Angeles sunset 2027-12-31)', () => {
  it('should exempt a registered low-NOx truck through the last day, and charge it the day after', () => {
    expect(lowNoxExemptOn('2027-12-31')).toBe(true);
    expect(lowNoxExemptOn('2028-01-01')).toBe(false);
    expect(cleanTruckFundCharge({ fuel: 'natural_gas', lowNoxExempt: true, lengthFt: 40, loaded: true })).toBe(0);
    expect(cleanTruckFundCharge({ fuel: 'natural_gas', lowNoxExempt: false, lengthFt: 40, loaded: true })).toBe(20);
  });
});

describe('drayage figures per terminal with a disclosure floor', () => {
  it('should withhold a terminal under the floor and leave it out of the port figures', () => {
    const visits = [
      ...Array.from({ length: MIN_DISCLOSED_VISITS }, (_, i) => visit('A', i < 2 ? BEV : DIESEL)),
      ...Array.from({ length: MIN_DISCLOSED_VISITS - 1 }, () => visit('B', BEV)),
    ];
    const share = zeShareByTerminal(visits);
    expect(share.terminals).toEqual([{ terminalCode: 'A', visits: 5, registeredVisits: 5, zeVisits: 2, zeShare: 0.4 }]);
    expect(share.port).toEqual({ visits: 5, registeredVisits: 5, zeVisits: 2, zeShare: 0.4 });
    expect(share.suppressedTerminals).toBe(1);
  });

  it('should charge loaded TEU of non-exempt and unregistered trucks only (by hand: 1 + 2 TEU = USD 30)', () => {
    const visits = [
      visit('A', BEV, [{ lengthFt: 40, loaded: true, day: '2026-03-10' }]),
      visit('A', LOW_NOX, [{ lengthFt: 45, loaded: true, day: '2026-03-10' }]),
      visit('A', LOW_NOX, [{ lengthFt: 20, loaded: true, day: '2028-03-10' }]),
      visit('A', DIESEL, [{ lengthFt: 40, loaded: false, day: '2026-03-10' }]),
      visit('A', null, [{ lengthFt: 40, loaded: true, day: '2026-03-10' }]),
    ];
    const fund = cleanTruckFundByTerminal(visits);
    // Loaded: 2 (BEV) + 2 (low-NOx, exempt) + 1 (low-NOx after the sunset) + 2 (unregistered) = 7 TEU.
    expect(fund.port).toEqual({ visits: 5, loadedTeu: 7, exemptTeu: 4, chargedTeu: 3, chargeUsd: 30 });
    expect(zeShareByTerminal(visits).port).toEqual({ visits: 5, registeredVisits: 4, zeVisits: 1, zeShare: 0.2 });
  });
});
