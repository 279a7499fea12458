import type { IdentifierErrorCode } from '../errors/identifier-errors.js';

/**
 * Result of validating an identifier: either the normalised value (trimmed, upper-case, print spacing
 * removed) or a stable error code from `identifier-errors.ts`. Validators never throw on bad input.
 */
export type IdentifierResult<T extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: IdentifierErrorCode; readonly reason: string };

export function identifierOk<T extends string>(value: T): IdentifierResult<T> {
  return { ok: true, value };
}

export function identifierError<T extends string>(code: IdentifierErrorCode, reason: string): IdentifierResult<T> {
  return { ok: false, code, reason };
}
