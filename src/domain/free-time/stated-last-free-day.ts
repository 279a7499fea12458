/**
 * A terminal-stated last free day against the one computed from free-time rules. Terminals publish
 * availability lists (`csv-availability`) that state each box's last free day; the terminal's word is what
 * demurrage is billed on, so it wins over the computed one. Rules, in this order:
 *
 * 1. Only statements about the current trip count: those stated after the previous trip's last move (a
 *    box with no earlier trip, or a partial view that shows none, takes every statement).
 * 2. The newest statement wins, by the time the terminal stated it — never by arrival: an older list sent
 *    late does not override a newer one. Equal stated times are broken by the statement key, so the result
 *    depends only on the set of statements.
 * 3. A newest statement without a last free day (the terminal no longer states one) withdraws the earlier
 *    ones: the computed day applies again.
 *
 * Pure: statements and the computed free time in, the effective last free day and its source out.
 */
import { LocalDates, type LocalDate } from './local-date.js';

export interface LastFreeDayStatement {
  /** Identity of the statement (the source event's key): the tie-break between equal stated times. */
  readonly key: string;
  /** When the terminal stated it, ISO UTC instant. */
  readonly statedAt: string;
  /** SMDG code of the stating terminal, when known. */
  readonly terminal: string | null;
  /** The stated last free day (local date at the terminal); null when the row states none. */
  readonly lastFreeDay: LocalDate | null;
  /** The organisation that sent the statement. */
  readonly statedBy: string;
  /** Inbox message the statement came in, and its line in that message. */
  readonly inboxId: string | null;
  readonly line: number | null;
  /** What the terminal said besides the date: available for pick-up, holds it listed. */
  readonly available: boolean;
  readonly holds: readonly string[];
}

/** A terminal's statement as a source cites it: who stated what, when, in which message and line. */
export type StatementCitation = Omit<LastFreeDayStatement, 'key' | 'lastFreeDay'>;

/** The citation of a statement but its `available`, which a pick-up verdict states itself; holds copied. */
export function citeStatement(s: LastFreeDayStatement): Omit<StatementCitation, 'available'> {
  return {
    terminal: s.terminal,
    statedAt: s.statedAt,
    statedBy: s.statedBy,
    inboxId: s.inboxId,
    line: s.line,
    holds: [...s.holds],
  };
}

/** Where the effective last free day comes from. */
export type LastFreeDaySource =
  ({ readonly kind: 'terminal' } & StatementCitation) | { readonly kind: 'rule'; readonly rule: string };

export interface ComputedFreeTime {
  readonly lastFreeDay: LocalDate;
  readonly demurrageStarts: LocalDate;
  /** The rule's `source` (tariff item or default). */
  readonly rule: string;
}

export interface EffectiveFreeTime {
  readonly lastFreeDay: LocalDate;
  readonly demurrageStarts: LocalDate;
  readonly source: LastFreeDaySource;
}

/**
 * The statement that stands for the current trip, if any: the newest one stated after `previousTripEnd`
 * (the last move of the trip before; null when there was none).
 */
export function standingStatement(
  statements: readonly LastFreeDayStatement[],
  previousTripEnd: string | null,
): LastFreeDayStatement | null {
  let newest: LastFreeDayStatement | null = null;
  const endMs = previousTripEnd === null ? -Infinity : Date.parse(previousTripEnd);
  for (const s of statements) {
    const at = Date.parse(s.statedAt);
    if (at <= endMs) continue;
    if (newest === null) {
      newest = s;
      continue;
    }
    const best = Date.parse(newest.statedAt);
    if (at > best || (at === best && s.key > newest.key)) newest = s;
  }
  return newest;
}

/** The last free day that applies: the standing terminal statement's, else the computed one (or none). */
export function effectiveFreeTime(
  computed: ComputedFreeTime | null,
  statements: readonly LastFreeDayStatement[],
  previousTripEnd: string | null,
): EffectiveFreeTime | null {
  const standing = standingStatement(statements, previousTripEnd);
  if (standing !== null && standing.lastFreeDay !== null) {
    return {
      lastFreeDay: standing.lastFreeDay,
      demurrageStarts: LocalDates.addDays(standing.lastFreeDay, 1),
      source: { kind: 'terminal', ...citeStatement(standing), available: standing.available },
    };
  }
  if (computed === null) return null;
  return {
    lastFreeDay: computed.lastFreeDay,
    demurrageStarts: computed.demurrageStarts,
    source: { kind: 'rule', rule: computed.rule },
  };
}
