/**
 * Equipment id from X12 parts: initial (element 206, owner code + category, e.g. `MSCU`), number (207) and
 * check digit (761). Some senders put the check digit as a 7th digit of the number and leave 761 empty;
 * both are accepted. The result is validated as an ISO 6346 container number.
 */
import { validateContainerNumber, type ContainerNumber } from '../../domain/identifiers/iso6346.js';
import type { IdentifierResult } from '../../domain/identifiers/identifier-result.js';

export function x12ContainerNumber(
  initial: string,
  number: string,
  checkDigit: string,
): IdentifierResult<ContainerNumber> | null {
  const i = initial.trim();
  const n = number.trim();
  if (i === '' && n === '') return null;
  return validateContainerNumber(i + n + (n.length === 6 ? checkDigit.trim() : ''));
}
