import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build997 } from './x12-997-builder.js';
import { parseX12 } from './x12-envelope.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/x12/${name}`, import.meta.url));
const options = { interchangeControlNumber: 42, groupControlNumber: 7, now: new Date('2024-03-01T20:05:00Z') };

describe('build997', () => {
  const received = parseX12(fixture('315-errors-custom-delimiters.edi')).interchanges[0]!;
  const ack = build997(received, options);

  it('should answer with the sender and receiver swapped, in the sender delimiters, with a fixed-width ISA', () => {
    const isa = ack.slice(0, ack.indexOf('!') + 1);
    expect(isa).toHaveLength(106);
    expect(isa).toBe(
      'ISA|00|          |00|          |ZZ|OPENPCS        |ZZ|CMDU           |240301|2005|{|00501|000000042|0|P|^!',
    );
  });

  it('should reject every set of an interchange openpcs rejected for a wrong SE count (718 code 4 on that set), AK9 R', () => {
    expect(ack).toContain('AK1|QO|7!');
    expect(ack).toContain('AK2|315|0001!AK5|R!');
    expect(ack).toContain('AK2|315|0002!AK5|R|4!');
    expect(ack).toContain('AK9|R|4|4|0!');
  });

  it('should produce an interchange our own envelope reader accepts without issues', () => {
    const doc = parseX12(ack);
    expect(doc.issues).toEqual([]);
    const ic = doc.interchanges[0]!;
    expect(ic.issues).toEqual([]);
    expect(ic.groups[0]!.functionalId).toBe('FA');
    expect(ic.groups[0]!.issues).toEqual([]);
    expect(ic.groups[0]!.transactions.map((t) => [t.setId, t.issues])).toEqual([['997', []]]);
  });

  it('should acknowledge a clean interchange with A', () => {
    const clean = build997(parseX12(fixture('315-discharge-release-outgate.edi')).interchanges[0]!, {
      ...options,
      lineBreak: '\n',
    });
    expect(clean).toContain('AK9*A*3*3*3~\n');
    expect(clean).toContain('GS*FA*OPENPCS*MAEU*20240301*2005*7*X*004010~');
  });
});
