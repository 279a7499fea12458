/**
 * IMO ship identification number (IMO Resolution A.1117(30)): 7 digits, the last a check digit.
 * Check: Σ digit(i)·(7−i) for the first six digits (weights 7,6,5,4,3,2); the rightmost digit of the sum
 * equals the seventh digit. `IMO 9074729`, `IMO9074729` and `9074729` all normalise to `9074729`.
 */
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type ImoNumber = string & { readonly __brand: 'ImoNumber' };

const FORMAT = /^[0-9]{7}$/;

/** The check digit (0–9) for the first six digits of an IMO number. */
export function imoCheckDigit(firstSix: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (firstSix.charCodeAt(i) - 48) * (7 - i);
  return sum % 10;
}

function checkDigitMatches(digits: string): boolean {
  return imoCheckDigit(digits) === digits.charCodeAt(6) - 48;
}

export function validateImoNumber(input: string): IdentifierResult<ImoNumber> {
  const s = input
    .trim()
    .toUpperCase()
    .replace(/^IMO[\s:-]*/, '');
  if (!FORMAT.test(s)) {
    return identifierError('PCS_ID_IMO_FORMAT', `"${input}" is not a 7-digit IMO number (e.g. IMO 9074729)`);
  }
  if (!checkDigitMatches(s)) {
    return identifierError('PCS_ID_IMO_CHECK_DIGIT', `check digit of IMO ${s} does not match`);
  }
  return identifierOk(s as ImoNumber);
}

export function isImoNumber(value: unknown): value is ImoNumber {
  return typeof value === 'string' && FORMAT.test(value) && checkDigitMatches(value);
}
