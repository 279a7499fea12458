/**
 * Backtest of the anchorage queue forecast (forecast/anchorage/anchorage-queue.ts) on simulated San Pedro Bay
 * runs with known truth: at each origin (daily, 00:00 UTC) the container ships waiting at anchor at origin + d
 * days, d = 1..14 (both ports share the anchorages). What the model is given at an origin (`anchorageInputAt`),
 * all of it known then: the ships moored (since when; moves and cranes of each call, from stowage and berth
 * plans), the ships at anchor (since when), the ships arrived and on their way in, the carrier schedule of the
 * calls not yet arrived, each terminal's berths, and what it learns from calls completed in the 21 days before:
 * crane time per move per terminal, median lateness against the schedule, median passages lane end → berth and
 * anchorage → berth. Baseline: persistence (the queue at the origin). Pure.
 */
import type { ContainerCall } from '../container-call.js';
import { capacityOf } from '../terminal-capacity.js';
import {
  anchorageQueueForecast,
  queueIntervals,
  type AnchorageInput,
  type QueueShip,
} from '../../forecast/anchorage/anchorage-queue.js';
import { HOUR, DAY } from '../../domain/time-units.js';
import { MAX_QUEUE_DAYS } from '../../forecast/anchorage/queue-horizon.js';

const HISTORY_MS = 21 * DAY;
const BERTH_OVERHEAD_MS = 2.5 * HOUR;
const BERTH_GAP_MS = HOUR / 2;
const DEFAULT_CRANE_MS_PER_MOVE = (HOUR / 25) * (24 / 18);
/** Days ahead scored: as far as the route forecasts (`MAX_QUEUE_DAYS`), so each day has its own residuals. */
export const QUEUE_DAYS = MAX_QUEUE_DAYS;

