/**
 * Progress of long CLI work on a terminal: one line on stderr, rewritten at most every `everyMs`
 * (counts and rate), nothing at all when stderr is not a TTY (pipes and logs get the summary only).
 * Then `summary` gives the closing line: stored, duplicates, rejected by code, elapsed.
 */
import type { ProcessProgress } from '../ingest/ingest-pipeline.js';

export interface ProgressOutput {
  readonly isTTY?: boolean | undefined;
  write(text: string): boolean;
}

const number = new Intl.NumberFormat('en-US');

export class ProgressLine {
  readonly #startedMs: number;
  #lastMs = Number.NEGATIVE_INFINITY;
  #shown = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
    private readonly everyMs = 250,
  ) {
    this.#startedMs = now();
  }

  /** Milliseconds since the line was started. */
  elapsedMs(): number {
    return this.now() - this.#startedMs;
  }

  update(progress: ProcessProgress): void {
    if (!this.out.isTTY) return;
    const t = this.now();
    if (t - this.#lastMs < this.everyMs) return;
    this.#lastMs = t;
    const seconds = Math.max((t - this.#startedMs) / 1000, 0.001);
    const parts = progress.appended + progress.duplicates + progress.rejected;
    this.out.write(
      `\r\x1b[K${this.label}: ${number.format(progress.appended)} stored, ${number.format(progress.duplicates)} duplicate(s), ${number.format(progress.rejected)} rejected, ${number.format(Math.round(parts / seconds))}/s`,
    );
    this.#shown = true;
  }

  /** Clears the progress line (before the summary is printed). */
  done(): void {
    if (this.#shown) this.out.write('\r\x1b[K');
    this.#shown = false;
  }
}

export interface SummaryCounts {
  readonly appended: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly rejectedByCode: Readonly<Record<string, number>>;
}

/** `stored 2,677, duplicates 0, rejected 5 (PCS_CSV_BAD_DATETIME 3, PCS_CSV_MISSING_VALUE 2), elapsed 1.2 s` */
export function summaryLine(counts: SummaryCounts, elapsedMs: number): string {
  const byCode = Object.entries(counts.rejectedByCode)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${number.format(n)}`)
    .join(', ');
  return `stored ${number.format(counts.appended)}, duplicates ${number.format(counts.duplicates)}, rejected ${number.format(counts.rejected)}${byCode ? ` (${byCode})` : ''}, elapsed ${(elapsedMs / 1000).toFixed(1)} s`;
}

/** Adds up the counts of several messages (`replay`). */
export function addCounts(all: readonly SummaryCounts[]): SummaryCounts {
  const byCode: Record<string, number> = {};
  for (const c of all) for (const [code, n] of Object.entries(c.rejectedByCode)) byCode[code] = (byCode[code] ?? 0) + n;
  return {
    appended: all.reduce((s, c) => s + c.appended, 0),
    duplicates: all.reduce((s, c) => s + c.duplicates, 0),
    rejected: all.reduce((s, c) => s + c.rejected, 0),
    rejectedByCode: byCode,
  };
}
