import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isImoNumber, validateImoNumber } from './imo-number.js';

function withCheckDigit(six: string): string {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(six[i]) * (7 - i);
  return six + String(sum % 10);
}

describe('IMO ship identification numbers', () => {
  it.each(['9074729', 'IMO9074729', 'IMO 9074729', ' imo 9074729 '])('should accept the textbook example %j', (s) => {
    expect(validateImoNumber(s)).toEqual({ ok: true, value: '9074729' });
  });

  it('should accept real ships calling San Pedro Bay (Ever Given 9811000, MSC Gülsün 9839430)', () => {
    expect(validateImoNumber('9811000').ok).toBe(true);
    expect(validateImoNumber('9839430').ok).toBe(true);
  });

  it('should reject a wrong check digit', () => {
    const r = validateImoNumber('9074728');
    expect(r).toMatchObject({ ok: false, code: 'PCS_ID_IMO_CHECK_DIGIT' });
  });

  it.each(['907472', '90747290', 'IMO', 'ABC1234', '353136000'])('should reject %j as PCS_ID_IMO_FORMAT', (s) => {
    expect(validateImoNumber(s)).toMatchObject({ ok: false, code: 'PCS_ID_IMO_FORMAT' });
  });

  it('should reject any valid number with one of the first six digits changed', () => {
    const six = fc.stringMatching(/^[0-9]{6}$/);
    fc.assert(
      fc.property(six, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 9 }), (s, pos, delta) => {
        const valid = withCheckDigit(s);
        const d = (Number(valid[pos]) + delta) % 10;
        const mutated = valid.slice(0, pos) + String(d) + valid.slice(pos + 1);
        // weight (7-pos)·delta ≡ 0 mod 10 happens (e.g. weight 5, delta 2): those changes are undetectable
        const undetectable = ((7 - pos) * delta) % 10 === 0;
        return isImoNumber(valid) && (undetectable || !validateImoNumber(mutated).ok);
      }),
    );
  });
});
