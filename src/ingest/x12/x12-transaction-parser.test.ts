/**
 * The X12 walk reads a large interchange transaction set by transaction set (issue 10: "parsing streams"), while
 * an interchange whose envelope does not add up (X12.5 IEA01/IEA02, X12.6 GE01/GE02, SE01/SE02) is still
 * rejected whole, none of its sets applied — even when the error is in the IEA at the very end.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../message-parser.js';
import { map315 } from './x12-315-mapper.js';
import { createX12Parser } from './x12-transaction-parser.js';
import type { X12TransactionContext } from './x12-transaction-context.js';

const ctx: ParseContext = {
  inboxId: 'inbox-1',
  receivedAt: '2024-01-15T17:00:00Z',
  sourceOrg: 'maersk',
  timeZone: 'America/Los_Angeles',
};
const fixture = readFileSync(
  new URL('../../../test/fixtures/x12/315-discharge-release-outgate.edi', import.meta.url),
  'utf8',
);

/** A 315 parser that records which transaction sets it mapped. */
function countingParser() {
  const mapped: string[] = [];
  const parser = createX12Parser({
    format: 'x12-315',
    version: '1',
    description: 'test',
    setId: '315',
    map: (c: X12TransactionContext) => {
      mapped.push(c.transaction.controlNumber);
      return map315(c);
    },
  });
  return { parser, mapped };
}

const body = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('x12 transaction parser, in parts', () => {
  it('should hand over the first transaction set before mapping the next (the fixture has 3 in one interchange)', () => {
    const { parser, mapped } = countingParser();
    const parts = parser.parseInParts!(body(fixture), ctx)[Symbol.iterator]();
    const first = parts.next();
    expect(first.done).toBe(false);
    expect(first.value!.events.length).toBeGreaterThan(0);
    expect(mapped).toEqual(['0001']);
    expect(parts.next().done).toBe(false);
    expect(mapped).toEqual(['0001', '0002']);
  });

  it('should give, part by part, exactly what parse gives, rejections in the same order', () => {
    // Two interchanges: the second breaks its IEA02; garbage between them.
    const broken = fixture.replace('IEA*1*000000101~', 'IEA*1*000000999~').replace('000000101*0*P', '000000102*0*P');
    const text = `${fixture}garbage\n${broken}`;
    const { parser } = countingParser();
    const parts = [...parser.parseInParts!(body(text), ctx)];
    const whole = parser.parse(body(text), ctx);
    expect({ events: parts.flatMap((p) => p.events), rejected: parts.flatMap((p) => p.rejected) }).toEqual(whole);
    expect(whole.rejected.map((r) => r.code)).toEqual([
      'PCS_X12_NO_ISA',
      'PCS_X12_IEA_CONTROL_MISMATCH',
      'PCS_X12_INTERCHANGE_REJECTED',
    ]);
    expect(whole.events).toHaveLength(5); // the first interchange's
  });

  it.each([
    ['IEA01 group count (TA1 note 021)', 'IEA*1*000000101~', 'IEA*2*000000101~', 'PCS_X12_IEA_COUNT_MISMATCH'],
    ['GE01 set count (997 AK9 code 5)', 'GE*3*101~', 'GE*4*101~', 'PCS_X12_GE_COUNT_MISMATCH'],
    ['SE01 of the last set (997 AK5 code 4)', 'SE*4*0003~', 'SE*5*0003~', 'PCS_X12_SE_COUNT_MISMATCH'],
  ])('should map no transaction set of an interchange whose %s is wrong at its end', (_what, from, to, code) => {
    const { parser, mapped } = countingParser();
    const parts = [...parser.parseInParts!(body(fixture.replace(from, to)), ctx)];
    expect(mapped).toEqual([]);
    expect(parts.flatMap((p) => p.events)).toEqual([]);
    expect(parts.flatMap((p) => p.rejected).map((r) => r.code)).toEqual([code, 'PCS_X12_INTERCHANGE_REJECTED']);
    expect(parts.at(-1)!.rejected.at(-1)!.message).toMatch(/none of its 3 transaction set\(s\) applied/);
  });
});
