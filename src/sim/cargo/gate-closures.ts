/**
 * The gate closures and appointment-system outages the terminals announce (`csv-terminal-notices`, drawn by
 * `weekNotices`), as the truckers of the cargo flows read them: a truck whose appointment slot falls into a
 * closure, or that would arrive during it, is re-booked to the first open slot after it (cargo-model.ts). The
 * notices are the ones the terminal feeds send, so what the truckers obey is what the product is told.
 * Pure and deterministic: the notices of a week depend on the seed and the run's terminals and carriers only.
 */
import type { ContainerCall } from '../container-call.js';
import { weekNotices, type SimNotice } from './terminal-feeds.js';
import { WEEK } from '../../domain/time-units.js';

export interface GateClosures {
  /** The gate closure or outage notice of `terminal` in force at `ms` (the one ending last), or null. */
  closureAt(terminal: string, ms: number): SimNotice | null;
}

/** The closures of a run whose terminals and carriers are those of `calls`. */
export function gateClosures(seed: number, calls: readonly ContainerCall[]): GateClosures {
  const terminals = [...new Set(calls.map((c) => c.terminal))].sort();
  const carriers = [...new Set(calls.map((c) => c.carrierScac))].sort();
  const weeks = new Map<number, readonly SimNotice[]>();
  const closuresOf = (weekStartMs: number): readonly SimNotice[] => {
    let list = weeks.get(weekStartMs);
    if (!list) {
      list = weekNotices(seed, weekStartMs, terminals, carriers).filter(
        (n) => n.type === 'GATE_CLOSED' || n.type === 'SYSTEM_DOWN',
      );
      weeks.set(weekStartMs, list);
    }
    return list;
  };
  return {
    closureAt(terminal, ms) {
      const week = Math.floor(ms / WEEK) * WEEK;
      let found: SimNotice | null = null;
      for (const n of [...closuresOf(week - WEEK), ...closuresOf(week)]) {
        if (n.terminal !== terminal || ms < n.validFromMs || ms >= n.validToMs) continue;
        if (!found || n.validToMs > found.validToMs) found = n;
      }
      return found;
    },
  };
}
