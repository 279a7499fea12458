/**
 * The anchorage queue model's input from what the read models hold now (`GET /forecasts/anchorage-queue`,
 * api/forecasts/anchorage-queue-reader.ts), where the backtest (sim/forecast/anchorage-backtest.ts) has the
 * simulator's calls. Pure. What each fact becomes:
 *
 * - A ship at anchor now whose terminal is known (its carrier schedule): in the line since it anchored (`since`),
 *   alongside at the earliest an anchorage → berth passage (ANCHOR_TO_BERTH_MS) after the origin.
 * - A ship moored at a terminal (schedule: berthed, not departed): its berth frees at the planned departure
 *   (`etd`) when that is still ahead, else at berthing + the terminal's expected stay (at least the origin).
 * - A call due (schedule: ETA in the window, not arrived): joins the line at its ETA (or the origin, if late),
 *   alongside at the earliest a lane → berth passage (LANE_TO_BERTH_MS) later.
 * - Expected stay at berth: the median berthing → departure of the terminal's calls that left in the history
 *   window (at least MIN_STAYS of them), else of all terminals', else DEFAULT_STAY_MS; plus the turnaround gap.
 * - Berths: forecast/anchorage/terminal-berths.ts; a terminal without a count is left out (its ships are not
 *   modelled).
 * The two passages are the backtest's fallbacks (2 h each) when it has learnt nothing yet.
 */
import type { AnchorageInput, QueueShip, TerminalBerths } from './anchorage-queue.js';
import { HOUR } from '../../domain/time-units.js';

export const ANCHOR_TO_BERTH_MS = 2 * HOUR;
export const LANE_TO_BERTH_MS = 2 * HOUR;
export const BERTH_GAP_MS = HOUR / 2;
/**
 * Expected berth stay when no call has been seen leaving (assumption: about a day and a half, a 2018-level
 * container call at San Pedro Bay of ~4,000 moves with 5 cranes at 25 moves per crane-hour plus overhead).
 */
export const DEFAULT_STAY_MS = 36 * HOUR;
export const MIN_STAYS = 3;

export interface AnchoredShipFact {
  readonly terminal: string;
  /** The ship's IMO number (the ETA route finds a call's own place by it). */
  readonly imo?: string;
  readonly sinceMs: number;
}
export interface MooredShipFact {
  readonly terminal: string;
  readonly berthedMs: number;
  readonly plannedDepartureMs: number | null;
}
export interface DueCallFact {
  readonly terminal: string;
  readonly imo?: string;
  readonly etaMs: number;
}
export interface CompletedStayFact {
  readonly terminal: string;
  readonly stayMs: number;
}

export interface LiveQueueFacts {
  readonly originMs: number;
  readonly anchored: readonly AnchoredShipFact[];
  readonly moored: readonly MooredShipFact[];
  readonly due: readonly DueCallFact[];
  readonly stays: readonly CompletedStayFact[];
  /** Berth count per terminal (undefined: not modelled). */
  readonly berths: (terminal: string) => number | undefined;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Expected berth occupation (stay + gap) at `terminal`. */
export function expectedStayMs(stays: readonly CompletedStayFact[], terminal: string): number {
  const own = stays.filter((s) => s.terminal === terminal).map((s) => s.stayMs);
  const all = stays.map((s) => s.stayMs);
  const stay = own.length >= MIN_STAYS ? median(own) : all.length >= MIN_STAYS ? median(all) : DEFAULT_STAY_MS;
  return stay + BERTH_GAP_MS;
}

export function liveAnchorageInput(facts: LiveQueueFacts): AnchorageInput {
  const { originMs } = facts;
  const known = (t: string): boolean => facts.berths(t) !== undefined;
  const occupied = new Map<string, number[]>();
  for (const m of facts.moored) {
    if (!known(m.terminal)) continue;
    const until =
      m.plannedDepartureMs !== null && m.plannedDepartureMs > originMs
        ? m.plannedDepartureMs
        : Math.max(originMs, m.berthedMs + expectedStayMs(facts.stays, m.terminal));
    occupied.set(m.terminal, [...(occupied.get(m.terminal) ?? []), until]);
  }
  const ships: QueueShip[] = [];
  for (const a of facts.anchored) {
    if (!known(a.terminal)) continue;
    ships.push({
      terminal: a.terminal,
      ...(a.imo === undefined ? {} : { id: a.imo }),
      arrivalMs: a.sinceMs,
      readyMs: originMs + ANCHOR_TO_BERTH_MS,
      stayMs: expectedStayMs(facts.stays, a.terminal),
    });
  }
  for (const d of facts.due) {
    if (!known(d.terminal)) continue;
    const arrivalMs = Math.max(originMs, d.etaMs);
    ships.push({
      terminal: d.terminal,
      ...(d.imo === undefined ? {} : { id: d.imo }),
      arrivalMs,
      readyMs: arrivalMs + LANE_TO_BERTH_MS,
      stayMs: expectedStayMs(facts.stays, d.terminal),
    });
  }
  const names = [...new Set([...occupied.keys(), ...ships.map((s) => s.terminal)])].sort();
  const terminals: TerminalBerths[] = names.map((terminal) => ({
    terminal,
    berths: facts.berths(terminal)!,
    occupiedUntilMs: occupied.get(terminal) ?? [],
  }));
  return { originMs, terminals, ships, anchorToBerthMs: ANCHOR_TO_BERTH_MS };
}
