/**
 * The one exponential backoff: feed reconnects, inbox retries of a feed batch and webhook redeliveries all
 * wait `base · 2^attempt`, capped. Reconnects add jitter (`withEqualJitter`) so clients cut off together do
 * not come back in lock-step; deliveries do not (their schedule is stored and shown).
 */
export interface Backoff {
  /** Delay before the first retry, in ms. */
  readonly baseMs: number;
  /** Longest delay, in ms. */
  readonly capMs: number;
}

/** Nominal delay before retry `attempt` (0-based): `baseMs · 2^attempt`, at most `capMs`. */
export function backoffMs(attempt: number, backoff: Backoff): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  return Math.min(backoff.capMs, backoff.baseMs * 2 ** exponent);
}

/** "Equal jitter": half of the delay fixed, half random, so one client still waits at least half of it. */
export function withEqualJitter(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs / 2 + (random() * delayMs) / 2);
}
