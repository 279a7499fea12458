import { describe, expect, it } from 'vitest';
import { drayageContent, type CleanTruckFund, type DrayageZeShare } from './green-drayage';

const ZE: DrayageZeShare = {
  asOf: '2026-03-15T15:00:00.000Z',
  minVisits: 5,
  suppressedTerminals: 1,
  terminals: [
    { terminalCode: 'YUSEN', visits: 8, registeredVisits: 6, zeVisits: 2, zeShare: 0.25 },
    { terminalCode: 'LBCT', visits: 10, registeredVisits: 10, zeVisits: 1, zeShare: 0.1 },
  ],
  port: { visits: 18, registeredVisits: 16, zeVisits: 3, zeShare: 3 / 18 },
  target: { share: 1, year: 2035 },
};
const FUND: CleanTruckFund = {
  asOf: '2026-03-15T15:00:00.000Z',
  rateUsdPerTeu: 10,
  terminals: [{ terminalCode: 'YUSEN', loadedTeu: 9, exemptTeu: 4, chargedTeu: 5, chargeUsd: 50 }],
  port: { loadedTeu: 9, exemptTeu: 4, chargedTeu: 5, chargeUsd: 50 },
};

describe('green dashboard drayage panel', () => {
  it('should draw each terminal’s and the port’s ZE share against the 2035 goal, with the fund in the table', () => {
    const c = drayageContent(ZE, FUND);
    const series = (c.option as { series: { data: (number | null)[]; markLine: { data: { yAxis: number }[] } }[] })
      .series[0]!;
    expect(series.data).toEqual([25, 10, 16.7]);
    expect(series.markLine.data).toEqual([{ yAxis: 100 }]);
    expect(c.table.rows).toEqual([
      ['YUSEN', 8, 6, 2, 25, 9, 4, 5, 50],
      ['LBCT', 10, 10, 1, 10, null, null, null, null],
      ['Port', 18, 16, 3, 16.7, 9, 4, 5, 50],
    ]);
    expect(c.note).toContain('CAAP goal of 100% by 2035');
    expect(c.note).toContain('1 terminal(s) with fewer than 5 visits withheld');
    expect(c.note).toContain('USD 50 on 5 charged TEU of 9 loaded (USD 10 per TEU');
    expect(c.asOf).toBe('2026-03-15T15:00:00.000Z');
  });

  it('should date the panel by the API’s newest counted visit, never leave it without a time the API gave', () => {
    expect(drayageContent({ ...ZE, asOf: null }, FUND).asOf).toBe('2026-03-15T15:00:00.000Z');
    expect(drayageContent(ZE, { ...FUND, asOf: '2026-03-16T09:00:00.000Z' }).asOf).toBe('2026-03-16T09:00:00.000Z');
    expect(drayageContent(ZE, null).asOf).toBe('2026-03-15T15:00:00.000Z');
    expect(drayageContent({ ...ZE, asOf: null }, null).asOf).toBeNull();
  });

  it('should still draw the ZE share when the fund is not available, and say so', () => {
    const c = drayageContent(ZE, null);
    expect(c.table.rows[2]).toEqual(['Port', 18, 16, 3, 16.7, null, null, null, null]);
    expect(c.note).toContain('could not be loaded');
  });
});