const median = (xs: readonly number[], fallback: number): number => {
  if (xs.length === 0) return fallback;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Everything the model may know at `originMs` (calls of the run, by what had happened before it). */
export function anchorageInputAt(calls: readonly ContainerCall[], originMs: number): AnchorageInput {
  const recent = calls.filter((c) => c.unberthMs < originMs && c.unberthMs >= originMs - HISTORY_MS);
  const perMove = new Map<string, number[]>();
  for (const c of recent) {
    const v = ((c.unberthMs - c.berthedMs - BERTH_OVERHEAD_MS) * c.cranes) / c.moves;
    perMove.set(c.terminal, [...(perMove.get(c.terminal) ?? []), v]);
  }
  const allPerMove = [...perMove.values()].flat();
  const portPerMove = allPerMove.length > 0 ? allPerMove.reduce((a, b) => a + b, 0) / allPerMove.length : null;
  const stayOf = (c: ContainerCall): number => {
    const own = perMove.get(c.terminal);
    const pm = own ? own.reduce((a, b) => a + b, 0) / own.length : (portPerMove ?? DEFAULT_CRANE_MS_PER_MOVE);
    return BERTH_OVERHEAD_MS + (pm * c.moves) / c.cranes + BERTH_GAP_MS;
  };
  const arrived = calls.filter((c) => c.arrivalMs < originMs && c.arrivalMs >= originMs - HISTORY_MS);
  const lateness = median(
    arrived.map((c) => c.arrivalMs - c.scheduledArrivalMs),
    0,
  );
  const laneToBerth = median(
    recent.filter((c) => c.anchorage === null).map((c) => c.berthedMs - c.arrivalMs),
    2 * HOUR,
  );
  const anchorToBerth = median(
    recent.flatMap((c) => (c.anchorage ? [c.berthedMs - c.anchorage.endMs] : [])),
    2 * HOUR,
  );
  const occupied = new Map<string, number[]>();
  const ships: QueueShip[] = [];
  for (const c of calls) {
    if (c.berthedMs < originMs) {
      if (c.unberthMs >= originMs) {
        occupied.set(c.terminal, [...(occupied.get(c.terminal) ?? []), c.berthedMs + stayOf(c)]);
      }
      continue;
    }
    const stayMs = stayOf(c);
    if (c.anchorage && c.anchorage.startMs < originMs) {
      const done = c.anchorage.endMs <= originMs;
      ships.push({
        terminal: c.terminal,
        arrivalMs: c.anchorage.startMs,
        // Weighed anchor already: on its way in.
        readyMs: done ? Math.max(originMs, c.anchorage.endMs + anchorToBerth) : originMs + anchorToBerth,
        stayMs,
      });
    } else if (c.arrivalMs < originMs) {
      ships.push({
        terminal: c.terminal,
        arrivalMs: c.arrivalMs,
        readyMs: Math.max(originMs, c.arrivalMs + laneToBerth),
        stayMs,
      });
    } else if (c.scheduledArrivalMs < originMs + (QUEUE_DAYS + 1) * DAY) {
      const arrivalMs = Math.max(originMs, c.scheduledArrivalMs + lateness);
      ships.push({ terminal: c.terminal, arrivalMs, readyMs: arrivalMs + laneToBerth, stayMs });
    }
  }
  const terminals = [...new Set(calls.map((c) => c.terminal))].map((terminal) => ({
    terminal,
    berths: capacityOf(terminal).berths,
    occupiedUntilMs: occupied.get(terminal) ?? [],
  }));
  return { originMs, terminals, ships, anchorToBerthMs: anchorToBerth };
}

/** Container ships at anchor at an instant (the simulator's truth). */
export function queueAt(calls: readonly ContainerCall[], atMs: number): number {
  let n = 0;
  for (const c of calls) if (c.anchorage && c.anchorage.startMs <= atMs && atMs < c.anchorage.endMs) n++;
  return n;
}

export interface QueuePoint {
  readonly originMs: number;
  readonly dayAhead: number;
  readonly actual: number;
  readonly forecast: number;
  readonly persistence: number;
}

export function anchorageBacktest(calls: readonly ContainerCall[], originsMs: readonly number[]): QueuePoint[] {
  const points: QueuePoint[] = [];
  for (const o of originsMs) {
    const persistence = queueAt(calls, o - 1);
    for (const d of anchorageQueueForecast(anchorageInputAt(calls, o), QUEUE_DAYS)) {
      points.push({
        originMs: o,
        dayAhead: d.dayAhead,
        actual: queueAt(calls, d.atMs),
        forecast: d.ships,
        persistence,
      });
    }
  }
  return points;
}

export interface QueueScore {
  readonly dayAhead: number;
  readonly n: number;
  readonly meanActual: number;
  readonly modelMae: number;
  readonly persistenceMae: number;
  /** Level → share of actuals inside the split-conformal interval. */
  readonly coverage: Readonly<Record<string, number>>;
}

/**
 * Scores per day ahead; intervals are split conformal: forecast + the (1∓L)/2 quantiles of the residuals
 * (actual − forecast) of the same day ahead in `calibration` (another run), floored at 0 ships.
 */
export function scoreQueue(
  points: readonly QueuePoint[],
  calibration: readonly QueuePoint[],
  levels: readonly number[] = [0.8, 0.95],
): QueueScore[] {
  const out: QueueScore[] = [];
  for (let d = 1; d <= QUEUE_DAYS; d++) {
    const p = points.filter((x) => x.dayAhead === d);
    const res = calibration
      .filter((x) => x.dayAhead === d)
      .map((x) => x.actual - x.forecast)
      .sort((a, b) => a - b);
    const n = p.length;
    const sum = (f: (x: QueuePoint) => number): number => p.reduce((a, x) => a + f(x), 0) / n;
    const coverage: Record<string, number> = {};
    for (const [i, level] of levels.entries()) {
      coverage[String(level)] = sum((x) => {
        const iv = queueIntervals(x.forecast, res, levels)[i];
        return iv !== undefined && x.actual >= iv.lower && x.actual <= iv.upper ? 1 : 0;
      });
    }
    out.push({
      dayAhead: d,
      n,
      meanActual: sum((x) => x.actual),
      modelMae: sum((x) => Math.abs(x.actual - x.forecast)),
      persistenceMae: sum((x) => Math.abs(x.actual - x.persistence)),
      coverage,
    });
  }
  return out;
}
