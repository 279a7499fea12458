/** How callback deliveries are retried: exponential backoff, capped; never given up (nothing is lost). */
import { backoffMs } from '../domain/backoff.js';

export interface RetryPolicy {
  /** Wait after the first failure (default 1 s). */
  readonly baseDelayMs: number;
  /** Longest wait between attempts (default 5 min). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ baseDelayMs: 1_000, maxDelayMs: 300_000 });

/** Wait before the next attempt after `failures` consecutive failures (1 s, 2 s, 4 s… capped). */
export function retryDelayMs(policy: RetryPolicy, failures: number): number {
  return backoffMs(failures - 1, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs });
}
