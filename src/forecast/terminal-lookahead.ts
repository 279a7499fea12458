/**
 * Per-terminal weekly look-ahead of import (discharge) and export (load) TEU (issue 16, first cut): for each of
 * the next weeks, the sum over the calls scheduled to arrive at the terminal that week of each call's expected
 * exchange — the call's own announced counts when known (stowage plan / booking), else the mean of the same
 * service's calls completed before the origin, else the terminal's mean call. Intervals: empirical quantiles of
 * the relative errors (actual / forecast − 1) of another run, per week ahead (split conformal, as the ETA
 * intervals). Pure.
 */

export interface CompletedCall {
  readonly terminal: string;
  readonly serviceId: string;
  readonly dischargeTeu: number;
  readonly loadTeu: number;
}

export interface ScheduledCall {
  readonly terminal: string;
  readonly serviceId: string;
  readonly scheduledArrivalMs: number;
  /** Announced counts when known (null: not yet). */
  readonly known: { readonly dischargeTeu: number; readonly loadTeu: number } | null;
}

export interface WeekLookahead {
  readonly terminal: string;
  /** 1 = the week starting at the origin. */
  readonly weekAhead: number;
  readonly importTeu: number;
  readonly exportTeu: number;
  readonly calls: number;
}

export const WEEK_MS = 7 * 86_400_000;

/** Expected import/export TEU per terminal and week for `weeks` weeks from `originMs`. */
export function terminalLookahead(
  history: readonly CompletedCall[],
  scheduled: readonly ScheduledCall[],
  originMs: number,
  weeks: number,
): WeekLookahead[] {
  const mean = (calls: readonly CompletedCall[]): { d: number; l: number } | null =>
    calls.length === 0
      ? null
      : {
          d: calls.reduce((s, c) => s + c.dischargeTeu, 0) / calls.length,
          l: calls.reduce((s, c) => s + c.loadTeu, 0) / calls.length,
        };
  const terminals = [...new Set(scheduled.map((c) => c.terminal))].sort();
  const out: WeekLookahead[] = [];
  for (const terminal of terminals) {
    const atTerminal = history.filter((c) => c.terminal === terminal);
    const terminalMean = mean(atTerminal) ?? mean(history) ?? { d: 0, l: 0 };
    for (let w = 1; w <= weeks; w++) {
      const from = originMs + (w - 1) * WEEK_MS;
      let importTeu = 0;
      let exportTeu = 0;
      let calls = 0;
      for (const c of scheduled) {
        if (c.terminal !== terminal || c.scheduledArrivalMs < from || c.scheduledArrivalMs >= from + WEEK_MS) continue;
        const size = c.known
          ? { d: c.known.dischargeTeu, l: c.known.loadTeu }
          : (mean(atTerminal.filter((h) => h.serviceId === c.serviceId)) ?? terminalMean);
        importTeu += size.d;
        exportTeu += size.l;
        calls++;
      }
      out.push({ terminal, weekAhead: w, importTeu, exportTeu, calls });
    }
  }
  return out;
}

/** Relative-error quantile intervals: `ratios[w]` holds sorted actual/forecast − 1 of week-ahead w. */
export function relativeInterval(
  sortedRelErrors: readonly number[],
  forecast: number,
  level: number,
): { lower: number; upper: number } | null {
  if (sortedRelErrors.length < 20) return null;
  const q = (p: number): number => {
    const x = p * (sortedRelErrors.length - 1);
    const i = Math.floor(x);
    const j = Math.min(sortedRelErrors.length - 1, i + 1);
    return sortedRelErrors[i]! + (sortedRelErrors[j]! - sortedRelErrors[i]!) * (x - i);
  };
  return { lower: forecast * (1 + q((1 - level) / 2)), upper: forecast * (1 + q((1 + level) / 2)) };
}

export interface VolumeInterval {
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

export interface TerminalVolumeWeek {
  readonly weekAhead: number;
  readonly calls: number;
  readonly importTeu: number;
  readonly exportTeu: number;
  readonly importIntervals: readonly VolumeInterval[];
  readonly exportIntervals: readonly VolumeInterval[];
  /** Import + export; its intervals apply the same relative errors (conservative: the sum varies less). */
  readonly teu: number;
  readonly intervals: readonly VolumeInterval[];
}

/**
 * The look-ahead of one terminal for `weeks` weeks from `originMs` with intervals: `relErrors[w - 1]` holds the
 * sorted relative errors of week-ahead w from a calibration backtest (none for a week: no intervals). A terminal
 * with no scheduled call gets weeks of 0.
 */
export function terminalVolumeForecast(
  terminal: string,
  history: readonly CompletedCall[],
  scheduled: readonly ScheduledCall[],
  originMs: number,
  weeks: number,
  relErrors: readonly (readonly number[])[],
  levels: readonly number[],
): TerminalVolumeWeek[] {
  const mine = scheduled.filter((c) => c.terminal === terminal);
  const points = terminalLookahead(history, mine, originMs, weeks);
  const round = (v: number): number => Math.round(v);
  const intervals = (w: number, forecast: number): VolumeInterval[] =>
    levels.flatMap((level) => {
      const iv = relativeInterval(relErrors[w - 1] ?? [], forecast, level);
      return iv === null ? [] : [{ level, lower: round(Math.max(0, iv.lower)), upper: round(iv.upper) }];
    });
  return Array.from({ length: weeks }, (_, i) => {
    const w = i + 1;
    const p = points.find((x) => x.weekAhead === w) ?? { importTeu: 0, exportTeu: 0, calls: 0 };
    const total = p.importTeu + p.exportTeu;
    return {
      weekAhead: w,
      calls: p.calls,
      importTeu: round(p.importTeu),
      exportTeu: round(p.exportTeu),
      importIntervals: intervals(w, p.importTeu),
      exportIntervals: intervals(w, p.exportTeu),
      teu: round(total),
      intervals: intervals(w, total),
    };
  });
}
