/**
 * Delay before reconnect attempt `attempt` (0-based): the shared exponential backoff (`domain/backoff.ts`)
 * capped at `capMs`, with equal jitter so that many clients cut off together do not reconnect in lock-step.
 */
import { backoffMs, withEqualJitter } from '../../domain/backoff.js';

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
  const nominal = backoffMs(attempt, {
    baseMs: options.baseMs ?? DEFAULT_BACKOFF.baseMs,
    capMs: options.capMs ?? DEFAULT_BACKOFF.capMs,
  });
  return withEqualJitter(nominal, random);
}
