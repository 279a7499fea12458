/**
 * Anchorage queue for the next days (issue 16): how many container ships will be waiting at anchor at
 * origin + d days, d = 1..14, from what is known at the origin — the ships at anchor now, the ships moored and
 * when each is expected to leave, the calls due (carrier schedules) and each call's expected berth stay.
 * Per terminal, first come first served, as the berth queue of the ETA model (`queuedBerthMs` in
 * eta/vessel-eta.ts, here for every ship of the terminal at once): each ship takes the berth that frees first,
 * at the later of that and the time it could be there; a ship whose berth is not free when it could be there
 * waits at anchor from its arrival until it weighs anchor for the berth. Pure.
 */
export interface QueueShip {
  readonly terminal: string;
  /** Which ship or call it is (IMO number on the route, call id in the backtest), to find a call's own place. */
  readonly id?: string;
  /** When it joins the line: its anchoring time (at anchor now) or expected arrival off the port. */
  readonly arrivalMs: number;
  /** Earliest it could be alongside if a berth were free (arrival + passage; at anchor: origin + passage). */
  readonly readyMs: number;
  /** Expected berth occupation (stay plus the turnaround gap). */
  readonly stayMs: number;
}

export interface TerminalBerths {
  readonly terminal: string;
  readonly berths: number;
  /** Expected departure of the ship on each occupied berth. */
  readonly occupiedUntilMs: readonly number[];
}

export interface AnchorageInput {
  readonly originMs: number;
  readonly terminals: readonly TerminalBerths[];
  /** Ships at anchor at the origin and calls due, in any order. */
  readonly ships: readonly QueueShip[];
  /** Anchorage → berth passage: a waiting ship leaves the anchorage this long before its berth frees. */
  readonly anchorToBerthMs: number;
}

export interface QueueDay {
  readonly dayAhead: number;
  readonly atMs: number;
  readonly ships: number;
}

export interface ShipWait {
  readonly ship: QueueShip;
  readonly berthMs: number;
  /** At anchor over [fromMs, toMs); null when it berths without waiting. */
  readonly anchored: { readonly fromMs: number; readonly toMs: number } | null;
}

/** First come first served at each terminal; ships of a terminal missing from `terminals` get one free berth. */
export function berthSchedule(input: AnchorageInput): ShipWait[] {
  const out: ShipWait[] = [];
  const byTerminal = new Map<string, QueueShip[]>();
  for (const s of input.ships) {
    const list = byTerminal.get(s.terminal);
    if (list) list.push(s);
    else byTerminal.set(s.terminal, [s]);
  }
  for (const [terminal, ships] of byTerminal) {
    const t = input.terminals.find((x) => x.terminal === terminal);
    const frees = (t?.occupiedUntilMs ?? []).map((v) => Math.max(v, input.originMs));
    while (frees.length < Math.max(1, t?.berths ?? 1)) frees.push(input.originMs);
    for (const s of [...ships].sort((a, b) => a.arrivalMs - b.arrivalMs || a.readyMs - b.readyMs)) {
      let k = 0;
      for (let i = 1; i < frees.length; i++) if (frees[i]! < frees[k]!) k = i;
      const berthMs = Math.max(frees[k]!, s.readyMs);
      frees[k] = berthMs + s.stayMs;
      const toMs = berthMs - input.anchorToBerthMs;
      out.push({
        ship: s,
        berthMs,
        anchored: berthMs > s.readyMs && toMs > s.arrivalMs ? { fromMs: s.arrivalMs, toMs } : null,
      });
    }
  }
  return out;
}

/** Ships at anchor at origin + d days for d = 1..days. */
export function anchorageQueueForecast(input: AnchorageInput, days: number): QueueDay[] {
  const waits = berthSchedule(input);
  const out: QueueDay[] = [];
  for (let d = 1; d <= days; d++) {
    const atMs = input.originMs + d * 86_400_000;
    let ships = 0;
    for (const w of waits) if (w.anchored && w.anchored.fromMs <= atMs && atMs < w.anchored.toMs) ships++;
    out.push({ dayAhead: d, atMs, ships });
  }
  return out;
}

/** Type-7 quantile of an ascending sample (NaN when empty). */
function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
}

export interface QueueInterval {
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Split-conformal interval of a queue forecast: forecast + the (1∓L)/2 quantiles of `residuals` (actual −
 * forecast of the same day ahead on another run, ascending), the lower bound floored at 0 ships; [] without
 * residuals.
 */
export function queueIntervals(
  forecast: number,
  residuals: readonly number[],
  levels: readonly number[],
): QueueInterval[] {
  if (residuals.length === 0) return [];
  return levels.map((level) => ({
    level,
    lower: Math.max(0, forecast + quantile(residuals, (1 - level) / 2)),
    upper: forecast + quantile(residuals, (1 + level) / 2),
  }));
}
