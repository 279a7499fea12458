/**
 * The settled horizon of the event log: the highest `seq` S such that every position up to S is decided —
 * its event is committed, or it will never exist. Cursor readers (projections, subscriptions, the live stream,
 * `/events`, `/v2/events`) read at most up to S, so they never step past a position that a slower writer is
 * still committing: appends need no global lock and several writers insert in parallel.
 *
 * Why a gap can be decided. `seq` comes from an identity sequence (cache 1), so positions are handed out in
 * increasing order; every append transaction takes its transaction id *before* it draws a position
 * (`EventStore.appendIn`). Say a reader's snapshot S0 shows position h but not g < h. g was drawn before h,
 * and h committed before S0, so g's writer had its transaction id before S0: it is either finished without
 * g (rolled back, or g was burned by an insert conflict) or in progress at S0, hence in S0's list of running
 * transactions (`xip`). Once every transaction of that list has finished, a later snapshot either shows g or
 * g never will be: the reader skips it. Sequence values lost in a crash are gaps of the same kind. When no
 * other transaction is running at all, every position up to the newest is decided in one step.
 *
 * Only this database's transactions count. Transaction ids are cluster-wide, so the snapshot's list also holds
 * the transactions of every other database on the server, and none of them can write this database's event
 * table (PostgreSQL has no cross-database writes). The query leaves out of `running` each transaction that is
 * provably another database's: its id is locked (`pg_lock_status()`, the function under `pg_locks`, read at
 * the query) by a backend whose connection (`pg_stat_get_activity`, by pid) is to another database; a backend
 * never changes its database. The filter only removes: a transaction it cannot place (not listed yet, already
 * gone, a prepared transaction, a backend without a database) stays in the list, so the argument above holds
 * unchanged for every transaction of this database. Without it a reader waited for another application's long
 * transaction on a shared server (the live stream stalled; tests sharing a server waited for each other).
 * PGlite has one database and one connection, so nothing changes there.
 *
 * The walk itself is pure (`advanceHorizon`); `SettledHorizon` runs its one query and keeps the state for the
 * process (one per `Database`).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/** What one read of the log beyond the horizon saw, all in one snapshot. */
export interface LogObservation {
  /** Positions after the horizon, ascending (at most the scan limit). */
  readonly seqs: readonly bigint[];
  /** Transactions in progress in that snapshot (`pg_snapshot_xip`), less those of other databases. */
  readonly running: readonly bigint[];
  /** First transaction id not yet assigned at that snapshot (`pg_snapshot_xmax`). */
  readonly xmax: bigint;
  /** The highest position in that snapshot (0 when the log is empty). */
  readonly head: bigint;
}

export interface HorizonState {
  readonly settled: bigint;
  /** The first missing position after `settled`, and the transactions that may still fill it. */
  readonly gap: { readonly seq: bigint; readonly waitFor: readonly bigint[] } | null;
}

export const INITIAL_HORIZON: HorizonState = { settled: 0n, gap: null };

/** The new state after an observation. Positions only move forward. */
export function advanceHorizon(state: HorizonState, seen: LogObservation): HorizonState {
  // Nothing else was running: every position drawn so far belongs to a finished transaction, so everything
  // up to the head is decided at once (a process starting on a large, quiet log does not walk it).
  if (seen.running.length === 0) {
    return seen.head > state.settled ? { settled: seen.head, gap: null } : state;
  }
  let settled = state.settled;
  let gap = state.gap;
  // The transactions the known gap waited for have all finished by this snapshot: whatever is still missing
  // at that position now will never come.
  const gapDecided = gap !== null && gap.waitFor.every((xid) => xid < seen.xmax && !seen.running.includes(xid));
  for (const seq of seen.seqs) {
    if (seq <= settled) continue;
    if (seq === settled + 1n) {
      settled = seq;
      continue;
    }
    if (gapDecided && gap !== null && gap.seq === settled + 1n) {
      // Skip the decided gap (all of it up to `seq`: positions between were drawn before it too).
      settled = seq;
      gap = null;
      continue;
    }
    break;
  }
  if (gap !== null && gap.seq <= settled) gap = null;
  const last = seen.seqs.at(-1);
  if (gap === null && last !== undefined && last > settled) {
    gap = { seq: settled + 1n, waitFor: seen.running };
  }
  return { settled, gap };
}

