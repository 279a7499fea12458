import { describe, expect, it } from 'vitest';
import { ProgressLine, summaryLine } from './progress-line.js';

function output(isTTY: boolean): { isTTY: boolean; written: string[]; write(text: string): boolean } {
  const written: string[] = [];
  return { isTTY, written, write: (text) => written.push(text) > 0 };
}

describe('ProgressLine', () => {
  it('should rewrite one line on a terminal a few times per second at most, with counts and rate', () => {
    const out = output(true);
    let now = 0;
    const line = new ProgressLine(out, 'ingest', () => now);
    for (let i = 1; i <= 100; i++) {
      now = i * 10; // 100 updates over one second
      line.update({ appended: i * 1000, duplicates: 0, rejected: i });
    }
    expect(out.written.length).toBeGreaterThanOrEqual(3);
    expect(out.written.length).toBeLessThanOrEqual(5);
    expect(out.written[0]).toBe('\r\x1b[Kingest: 1,000 stored, 0 duplicate(s), 1 rejected, 100,100/s');
    line.done();
    expect(out.written.at(-1)).toBe('\r\x1b[K');
  });

  it('should write nothing when the output is not a terminal', () => {
    const out = output(false);
    const line = new ProgressLine(out, 'ingest', () => 1_000_000);
    line.update({ appended: 5, duplicates: 0, rejected: 0 });
    line.done();
    expect(out.written).toEqual([]);
  });

  it('should sum up stored, duplicates and rejections by code, most frequent first', () => {
    expect(
      summaryLine({ appended: 2677, duplicates: 0, rejected: 5, rejectedByCode: { PCS_B: 2, PCS_A: 3 } }, 1234),
    ).toBe('stored 2,677, duplicates 0, rejected 5 (PCS_A 3, PCS_B 2), elapsed 1.2 s');
  });
});
