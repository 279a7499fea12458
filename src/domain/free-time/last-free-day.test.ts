import { describe, expect, it } from 'vitest';
import { DEFAULT_FREE_TIME_RULES } from './default-free-time-rules.js';
import type { FreeTimeRule } from './free-time-rule.js';
import { lastFreeDay } from './last-free-day.js';
import { selectFreeTimeRule } from './select-free-time-rule.js';

const LA = 'America/Los_Angeles';
const importRule = DEFAULT_FREE_TIME_RULES.find((r) => r.unLocationCode === 'USLAX' && r.direction === 'IMPORT')!;

describe('last free day', () => {
  it('should count 4 business days from the day after discharge, skipping the weekend', () => {
    // Thursday 2026-02-12 10:00 PST → Fri 13, Mon 16, Tue 17, Wed 18
    expect(lastFreeDay('2026-02-12T18:00:00Z', importRule, LA)).toEqual({
      lastFreeDay: '2026-02-18',
      demurrageStarts: '2026-02-19',
    });
  });

  it('should use the local date: 23:30 PST on Feb 10 is Feb 10 at the terminal, Feb 11 in UTC', () => {
    const calendar: FreeTimeRule = { ...importRule, dayBasis: 'CALENDAR' };
    expect(lastFreeDay('2026-02-11T07:30:00Z', calendar, LA).lastFreeDay).toBe('2026-02-14');
    expect(lastFreeDay('2026-02-11T08:30:00Z', calendar, LA).lastFreeDay).toBe('2026-02-15');
  });

  it("should skip the terminal's holidays on a business-day basis", () => {
    // Presidents' Day 2026-02-16 listed as a holiday: Fri 13, Tue 17, Wed 18, Thu 19
    const rule: FreeTimeRule = { ...importRule, holidays: ['2026-02-16'] };
    expect(lastFreeDay('2026-02-12T18:00:00Z', rule, LA).lastFreeDay).toBe('2026-02-19');
  });

  it("should prefer the terminal's own rule, latest effective on the trigger date, over the port default", () => {
    const yti: FreeTimeRule = {
      ...importRule,
      terminalCode: 'YUSEN',
      freeDays: 5,
      effectiveFrom: '2026-03-01',
      source: 'YTI tariff',
    };
    const rules = [...DEFAULT_FREE_TIME_RULES, yti];
    expect(selectFreeTimeRule(rules, 'USLAX', 'YUSEN', 'IMPORT', '2026-03-05')?.source).toBe('YTI tariff');
    expect(selectFreeTimeRule(rules, 'USLAX', 'YUSEN', 'IMPORT', '2026-02-28')).toBe(importRule);
    expect(selectFreeTimeRule(rules, 'USLAX', 'WBCT', 'IMPORT', '2026-03-05')).toBe(importRule);
    expect(selectFreeTimeRule(rules, 'NLRTM', null, 'IMPORT', '2026-03-05')).toBeUndefined();
  });
});
