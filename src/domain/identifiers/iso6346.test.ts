import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerCheckDigit, isContainerNumber, validateContainerNumber } from './iso6346.js';

const letters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const first10 = fc
  .tuple(
    fc.array(letters, { minLength: 3, maxLength: 3 }),
    fc.constantFrom('U', 'J', 'Z'),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
  )
  .map(([owner, cat, serial]) => owner.join('') + cat + serial.join(''));
/** Independent oracle: Σ value·2^i mod 11 before the 10→0 rule (ISO 6346 Annex A). */
function rawRemainder(first10: string): number {
  const values = '0123456789A?BCDEFGHIJK?LMNOPQRSTU?VWXYZ';
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += values.indexOf(first10[i]!) * 2 ** i;
  return sum % 11;
}
const validNumber = first10.map((f) => f + String(containerCheckDigit(f)));

describe('ISO 6346 container numbers', () => {
  it('should accept the ISO 6346 textbook example CSQU3054383', () => {
    expect(validateContainerNumber('CSQU3054383')).toEqual({ ok: true, value: 'CSQU3054383' });
  });

  it('should normalise printed forms with spaces, hyphens and lower case', () => {
    expect(validateContainerNumber(' csqu 305438-3 ')).toEqual({ ok: true, value: 'CSQU3054383' });
  });

  it('should compute the Annex A check digit, writing remainder 10 as 0', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    // letter values skip multiples of 11: A=10, B=12 … K=21, L=23, U=32, V=34, Z=38
    // DESIGN.md's illustrative MSCU1234565 is off by one: Σ = 5528, 5528 mod 11 = 6
    expect(containerCheckDigit('MSCU123456')).toBe(6);
    expect(validateContainerNumber('MSCU1234565')).toMatchObject({ ok: false, code: 'PCS_ID_CONTAINER_CHECK_DIGIT' });
    // APZU000000: A10 + P27·2 + Z38·4 + U32·8 = 472, 472 mod 11 = 10 → written 0
    expect(rawRemainder('APZU000000')).toBe(10);
    expect(containerCheckDigit('APZU000000')).toBe(0);
    expect(containerCheckDigit('not a container')).toBeNull();
  });

  it('should reject a wrong check digit with PCS_ID_CONTAINER_CHECK_DIGIT', () => {
    const r = validateContainerNumber('CSQU3054384');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('PCS_ID_CONTAINER_CHECK_DIGIT');
  });

  it.each(['CSQ3054383', 'CSQX3054383', 'CSQU305438', 'CSQU30543833', '1SQU3054383', ''])(
    'should reject malformed %j with PCS_ID_CONTAINER_FORMAT',
    (s) => {
      const r = validateContainerNumber(s);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('PCS_ID_CONTAINER_FORMAT');
    },
  );

  it('should accept every number built with its own check digit', () => {
    fc.assert(fc.property(validNumber, (n) => validateContainerNumber(n).ok && isContainerNumber(n)));
  });

  it('should reject any valid number with one serial digit changed', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 4, max: 9 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const changed = (Number(n[pos]) + delta) % 10;
        const mutated = n.slice(0, pos) + String(changed) + n.slice(pos + 1);
        // 2^i is never ≡ 0 mod 11, so one changed digit always changes the remainder; only the pair of
        // remainders {0, 10} share check digit 0 (why ISO advises owners not to issue remainder-10 serials)
        const remainders = [rawRemainder(n), rawRemainder(mutated)].sort((a, b) => a - b).join();
        const r = validateContainerNumber(mutated);
        return remainders === '0,10' ? r.ok : !r.ok && r.code === 'PCS_ID_CONTAINER_CHECK_DIGIT';
      }),
    );
  });

  it('should reject any valid number with a different check digit', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 1, max: 9 }), (n, delta) => {
        const mutated = n.slice(0, 10) + String((Number(n[10]) + delta) % 10);
        return !validateContainerNumber(mutated).ok;
      }),
    );
  });

  it('should never throw on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof validateContainerNumber(s).ok === 'boolean'));
  });
});
