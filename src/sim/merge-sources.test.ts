import { describe, expect, it } from 'vitest';
import { mergeSources } from './merge-sources.js';
import type { SimMessage, SimMessageSource, SimParty } from './sim-message.js';

const party = (code: string): SimParty => ({ code, name: code, role: 'carrier' });

function source(code: string, times: number[]): SimMessageSource {
  const all: SimMessage[] = times.map((atMs, i) => ({
    atMs,
    party: party(code),
    format: 'dcsa-events',
    body: `${code}${i}`,
  }));
  return { messagesIn: (from, to) => all.filter((m) => m.atMs >= from && m.atMs < to) };
}

describe('merged message sources', () => {
  it('should give every source’s messages of a window in time order, ties in the order of the sources', () => {
    const merged = mergeSources([source('A', [10, 30, 30]), source('B', [5, 30, 40])]);
    expect(merged.messagesIn(0, 40).map((m) => m.body)).toEqual(['B0', 'A0', 'A1', 'A2', 'B1']);
    expect(merged.messagesIn(40, 50).map((m) => m.body)).toEqual(['B2']);
  });

  it('should prepare every source that can, one slice each per call, until none has work left', () => {
    const left: Record<'A' | 'B', number> = { A: 2, B: 1 };
    const slicing = (code: 'A' | 'B'): SimMessageSource => ({
      ...source(code, []),
      prepare: () => {
        if (left[code] === 0) return false;
        left[code]--;
        return true;
      },
    });
    const merged = mergeSources([slicing('A'), source('C', [1]), slicing('B')]);
    const calls: boolean[] = [];
    for (let did = true; did;) calls.push((did = merged.prepare?.(0, 10) ?? false));
    expect(calls).toEqual([true, true, false]);
    expect(left).toEqual({ A: 0, B: 0 });
  });

  it('should be empty with no source (AIS only)', () => {
    expect(mergeSources([]).messagesIn(0, 1e12)).toEqual([]);
  });
});
