/**
 * The array splitter against the reference, JSON.parse (ECMA-262 §25.5.1, RFC 8259): for any text that starts
 * with `[`, parsing the split elements one by one gives exactly JSON.parse's array, and the text is refused
 * exactly when JSON.parse refuses it — on strings with escaped quotes and backslashes, brackets inside strings,
 * nesting, whitespace, and damaged texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayElements, skipJsonSpace } from './json-array-elements.js';

type Read = { readonly ok: true; readonly values: unknown[] } | { readonly ok: false };

function bySplitter(text: string): Read {
  const open = skipJsonSpace(text, 0);
  if (text[open] !== '[') throw new Error('not an array');
  const values: unknown[] = [];
  for (const part of jsonArrayElements(text, open)) {
    if (!part.ok) return { ok: false };
    try {
      values.push(JSON.parse(part.text));
    } catch {
      return { ok: false };
    }
  }
  return { ok: true, values };
}

function byJsonParse(text: string): Read {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? { ok: true, values: value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** Strings that stress the splitter: quotes, backslashes, brackets and commas inside strings. */
const tricky = fc.string({
  unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', ' ', 'a', '\n', 'é', '\u2028'),
});
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    tricky,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  ');
const arrayText = fc
  .tuple(fc.array(value, { maxLength: 6 }), fc.constantFrom(undefined, 1, 2, '\t'), space, space)
  .map(([values, indent, before, after]) => `${before}${JSON.stringify(values, null, indent)}${after}`);

describe('jsonArrayElements', () => {
  it('should give JSON.parse’s elements for any array JSON.stringify writes', () => {
    fc.assert(
      fc.property(arrayText, (text) => {
        expect(bySplitter(text)).toEqual(byJsonParse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('should refuse exactly the damaged texts JSON.parse refuses, and agree on the others', () => {
    const damaged = fc
      .tuple(
        arrayText,
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('', '"', '\\', '[', ']', '{', '}', ',', ':', ' ', '1', 'x', '\u00a0', 'null'),
            fc.nat(3),
          ),
          { minLength: 1, maxLength: 4 },
        ),
      )
      .map(([text, edits]) => {
        let out = text;
        for (const [at, insert, remove] of edits) {
          const i = 1 + (at % Math.max(1, out.length)); // keep the opening bracket
          out = out.slice(0, i) + insert + out.slice(i + remove);
        }
        return out.startsWith('[') ? out : `[${out}`;
      });
    let refused = 0;
    fc.assert(
      fc.property(damaged, (text) => {
        const expected = byJsonParse(text);
        if (!expected.ok) refused++;
        expect(bySplitter(text)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(600); // the edits do break most texts: the refusals were tested
  });

  it('should name where the array stops being JSON', () => {
    const last = (text: string) => [...jsonArrayElements(text, 0)].at(-1);
    expect(last('[1,]')).toEqual({ ok: false, at: 3, message: 'a value is expected' });
    expect(last('[1 2]')).toEqual({ ok: false, at: 3, message: 'a comma or the end of the array is expected' });
    expect(last('[{"a":"]"}')).toEqual({ ok: false, at: 10, message: 'the array is not closed' });
    expect(last('[] x')).toEqual({ ok: false, at: 3, message: 'unexpected data after the array' });
    expect([...jsonArrayElements('[ {"a":"\\"]"} , [1,[2]] ]', 0)]).toEqual([
      { ok: true, text: '{"a":"\\"]"}' },
      { ok: true, text: '[1,[2]]' },
    ]);
  });
});
