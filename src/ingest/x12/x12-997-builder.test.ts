import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build997, plan997, stream997 } from './x12-997-builder.js';
import { parseX12 } from './x12-envelope.js';
import { x12Text } from './x12-tokenizer.js';

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

/**
 * The acknowledgments as the whole-document builder wrote them before the ack was streamed (commit 26e8885,
 * `test/fixtures/x12/acks/*.997`): the streamed 997 and `build997` must give them byte for byte.
 */
describe('stream997 against the 997s of the whole-document builder', () => {
  const acks = (name: string) =>
    readFileSync(new URL(`../../../test/fixtures/x12/acks/${name}`, import.meta.url), 'utf8');
  const at = new Date('2024-03-01T20:05:00Z');
  const cases = [
    ['315-discharge-release-outgate', 10],
    ['315-errors-custom-delimiters', 20],
    ['322-terminal-ramp', 30],
    ['315-resent-crlf-bom', 40],
    ['997-groups', 50],
  ] as const;

  it.each(cases)('should acknowledge %s byte for byte as before', (name, base) => {
    const text = x12Text(fixture(`${name}.edi`));
    const optionsFor = (i: number) => ({
      interchangeControlNumber: base + i + 1,
      groupControlNumber: base + i + 1,
      now: at,
      lineBreak: '\n',
    });
    const expected = acks(`${name}.997`);
    expect([...stream997(text, plan997(text), optionsFor)].join('')).toBe(expected);
    const whole = parseX12(text).interchanges.map((ic, i) => build997(ic, optionsFor(i)));
    expect(whole.join('')).toBe(expected);
  });

  it('should plan each interchange: rejected whole on an envelope error, and its first GS', () => {
    const plans = plan997(x12Text(fixture('997-groups.edi')));
    expect(plans.map((p) => [p.rejectedWhole, p.firstGs?.elements[6]])).toEqual([
      [true, '71'],
      [false, '74'],
    ]);
    expect(plan997('not x12 at all')).toEqual([]);
  });
});
