import { describe, expect, it } from 'vitest';
import { MORE_REJECTED_CODE, RejectionTally } from './rejection-tally.js';

describe('RejectionTally', () => {
  it('should keep every rejection when there are no more than it keeps, without a summary', () => {
    const tally = new RejectionTally(3);
    for (let line = 2; line <= 4; line++) tally.add({ code: 'PCS_CSV_BAD_DATE', message: 'bad', line });
    expect(tally.deadLetters().map((r) => r.line)).toEqual([2, 3, 4]);
    expect(tally.total).toBe(3);
    expect(tally.byCode()).toEqual({ PCS_CSV_BAD_DATE: 3 });
  });

  it('should keep the first ones in full and sum up the rest by code, the counts adding up', () => {
    const tally = new RejectionTally(100);
    for (let line = 2; line < 2 + 812_431; line++) {
      tally.add({
        code: line % 4 === 0 ? 'PCS_CSV_BAD_NUMBER' : 'PCS_CSV_BAD_DATE',
        message: `row ${line}`,
        line,
        pointer: 'x',
      });
    }
    const letters = tally.deadLetters();
    expect(letters).toHaveLength(101);
    expect(letters.slice(0, 100).map((r) => r.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const summary = letters[100]!;
    expect(summary.code).toBe(MORE_REJECTED_CODE);
    expect(summary.line).toBeUndefined();
    expect(summary.message).toMatch(/^and 812,331 more part\(s\) rejected/);
    // The omitted ones by code: lines 102..812432, a quarter of them PCS_CSV_BAD_NUMBER.
    const omittedB = Array.from({ length: 812_331 }, (_, i) => i + 102).filter((l) => l % 4 === 0).length;
    expect(summary.message).toContain(`PCS_CSV_BAD_DATE ${(812_331 - omittedB).toLocaleString('en-US')}`);
    expect(summary.message).toContain(`PCS_CSV_BAD_NUMBER ${omittedB.toLocaleString('en-US')}`);
    expect(tally.total).toBe(812_431);
    const byCode = tally.byCode();
    expect(Object.values(byCode).reduce((a, b) => a + b, 0)).toBe(812_431);
    expect(Object.keys(byCode)).toEqual(['PCS_CSV_BAD_DATE', 'PCS_CSV_BAD_NUMBER']);
  });
});
