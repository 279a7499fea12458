/**
 * One entry of the error catalogue (STYLE §4, DESIGN §7 "Errors from the catalogue"): everything a client or an
 * operator learns about a stable `PCS_*` code. Problems are built from it, docs/errors.md is generated from it.
 */
export interface ErrorSpec {
  /**
   * HTTP status of an answer whose `code` is this one; `dead letter` for a code only recorded on a dead letter,
   * `start-up` for one only reported by a process that refuses to start (CLI message, log).
   */
  readonly status: number | 'dead letter' | 'start-up';
  /** Short summary, the problem's `title`. */
  readonly title: string;
  /** What the code means: the problem's `detail` when the caller gives none, and its line in docs/errors.md. */
  readonly text: string;
}

/**
 * Entries of a parser's catalogue: a rejected part of a message (a dead letter; on a synchronous ingest an item
 * of the 422 answer's `errors[]`), so every one is bad input, HTTP 422, under one title per format.
 */
export function rejection<T extends string>(title: T) {
  return <X extends string>(text: X) => ({ status: 422, title, text }) as const;
}
