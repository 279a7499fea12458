/**
 * Refuses requests carrying text the store cannot hold before any of it reaches a query: NUL (`%00` in a
 * query string, `\u0000` in a JSON body, NUL in a header) or an unpaired UTF-16 surrogate
 * (store/storable-text.ts). Without this, such a value reached PostgreSQL as a query parameter and the
 * request failed with a 500. RFC 9110 §5.5 lets a recipient reject a field value containing NUL. Raw bytes
 * (an ingest body, parsed as a Buffer) are not text and pass: the inbox keeps them as `bytea`.
 */
import type { FastifyRequest } from 'fastify';
import { unstorableTextAt } from '../store/storable-text.js';
import { problem, type ProblemError } from './problem.js';

export const BAD_TEXT = 'PCS_API_BAD_TEXT';

function refuse(pointer: string): ProblemError {
  return problem(BAD_TEXT, `${pointer} contains NUL or an unpaired UTF-16 surrogate, which no field accepts`, [
    { pointer, detail: 'contains NUL or an unpaired UTF-16 surrogate' },
  ]);
}

/** `onRequest` (before authentication, which looks the key up): headers, path parameters, query string. */
export async function refuseUnstorableRequestText(request: FastifyRequest): Promise<void> {
  // `Authorization` is left to the authenticator: a credential that is not `Bearer opcs_…` (NUL included) is a
  // 401 there, before any lookup, never a 400 that would tell a malformed key from a wrong one differently.
  const { authorization: _credential, ...headers } = request.headers;
  for (const [where, value] of [
    ['headers', headers],
    ['params', request.params],
    ['query', request.query],
  ] as const) {
    const at = unstorableTextAt(value);
    if (at !== undefined) throw refuse(`/${where}${at}`);
  }
}

/** `preValidation`: a parsed (JSON) body; a raw body (Buffer) is bytes, not text. */
export async function refuseUnstorableBodyText(request: FastifyRequest): Promise<void> {
  if (Buffer.isBuffer(request.body) || request.body instanceof Uint8Array) return Promise.resolve();
  const at = unstorableTextAt(request.body);
  if (at !== undefined) throw refuse(`/body${at === '/' ? '' : at}`);
}
