/**
 * Delay before reconnect attempt `attempt` (0-based): exponential backoff capped at `capMs`, with
 * "equal jitter" (half fixed, half random) so that many clients cut off together do not reconnect in
 * lock-step, while a single client still waits at least half the nominal delay.
 */
export interface BackoffOptions {
  /** First delay, in ms (default 500 ms). */
  readonly baseMs?: number | undefined;
  /** Largest delay, in ms (default 30 s). */
  readonly capMs?: number | undefined;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 30_000 } as const;

export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const cap = options.capMs ?? DEFAULT_BACKOFF.capMs;
  const nominal = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}
