/**
 * ISO 6346:1995 container identification: owner code (3 letters) + equipment category identifier
 * (U freight container, J detachable freight-container-related equipment, Z trailer/chassis) + 6-digit
 * serial number + check digit (ISO 6346 Annex A).
 *
 * Print forms such as `CSQU 305438 3` or `CSQU-305438-3` are accepted and normalised to `CSQU3054383`.
 */
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type ContainerNumber = string & { readonly __brand: 'ContainerNumber' };

const FORMAT = /^[A-Z]{3}[UJZ][0-9]{6}[0-9]$/;
const FIRST_TEN = /^[A-Z]{3}[UJZ][0-9]{6}$/;

/**
 * Annex A letter values: A=10 upwards, skipping 11, 22 and 33 (multiples of 11), so A=10, B=12 … K=21,
 * L=23 … U=32, V=34 … Z=38.
 */
const LETTER_VALUES: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  let value = 10;
  for (let c = 65; c <= 90; c++) {
    if (value % 11 === 0) value++;
    map.set(String.fromCharCode(c), value);
    value++;
  }
  return map;
})();

function normalise(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Check digit for the first 10 characters (owner code, category, serial): Σ value(i)·2^i mod 11, with a
 * remainder of 10 written as 0 (Annex A; ISO advises owners not to issue such serials, but they exist).
 * Returns `null` when `first10` is not owner code + category + 6 digits.
 */
export function containerCheckDigit(first10: string): number | null {
  const s = normalise(first10);
  if (!FIRST_TEN.test(s)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = s[i]!;
    const v = i < 4 ? LETTER_VALUES.get(ch)! : ch.charCodeAt(0) - 48;
    sum += v * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function validateContainerNumber(input: string): IdentifierResult<ContainerNumber> {
  const s = normalise(input);
  if (!FORMAT.test(s)) {
    return identifierError(
      'PCS_ID_CONTAINER_FORMAT',
      `"${input}" is not an ISO 6346 container number (e.g. CSQU3054383)`,
    );
  }
  const expected = containerCheckDigit(s.slice(0, 10));
  const actual = Number(s[10]);
  if (expected !== actual) {
    return identifierError(
      'PCS_ID_CONTAINER_CHECK_DIGIT',
      `check digit of ${s} is ${actual}, ISO 6346 Annex A gives ${String(expected)}`,
    );
  }
  return identifierOk(s as ContainerNumber);
}

/** Type guard: a string that is already a normalised, check-digit-valid ISO 6346 container number. */
export function isContainerNumber(value: unknown): value is ContainerNumber {
  return (
    typeof value === 'string' && FORMAT.test(value) && containerCheckDigit(value.slice(0, 10)) === Number(value[10])
  );
}
