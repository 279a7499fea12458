import { describe, expect, it } from 'vitest';
import { DEFAULT_FEE_TARIFFS } from './default-fee-tariffs.js';
import { estimateDemurrage, estimateDetention, type FeeOutcome, type FeeSubject } from './fee-estimate.js';
import { equipmentLength, type FeeTariff } from './fee-tariff.js';

const LA = 'America/Los_Angeles';

// Hand-computed cases. Calendar of February 2026: Tue 10, Fri 13, Sat 14, Sun 15, Mon 16 (Presidents' Day),
// Tue 17, Wed 18, Thu 19, Fri 20. March 2026: DST starts Sun 8 (PST −8 → PDT −7).
const terminalTariff: FeeTariff = {
  kind: 'DEMURRAGE',
  party: 'WBCT',
  unLocationCode: 'USLAX',
  direction: 'IMPORT',
  currency: 'USD',
  tiers: [
    { fromDay: 1, ratePerDay: { '20': 100, '40': 200, '45': 250 } },
    { fromDay: 3, ratePerDay: { '20': 300, '40': 400, '45': 450 } },
  ],
  chargeWeekends: false,
  chargeHolidays: false,
  holidays: ['2026-02-16'],
  freeDays: 0,
  freeDayBasis: 'CALENDAR',
  effectiveFrom: '2026-01-01',
  source: 'WBCT tariff item 100 (test)',
};

const carrierTariff: FeeTariff = {
  kind: 'DETENTION',
  party: 'MAEU',
  unLocationCode: 'USLAX',
  direction: 'IMPORT',
  currency: 'USD',
  tiers: [
    { fromDay: 1, ratePerDay: { '20': 100, '40': 150, '45': 175 } },
    { fromDay: 6, ratePerDay: { '20': 250, '40': 300, '45': 350 } },
  ],
  chargeWeekends: true,
  chargeHolidays: true,
  holidays: [],
  freeDays: 4,
  freeDayBasis: 'BUSINESS',
  effectiveFrom: '2026-01-01',
  source: 'MAEU detention tariff (test)',
};

const importBox: FeeSubject = {
  direction: 'IMPORT',
  isoEquipmentCode: '45G1',
  unLocationCode: 'USLAX',
  terminalCode: 'WBCT',
  carrierCodes: ['MAEU'],
  dischargedAt: '2026-02-10T18:00:00.000Z',
  loadedAt: null,
  gatedInAt: null,
  gatedOutAt: null,
  emptyPickedUpAt: null,
  emptyReturnedAt: null,
  lastFreeDay: '2026-02-13',
  lastFreeDayFrom: 'stated by WBCT',
};

function estimated(outcome: FeeOutcome) {
  if (outcome.status !== 'ESTIMATED') throw new Error(`expected an estimate, got ${outcome.status}: ${outcome.reason}`);
  return outcome.estimate;
}

describe('demurrage', () => {
  it('skips the weekend and the holiday, tiers count charged days, and tomorrow is the next tier', () => {
    // From Sat 14: Sat, Sun not charged; Mon 16 holiday; Tue 17 day 1 $200, Wed 18 day 2 $200, Thu 19 day 3 $400.
    const e = estimated(estimateDemurrage(importBox, [terminalTariff], '2026-02-19T20:00:00.000Z', LA));
    expect(e.chargesFrom).toBe('2026-02-14');
    expect(e.days.map((d) => [d.date, d.dayNumber, d.rate])).toEqual([
      ['2026-02-17', 1, 200],
      ['2026-02-18', 2, 200],
      ['2026-02-19', 3, 400],
    ]);
    expect(e.amountSoFar).toBe(800);
    expect(e.tomorrowsCharge).toBe(400); // Fri 20, day 4
    expect(e.clockStoppedAt).toBeNull();
    expect(e.lastFreeDayFrom).toBe('stated by WBCT');
    expect(e.tariffSource).toBe('WBCT tariff item 100 (test)');
    expect(e.length).toBe('40');
  });

  it('charges weekends and holidays when the tariff says so', () => {
    const tariff = { ...terminalTariff, chargeWeekends: true, chargeHolidays: true };
    const e = estimated(estimateDemurrage(importBox, [tariff], '2026-02-19T20:00:00.000Z', LA));
    // Sat 14 … Thu 19: 6 days: 200 + 200 + 400 × 4.
    expect(e.chargedDays).toBe(6);
    expect(e.amountSoFar).toBe(2000);
  });

  it('stops on the local day of gate-out: 23:30 PST on Wed 18 is Thu 19 in UTC but charged through Wed 18', () => {
    const box = { ...importBox, gatedOutAt: '2026-02-19T07:30:00.000Z' };
    const e = estimated(estimateDemurrage(box, [terminalTariff], '2026-02-25T00:00:00.000Z', LA));
    expect(e.days.map((d) => d.date)).toEqual(['2026-02-17', '2026-02-18']);
    expect(e.amountSoFar).toBe(400);
    expect(e.tomorrowsCharge).toBe(0);
    expect(e.clockStoppedAt).toBe('2026-02-19T07:30:00.000Z');
  });

  it('is zero when the box leaves by its last free day, and the clock is still running as of before gate-out', () => {
    const early = { ...importBox, gatedOutAt: '2026-02-13T22:00:00.000Z' };
    const e = estimated(estimateDemurrage(early, [terminalTariff], '2026-02-20T00:00:00.000Z', LA));
    expect(e.chargedDays).toBe(0);
    expect(e.amountSoFar).toBe(0);
    // As of Fri 13 noon (before the gate-out at 14:00 PST) the clock runs; tomorrow (Sat) is not charged.
    const before = estimated(estimateDemurrage(early, [terminalTariff], '2026-02-13T20:00:00.000Z', LA));
    expect(before.clockStoppedAt).toBeNull();
    expect(before.tomorrowsCharge).toBe(0);
  });

  it("uses the terminal's own tariff before the port-wide one, and says why it cannot estimate", () => {
    const portWide = { ...terminalTariff, party: '*', source: 'port-wide' };
    const other = { ...importBox, terminalCode: 'TRAPAC' };
    expect(
      estimated(estimateDemurrage(other, [terminalTariff, portWide], '2026-02-19T20:00:00Z', LA)).tariffSource,
    ).toBe('port-wide');
    expect(estimateDemurrage(other, [terminalTariff], '2026-02-19T20:00:00Z', LA).status).toBe('NO_TARIFF');
    expect(
      estimateDemurrage({ ...importBox, dischargedAt: null }, [terminalTariff], '2026-02-19T20:00:00Z', LA),
    ).toEqual({ status: 'NOT_STARTED', reason: 'not discharged yet' });
    expect(
      estimateDemurrage({ ...importBox, isoEquipmentCode: null }, [terminalTariff], '2026-02-19T20:00:00Z', LA).status,
    ).toBe('UNKNOWN');
    expect(
      estimateDemurrage({ ...importBox, lastFreeDay: null }, [terminalTariff], '2026-02-19T20:00:00Z', LA).status,
    ).toBe('UNKNOWN');
  });
});

