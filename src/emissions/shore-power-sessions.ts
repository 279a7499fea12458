/**
 * Which shore power sessions a vessel call used, and for how long (docs/emissions.md "Shore power sessions"). A
 * session a terminal stated (`csv-shore-power`) belongs to a call when it names the call's vessel (MMSI, or IMO when
 * the session gives no MMSI), was stated by a terminal of the call's berth zone (when the zone has registered
 * terminals) and overlaps the call's berth window; an open session (not yet disconnected) runs to the end of that
 * window. Several statements of one session (the same terminal, vessel and connection instant, e.g. from the
 * terminal and the port authority) count once, the newest statement winning; overlapping sessions count their
 * common hours once. Pure.
 */
import type { ShorePowerSessionFacts } from '../domain/shore-power/shore-power-connection.js';
import type { TimeWindow } from './call-emissions.js';
import { HOUR } from '../domain/time-units.js';

/** A session as stated (ISO instants). */
export interface ShorePowerSession extends ShorePowerSessionFacts {
  /** When it was stated; the newest statement of a session wins. */
  readonly asOf: string;
}

export interface CallOfSessions {
  readonly mmsi: string;
  readonly imo: string | null;
  /** SMDG codes of the terminals of the call's berth zone; empty = the zone has none registered (any terminal). */
  readonly terminals: readonly string[];
  readonly berth: TimeWindow | null;
}

/** A session as used by a call: its window clipped to the berth window. */
export interface UsedSession {
  readonly terminal: string;
  readonly berth: string;
  readonly connectedAt: string;
  readonly disconnectedAt: string | null;
  /** Hours of the session inside the berth window. */
  readonly connectedHours: number;
  readonly energyKwh: number | null;
}

export type ShorePowerKwhSource = 'feed' | 'estimated' | 'none';

export interface CallShorePower {
  readonly sessions: readonly UsedSession[];
  /** Hours covered by at least one session inside the berth window. */
  readonly connectedHours: number;
  /** The sessions' metered energy when every used session has a reading, else null (estimated from hours). */
  readonly meteredKwh: number | null;
}

function sameVessel(call: CallOfSessions, s: ShorePowerSession): boolean {
  if (s.mmsi !== null) return s.mmsi === call.mmsi;
  return s.imo !== null && s.imo === call.imo;
}

/** The sessions of `candidates` that belong to the call, deduplicated, with the hours they cover. */
export function callShorePower(call: CallOfSessions, candidates: readonly ShorePowerSession[]): CallShorePower {
  if (call.berth === null) return { sessions: [], connectedHours: 0, meteredKwh: null };
  const from = Date.parse(call.berth.from);
  const to = Date.parse(call.berth.to);
  const newest = new Map<string, ShorePowerSession>();
  for (const s of candidates) {
    if (!sameVessel(call, s)) continue;
    if (call.terminals.length > 0 && !call.terminals.includes(s.terminal)) continue;
    const key = JSON.stringify([s.terminal, s.connectedAt]);
    const seen = newest.get(key);
    // Newest statement wins; a tie goes to the later disconnection, then the reading (order-independent).
    if (
      !seen ||
      seen.asOf < s.asOf ||
      (seen.asOf === s.asOf &&
        JSON.stringify([seen.disconnectedAt, seen.energyKwh]) < JSON.stringify([s.disconnectedAt, s.energyKwh]))
    ) {
      newest.set(key, s);
    }
  }
  const used: (UsedSession & { start: number; end: number })[] = [];
  for (const s of newest.values()) {
    const start = Math.max(from, Date.parse(s.connectedAt));
    const end = Math.min(to, s.disconnectedAt === null ? to : Date.parse(s.disconnectedAt));
    if (!(end > start)) continue;
    used.push({
      terminal: s.terminal,
      berth: s.berth,
      connectedAt: s.connectedAt,
      disconnectedAt: s.disconnectedAt,
      connectedHours: (end - start) / HOUR,
      energyKwh: s.energyKwh,
      start,
      end,
    });
  }
  used.sort((a, b) => a.start - b.start || a.terminal.localeCompare(b.terminal));
  let covered = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const u of used) {
    const start = Math.max(u.start, reach);
    if (u.end > start) covered += u.end - start;
    reach = Math.max(reach, u.end);
  }
  const metered = used.length > 0 && used.every((u) => u.energyKwh !== null);
  return {
    sessions: used.map(({ start: _s, end: _e, ...u }) => u),
    connectedHours: covered / HOUR,
    meteredKwh: metered ? used.reduce((a, u) => a + u.energyKwh!, 0) : null,
  };
}