type Executor = Kysely<DB> | Transaction<DB>;

/** How many positions one advance looks at; a reader that wants more asks again. */
const SCAN_LIMIT = 10_000;
/** At most this many pages per advance (2M positions), so one call stays short. */
const MAX_PAGES_PER_ADVANCE = 200;

export class SettledHorizon {
  #state: HorizonState = INITIAL_HORIZON;
  #inFlight: Promise<string> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The settled position now ("0" when nothing is). Runs on `executor` when given (a transaction that holds
   * the only PGlite connection must not wait for another); concurrent calls on the shared pool share one query.
   */
  async settled(executor?: Executor): Promise<string> {
    if (executor !== undefined && executor !== this.db) return this.#advance(executor);
    this.#inFlight ??= this.#advance(this.db).finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #advance(executor: Executor): Promise<string> {
    let state = this.#state;
    let shared = true;
    // A process starting on a long log that other transactions keep busy walks it a page at a time: go on
    // while whole pages settle, so the first reader does not get a horizon far behind the head.
    for (let page = 0; page < MAX_PAGES_PER_ADVANCE; page++) {
      const seen = await this.#observe(executor, state.settled);
      // A transaction that appended sees its own uncommitted events: what it settles holds for it alone
      // (they commit or roll back with its reads), so it is not kept for the other readers of this process.
      if (seen.ownEvents) shared = false;
      const before = state.settled;
      state = advanceHorizon(state, seen);
      if (seen.seqs.length < SCAN_LIMIT || state.settled - before < BigInt(SCAN_LIMIT)) break;
    }
    // Another advance may have finished first: keep whichever got further.
    if (shared && state.settled >= this.#state.settled) this.#state = state;
    return state.settled.toString();
  }

  /**
   * One look past `from`, all in one snapshot. The reader's own transaction, if it has an id, counts as
   * running (a snapshot leaves it out of its list): so the shortcut "nothing else runs" is not taken over its
   * own uncommitted events, and `ownEvents` says whether the window holds any of them.
   */
  async #observe(executor: Executor, from: bigint): Promise<LogObservation & { readonly ownEvents: boolean }> {
    const { rows } = await sql<{ seqs: string[]; running: string[]; xmax: string; head: string; own: boolean }>`
      with window_ as (select seq from event where seq > ${from.toString()}::bigint order by seq limit ${SCAN_LIMIT})
      select array(select seq from window_ order by seq) as seqs,
             array(select x::text from pg_snapshot_xip(pg_current_snapshot()) as x
                   where not exists (
                     select 1 from pg_lock_status() l join pg_stat_get_activity(null) a on a.pid = l.pid
                      where l.locktype = 'transactionid' and l.mode = 'ExclusiveLock' and l.granted
                        and l.transactionid = xid(x)
                        and a.datid <> (select oid from pg_database where datname = current_database()))
                   union all
                   select pg_current_xact_id_if_assigned()::text where pg_current_xact_id_if_assigned() is not null)
               as running,
             pg_snapshot_xmax(pg_current_snapshot())::text as xmax,
             coalesce((select max(seq) from event), 0)::text as head,
             case when pg_current_xact_id_if_assigned() is null then false
                  else exists (select 1 from event e join window_ w on w.seq = e.seq
                               where e.xmin = xid(pg_current_xact_id_if_assigned()))
             end as own`.execute(executor);
    const row = rows[0]!;
    return {
      seqs: row.seqs.map(BigInt),
      running: row.running.map(BigInt),
      xmax: BigInt(row.xmax),
      head: BigInt(row.head),
      ownEvents: row.own,
    };
  }
}
