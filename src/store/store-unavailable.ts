/**
 * Whether an error means "the database cannot be reached right now" rather than "this statement is wrong":
 * the connection was dropped (PostgreSQL SQLSTATE 57P01 `admin_shutdown` from `pg_terminate_backend`, 57P02
 * `crash_shutdown`, 57P03 `cannot_connect_now`, class 08 connection exceptions, 53300 `too_many_connections`),
 * the socket failed (ECONNRESET, ECONNREFUSED…), or node-postgres reports a client that lost its connection.
 * Such an error is worth retrying: the pool opens new connections by itself. The API answers it with 503
 * (`PCS_STORE_UNAVAILABLE`, `Retry-After`); background loops log it and try again later.
 */

// 40P01 (deadlock): PostgreSQL aborted this transaction in favour of another (two appends of overlapping keys in
// different orders); nothing was stored and the same request succeeds when tried again.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40P01']);
const SQLSTATE_CLASSES = ['08'];
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres says these in words only (no code). */
const MESSAGES = [
  /^Connection terminated/i,
  /^Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^timeout exceeded when trying to connect/i,
];

/** How long a client is told to wait before it retries (`Retry-After`, seconds). */
export const STORE_RETRY_AFTER_S = 2;

export function isStoreUnavailable(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (SQLSTATES.has(code) || SOCKET_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  // Connecting to a name with several addresses fails with an AggregateError of the attempts.
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => unavailable(e, depth + 1))) return true;
  return cause !== undefined && unavailable(cause, depth + 1);
}
