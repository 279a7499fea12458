/**
 * What the projection runner keeps of an error thrown while applying events: a short, single-line message
 * without secrets, a code (the SQLSTATE of a database error, else the error's name) and whether the error is
 * about the store rather than the events. A transient failure (connection lost, serialization failure,
 * deadlock, shutdown, out of resources) is retried with the whole page later; only an error that the events
 * themselves cause (bad data: `22…` data exceptions, `23…` constraint violations, a `TypeError` on a payload)
 * quarantines an event. Pure: no I/O.
 */
export interface ProjectionFailure {
  readonly code: string | null;
  readonly message: string;
  readonly transient: boolean;
}

/** Longest message kept; the full error goes to the log. */
export const PROJECTION_FAILURE_MESSAGE_MAX = 500;

/**
 * SQLSTATE classes (PostgreSQL Appendix A) that say nothing about the events: 08 connection exception,
 * 40 transaction rollback (serialization failure, deadlock), 53 insufficient resources, 57 operator
 * intervention (shutdown, statement timeout), 58 system error, XX internal error; plus 55P03 lock not available.
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58', 'XX']);
const TRANSIENT_CODES = new Set(['55P03']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

function sqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { readonly code: unknown }).code;
  return typeof code === 'string' && SQLSTATE.test(code) ? code : null;
}

/** One line, no control characters, no credentials of a connection URL, at most `PROJECTION_FAILURE_MESSAGE_MAX`. */
export function sanitiseFailureMessage(text: string): string {
  const clean = text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const kept = clean === '' ? 'unknown error' : clean;
  return kept.length > PROJECTION_FAILURE_MESSAGE_MAX ? `${kept.slice(0, PROJECTION_FAILURE_MESSAGE_MAX - 1)}…` : kept;
}

export function describeProjectionFailure(error: unknown): ProjectionFailure {
  const state = sqlState(error);
  const transient = state !== null && (TRANSIENT_CLASSES.has(state.slice(0, 2)) || TRANSIENT_CODES.has(state));
  const name = error instanceof Error ? error.name : null;
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return { code: state ?? name, message: sanitiseFailureMessage(text ?? String(error)), transient };
}