describe('detention', () => {
  const outBox: FeeSubject = {
    ...importBox,
    isoEquipmentCode: '22G1',
    gatedOutAt: '2026-03-05T17:00:00.000Z', // Thu 09:00 PST
  };

  it('counts business free days from the day after gate-out and charges through the empty return across DST', () => {
    // Free: Fri 6, Mon 9, Tue 10, Wed 11 → LFD Wed 11; charged Thu 12 … Mon 16 (weekend charged): 5 × $100.
    const returned = { ...outBox, emptyReturnedAt: '2026-03-16T16:00:00.000Z' }; // Mon 09:00 PDT
    const e = estimated(estimateDetention(returned, [carrierTariff], '2026-03-20T00:00:00.000Z', LA));
    expect(e.lastFreeDay).toBe('2026-03-11');
    expect(e.days.map((d) => d.date)).toEqual(['2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16']);
    expect(e.amountSoFar).toBe(500);
    expect(e.tomorrowsCharge).toBe(0);
  });

  it('moves to the second tier on the sixth charged day while the empty is still out', () => {
    const e = estimated(estimateDetention(outBox, [carrierTariff], '2026-03-17T20:00:00.000Z', LA));
    expect(e.chargedDays).toBe(6); // Thu 12 … Tue 17
    expect(e.amountSoFar).toBe(5 * 100 + 250);
    expect(e.tomorrowsCharge).toBe(250);
  });

  it("uses the carrier's tariff by SCAC and falls back to the port-wide one", () => {
    const portWide = { ...carrierTariff, party: '*', freeDays: 2, freeDayBasis: 'CALENDAR' as const, source: 'any' };
    const msc = { ...outBox, carrierCodes: ['MSCU'] };
    const e = estimated(estimateDetention(msc, [carrierTariff, portWide], '2026-03-10T20:00:00.000Z', LA));
    expect(e.tariffSource).toBe('any');
    expect(e.lastFreeDay).toBe('2026-03-07');
    expect(estimateDetention(outBox, [], '2026-03-10T20:00:00Z', LA).status).toBe('NO_TARIFF');
    expect(estimateDetention(importBox, [carrierTariff], '2026-03-10T20:00:00Z', LA).status).toBe('NOT_STARTED');
  });
});

describe('tariffs', () => {
  it('reads the length from the ISO 6346 size code', () => {
    expect(['22G1', '42G1', '45G1', '45R1', 'L5G1', '95G1', null].map(equipmentLength)).toEqual([
      '20',
      '40',
      '40',
      '40',
      '45',
      null,
      null,
    ]);
  });

  it('ships a default for both ports, kinds and directions, every tier table starting at day 1', () => {
    for (const port of ['USLAX', 'USLGB']) {
      for (const kind of ['DEMURRAGE', 'DETENTION'] as const) {
        for (const direction of ['IMPORT', 'EXPORT'] as const) {
          const t = DEFAULT_FEE_TARIFFS.find(
            (x) => x.unLocationCode === port && x.kind === kind && x.direction === direction,
          );
          expect(t?.tiers[0]?.fromDay).toBe(1);
        }
      }
    }
  });
});
