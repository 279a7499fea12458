/**
 * Failed authentications per client address (fixed one-minute windows, in memory per process). Keys are
 * 256-bit random, so guessing is hopeless, but a client that keeps presenting bad keys costs a key lookup
 * each time and is either broken or probing: after `maxFailures` failures in a window its further failures
 * are answered 429 with `Retry-After` until the window ends. Only failures count, and a valid key is never
 * refused: a member behind the same address (NAT, proxy) keeps working.
 */
export interface FailedAuthLimiterOptions {
  /** Failures per window answered 401; later ones in the window are answered 429. */
  readonly maxFailures: number;
  /** Window length in milliseconds (60 000 = per minute). */
  readonly windowMs?: number;
  /** Addresses tracked at most (expired windows are dropped first, then the oldest). */
  readonly maxAddresses?: number;
  readonly now?: () => number;
}

export class FailedAuthLimiter {
  readonly #windows = new Map<string, { failures: number; resetAt: number }>();
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #maxAddresses: number;
  readonly #now: () => number;

  constructor(options: FailedAuthLimiterOptions) {
    this.#maxFailures = options.maxFailures;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#maxAddresses = options.maxAddresses ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Records one failed authentication from `address`. Returns 0 while the address is within its
   * allowance, else the seconds until its window ends (for `Retry-After`).
   */
  fail(address: string): number {
    const now = this.#now();
    let window = this.#windows.get(address);
    if (!window || window.resetAt <= now) {
      this.#makeRoom(now);
      window = { failures: 0, resetAt: now + this.#windowMs };
      this.#windows.delete(address);
      this.#windows.set(address, window);
    }
    window.failures += 1;
    return window.failures > this.#maxFailures ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  #makeRoom(now: number): void {
    if (this.#windows.size < this.#maxAddresses) return;
    for (const [address, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(address);
    // Still full: drop the oldest windows (insertion order) rather than grow without bound.
    for (const address of this.#windows.keys()) {
      if (this.#windows.size < this.#maxAddresses) break;
      this.#windows.delete(address);
    }
  }
}
