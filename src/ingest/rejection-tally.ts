/**
 * What a message keeps of its rejections: the first `keep` in full (they become dead letters one by one,
 * with line and pointer), and a count of every rejection by code. A 64 MiB CSV of bad rows is a million
 * rejections; keeping each one would hold them all in memory and write a million dead letters nobody reads
 * (the first hundred show what is wrong). Past `keep`, one summary dead letter says how many more there
 * were, by code, and `byCode()` gives the exact counts.
 */
import type { Rejection } from './message-parser.js';

/** Rejections of one message kept in full as dead letters. */
export const KEPT_REJECTIONS = 100;

/** Code of the summary dead letter that stands for the rejections not kept one by one. */
export const MORE_REJECTED_CODE = 'PCS_INGEST_MORE_REJECTED';

const number = new Intl.NumberFormat('en-US');

export class RejectionTally {
  readonly #kept: Rejection[] = [];
  readonly #byCode = new Map<string, number>();
  readonly #omittedByCode = new Map<string, number>();
  #total = 0;

  constructor(readonly keep: number = KEPT_REJECTIONS) {}

  add(rejection: Rejection): void {
    this.#total++;
    this.#byCode.set(rejection.code, (this.#byCode.get(rejection.code) ?? 0) + 1);
    if (this.#kept.length < this.keep) this.#kept.push(rejection);
    else this.#omittedByCode.set(rejection.code, (this.#omittedByCode.get(rejection.code) ?? 0) + 1);
  }

  /** Every rejection counted, kept or not. */
  get total(): number {
    return this.#total;
  }

  /** Code → number of rejections with that code (all of them), codes in alphabetical order. */
  byCode(): Record<string, number> {
    return Object.fromEntries([...this.#byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** What to record as dead letters: the kept rejections, then one summary when some were not kept. */
  deadLetters(): Rejection[] {
    const omitted = this.#total - this.#kept.length;
    if (omitted === 0) return [...this.#kept];
    const counts = [...this.#omittedByCode]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([code, n]) => `${code} ${number.format(n)}`)
      .join(', ');
    const summary: Rejection = {
      code: MORE_REJECTED_CODE,
      message: `and ${number.format(omitted)} more part(s) rejected, not kept one by one (by code: ${counts}); ${number.format(this.#total)} rejected in all`,
    };
    return [...this.#kept, summary];
  }
}
