/**
 * Keeps projections up to date with the event store. Each projection has a checkpoint (last applied
 * `seq`); `catchUp` applies the events of its declared codes (`Projection.sources`) after it page by page, each page in one transaction together with
 * the checkpoint update, under a row lock on the checkpoint so several processes can run the same
 * projection safely. The event bus only wakes the runner; the store is the source of truth, and a slow
 * poll picks up events appended by other processes (e.g. `serve --api-only` replicas) that this
 * process's bus never sees.
 *
 * Projections never stop the server (DESIGN §7). A page is applied inside one savepoint; when it fails for a
 * reason the events cause (not a lost connection: see `projection-failure.ts`), the savepoint is rolled back
 * and the page is bisected, each half in its own savepoint, down to the single events that fail: those are
 * quarantined (`projection_quarantine`, with the reason) and the checkpoint moves past them. A page that
 * applies as a whole pays one savepoint, not one per event. `start` never throws: a failure is reported to
 * `onError` and retried at the next wake-up.
 */
import { LOCAL_OPERATOR } from '../access/access-scope.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventBus } from '../bus/event-bus.js';
import { CoalescedRounds } from '../bus/coalesced-rounds.js';
import type { StoredEvent } from '../domain/canonical-event.js';
import { rowToEvent } from '../store/event-row.js';
import { compareSeq, type EventStore } from '../store/event-store.js';
import { ProjectionQuarantineRepository } from '../store/projection-quarantine-repository.js';
import type { DB } from '../store/schema.js';
import { describeProjectionFailure, type ProjectionFailure } from './projection-failure.js';
import type { ProjectionObserver } from './projection-observer.js';
import type { Projection } from './projection.js';

/**
 * How many pages' worth of positions one page may look through (`ReadOptions.scanWindow`): enough that a
 * projection of a few codes among many still fills most pages, small enough that a page never scans the backlog.
 */
const SCAN_WINDOW_PAGES = 20;

/**
 * Events a projection applies before the runner refreshes the planner statistics of its tables (`ANALYZE`). A
 * read model that grows from empty during a long catch-up keeps the statistics of its empty table where nothing
 * else gathers them (a PostgreSQL server with autovacuum off, as on the CI machine; PGlite, which has no
 * autovacuum): the planner then scans the whole table for each page's lookups instead of using its index, and a
 * month's catch-up slows as the table grows. Measured 2026-12-05 on the month replay (PostgreSQL, autovacuum off,
 * `container_fact` at 976,637 rows estimated from stale statistics): one page's `container_fact` lookup took
 * 486 ms as a sequential scan, and the `container-status` catch-up moved 300 positions/s; after one `ANALYZE`,
 * 3,400 positions/s.
 */
export const ANALYZE_EVERY_EVENTS = 100_000;

interface Quarantined {
  readonly projection: string;
  readonly eventSeq: string;
  readonly failure: ProjectionFailure;
}

/** Outcome of `retryQuarantined` for one projection. */
export interface QuarantineRetryResult {
  readonly projection: string;
  /** Events applied this time: their quarantine rows are resolved. */
  readonly resolved: readonly string[];
  /** Events that failed again, with the new reason. */
  readonly failed: readonly { readonly eventSeq: string; readonly message: string }[];
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: string;
}

/** How far one read model trails the settled head of the event log (`ProjectionRunner.lag`). */
export interface ProjectionLag {
  /**
   * Positions between its checkpoint and the settled head: the events it has still to look through (its own codes
   * and others'; a position an aborted append left unused counts too, so this is an upper bound).
   */
  readonly positions: number;
  /** Seconds since the oldest of those events was recorded; 0 when the read model is at the head. */
  readonly seconds: number;
}

export class ProjectionRunner {
  readonly #projections: readonly Projection[];
  readonly #rounds: CoalescedRounds;
  #observer: ProjectionObserver | null = null;
  readonly #caughtUp = new Set<() => void>();
  readonly quarantine: ProjectionQuarantineRepository;
  /** The projections whose tables each one reads (`Projection.reads`), by name: it never passes their checkpoints. */
  readonly #upstream: ReadonlyMap<string, readonly string[]>;
  /** Events each projection applied since its tables' statistics were last refreshed by this runner. */
  readonly #sinceAnalyze = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly events: EventStore,
    projections: readonly Projection[],
    private readonly pageSize = 1000,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly analyzeEvery = ANALYZE_EVERY_EVENTS,
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
    this.#upstream = upstreamOf(projections);
    this.#projections = projections;
    this.quarantine = new ProjectionQuarantineRepository(db);
    this.#rounds = new CoalescedRounds({
      round: () => this.catchUpAll(),
      afterRounds: async () => {
        for (const listener of this.#caughtUp) listener();
      },
      onError: (error) => this.onError(error),
    });
  }

  /**
   * Calls `listener` after each run of catch-up rounds the bus or the poll started (the pages are committed):
   * what follows the read models (alert delivery) reads them then. Returns the unsubscribe function.
   */
  onCaughtUp(listener: () => void): () => void {
    this.#caughtUp.add(listener);
    return () => this.#caughtUp.delete(listener);
  }

  setObserver(observer: ProjectionObserver): void {
    this.#observer = observer;
  }

  get projections(): readonly Projection[] {
    return this.#projections;
  }

  /**
   * Rebuilds projections whose code version changed, then catches up; afterwards follows the bus and,
   * every `pollIntervalMs` (0 = never), the store itself for events other processes appended. Never throws:
   * a failed rebuild or catch-up goes to `onError` and is tried again at the next wake-up, so a server
   * starts whatever its read models hold.
   */
  async start(bus?: EventBus, options: { pollIntervalMs?: number } = {}): Promise<void> {
    for (const projection of this.#projections) {
      try {
        const status = await this.status(projection.name);
        if (status && status.version !== projection.version) await this.rebuild(projection.name);
      } catch (error) {
        this.onError(error);
      }
    }
    try {
      await this.catchUpAll();
    } catch (error) {
      this.onError(error);
    }
    this.#rounds.follow(bus, options.pollIntervalMs ?? 0);
  }

  async stop(): Promise<void> {
    this.#rounds.unfollow();
    await this.idle();
  }

  /** Schedules a catch-up (coalescing bursts of wake-ups into one run). */
  wake(): void {
    this.#rounds.wake();
  }

  /** Resolves when no catch-up is running. */
  async idle(): Promise<void> {
    await this.#rounds.idle();
  }

  /**
   * Catches every projection up, in order. One that already stands at the settled head is not opened (an idle
   * poll is two queries, not a transaction per projection); the head is looked at again after a projection
   * applied events, since one may append derived events for the next (the vessel-call detector). One that
   * fails (the store, not its events: those are quarantined) does not hold the others back; the first such
   * error is thrown once every projection had its turn.
   */
  async catchUpAll(): Promise<void> {
    let head = await this.events.head();
    const rows = await this.db.selectFrom('projection_checkpoint').select(['name', 'position']).execute();
    const positions = new Map(rows.map((r) => [r.name, r.position]));
    const errors: unknown[] = [];
    for (const projection of this.#projections) {
      const at = positions.get(projection.name);
      if (at !== undefined && compareSeq(at, head) >= 0) continue;
      try {
        if ((await this.catchUp(projection)) > 0) head = await this.events.head();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }

  /**
   * Applies every event after the checkpoint; returns how many events were read for it (applied or
   * quarantined).
   */
  async catchUp(projection: Projection): Promise<number> {
    let applied = 0;
    for (;;) {
      const quarantined: Quarantined[] = [];
      const { n, done } = await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('projection_checkpoint')
          .values({ name: projection.name, position: '0', version: projection.version, updated_at: new Date() })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        const checkpoint = await trx
          .selectFrom('projection_checkpoint')
          .select(['position', 'rebuilding'])
          .where('name', '=', projection.name)
          .forUpdate()
          .executeTakeFirstOrThrow();
        // Only the events of its declared codes (`sources`) reach it: the others are not read, decoded or handed
        // over (the container read models skip the AIS positions, the vessel models the cargo events).
        // A window of positions per page: a page's read stays one short index range however far behind it is.
        const upTo = await this.#upstreamPosition(trx, projection);
        const page = await this.events.read(
          checkpoint.position,
          this.pageSize,
          { ...projection.filter, eventTypeCodes: projection.sources, visibleTo: LOCAL_OPERATOR },
          trx,
          { scanWindow: this.pageSize * SCAN_WINDOW_PAGES, ...(upTo === undefined ? {} : { upTo }) },
        );
        // The checkpoint moves past the events it does not take too, so the next run does not scan them again
        // (and an idle run is skipped: see catchUpAll).
        const nothingNew = page.scannedTo === checkpoint.position;
        const done = nothingNew || page.reachedHead;
        // A rebuild is finished by the page that reaches the head, under this lock (see `rebuild`); one held back
        // by the projections it reads has not reached it.
        const settling = page.reachedHead && checkpoint.rebuilding;
        if (nothingNew && !settling) return { n: 0, done: true };
        if (page.events.length > 0) await this.#applyOrQuarantine(trx, projection, page.events, quarantined);
        if (settling) await projection.settle?.(trx);
        await trx
          .updateTable('projection_checkpoint')
          .set({ position: page.scannedTo, updated_at: new Date(), ...(settling ? { rebuilding: false } : {}) })
          .where('name', '=', projection.name)
          .execute();
        return { n: page.events.length, done };
      });
      this.#report(quarantined);
      applied += n;
      await this.#analyzeWhenGrown(projection, n);
      if (done) return applied;
    }
  }

  /** The lowest checkpoint of the projections `projection` reads (none yet: "0"); undefined when it reads none. */
  async #upstreamPosition(trx: Transaction<DB>, projection: Projection): Promise<string | undefined> {
    const upstream = this.#upstream.get(projection.name) ?? [];
    if (upstream.length === 0) return undefined;
    const rows = await trx
      .selectFrom('projection_checkpoint')
      .select(['name', 'position'])
      .where('name', 'in', upstream)
      .execute();
    if (rows.length < upstream.length) return '0';
    return rows.map((r) => r.position).reduce((a, b) => (compareSeq(a, b) <= 0 ? a : b));
  }

  /** Refreshes the planner statistics of the projection's tables once it applied `analyzeEvery` events more. */
  async #analyzeWhenGrown(projection: Projection, applied: number): Promise<void> {
    if (applied === 0 || projection.tables.length === 0) return;
    const since = (this.#sinceAnalyze.get(projection.name) ?? 0) + applied;
    if (since < this.analyzeEvery) {
      this.#sinceAnalyze.set(projection.name, since);
      return;
    }
    this.#sinceAnalyze.set(projection.name, 0);
    await sql`analyze ${sql.join(projection.tables.map((t) => sql.table(t)))}`.execute(this.db);
  }

  /**
   * Applies `events` in one savepoint; on a failure the events cause, rolls it back and applies each half
   * the same way, so only the events that fail on their own are quarantined, and the others are applied in
   * `seq` order. A transient failure (or one that breaks the transaction) is thrown: the page is retried.
   */
  async #applyOrQuarantine(
    trx: Transaction<DB>,
    projection: Projection,
    events: readonly StoredEvent[],
    quarantined: Quarantined[],
  ): Promise<void> {
    const failure = await this.#tryApply(trx, projection, events);
    if (failure === null) return;
    if (events.length === 1) {
      const event = events[0]!;
      await this.quarantine.record(trx, projection.name, event, failure);
      quarantined.push({ projection: projection.name, eventSeq: event.seq, failure });
      return;
    }
    const half = Math.ceil(events.length / 2);
    await this.#applyOrQuarantine(trx, projection, events.slice(0, half), quarantined);
    await this.#applyOrQuarantine(trx, projection, events.slice(half), quarantined);
  }

  /** Applies inside a savepoint; returns why it failed (after rolling back to the savepoint), or null. */
  async #tryApply(
    trx: Transaction<DB>,
    projection: Projection,
    events: readonly StoredEvent[],
  ): Promise<ProjectionFailure | null> {
    await sql`savepoint projection_apply`.execute(trx);
    try {
      await projection.apply(trx, events);
    } catch (error) {
      const failure = describeProjectionFailure(error);
      if (failure.transient) throw error;
      // Throws in turn when the transaction itself is broken (connection lost): then the page is retried.
      await sql`rollback to savepoint projection_apply`.execute(trx);
      await sql`release savepoint projection_apply`.execute(trx);
      return failure;
    }
    await sql`release savepoint projection_apply`.execute(trx);
    return null;
  }

  #report(quarantined: readonly Quarantined[]): void {
    const observer = this.#observer;
    if (!observer) return;
    for (const q of quarantined) observer.quarantined(q.projection, q.eventSeq, q.failure);
  }

  /**
   * Applies the open quarantined events of the named projections (default: all) again, oldest first, each
   * under the projection's checkpoint lock (so no catch-up runs beside it). An event that applies now is
   * resolved; one that fails again keeps its row with one more attempt and the new reason. Retrying applies
   * the event after the later ones the projection has applied since; where order matters, `rebuild` instead.
   */
  async retryQuarantined(names?: readonly string[]): Promise<QuarantineRetryResult[]> {
    const chosen = names && names.length > 0 ? names : this.#projections.map((p) => p.name);
    const results: QuarantineRetryResult[] = [];
    for (const name of chosen) {
      const projection = this.#projection(name);
      const resolved: string[] = [];
      const failed: { eventSeq: string; message: string }[] = [];
      const quarantined: Quarantined[] = [];
      await this.db.transaction().execute(async (trx) => {
        await trx
          .selectFrom('projection_checkpoint')
          .select('position')
          .where('name', '=', name)
          .forUpdate()
          .executeTakeFirst();
        const open = await this.quarantine.list({ projection: name }, trx);
        if (open.length === 0) return;
        const rows = await trx
          .selectFrom('event')
          .selectAll()
          .where(
            'seq',
            'in',
            open.map((q) => q.event_seq),
          )
          .orderBy('seq')
          .execute();
        for (const event of rows.map(rowToEvent)) {
          const failure = await this.#tryApply(trx, projection, [event]);
          if (failure === null) {
            await this.quarantine.resolve(trx, name, event.seq);
            resolved.push(event.seq);
          } else {
            await this.quarantine.record(trx, name, event, failure);
            failed.push({ eventSeq: event.seq, message: failure.message });
            quarantined.push({ projection: name, eventSeq: event.seq, failure });
          }
        }
      });
      this.#report(quarantined);
      results.push({ projection: name, resolved, failed });
    }
    return results;
  }

  #projection(name: string): Projection {
    const projection = this.#projections.find((p) => p.name === name);
    if (!projection) {
      throw new Error(`unknown projection "${name}"; known: ${this.#projections.map((p) => p.name).join(', ')}`);
    }
    return projection;
  }

  /**
   * Empties the projection's tables and applies every event again; the page that reaches the head then calls
   * `Projection.settle` (the checkpoint's `rebuilding` flag survives an interruption: the next catch-up that reaches
   * the head settles). The tables are emptied in one transaction and refilled page by page, so their readers see them
   * fill up again; events a projection appended (the detector's) keep their visibility meanwhile. Its quarantined
   * events are resolved first: the rebuild applies them too, and quarantines again (one attempt more) those that
   * still fail.
   */
  async rebuild(name: string): Promise<number> {
    const projection = this.#projection(name);
    await this.db.transaction().execute(async (trx) => {
      for (const table of projection.tables) await sql`delete from ${sql.table(table)}`.execute(trx);
      await this.quarantine.resolve(trx, name);
      const restart = { position: '0', version: projection.version, updated_at: new Date(), rebuilding: true };
      await trx
        .insertInto('projection_checkpoint')
        .values({ name, ...restart })
        .onConflict((oc) => oc.column('name').doUpdateSet(restart))
        .execute();
    });
    return this.catchUp(projection);
  }

  /**
   * How far each projection trails the settled head, by name: what an operator alarms on when the read models fall
   * behind the ingest (`openpcs_projection_lag_*` at `/metrics`). One query for the checkpoints, and one indexed
   * lookup per distinct checkpoint that is behind (projections often stand at the same one); read from the store,
   * so a replica that runs no projections reports the lag of the process that does.
   */
  async lag(now: Date = new Date()): Promise<ReadonlyMap<string, ProjectionLag>> {
    const head = await this.events.head();
    const rows = await this.db.selectFrom('projection_checkpoint').select(['name', 'position']).execute();
    const position = new Map(rows.map((r) => [r.name, r.position]));
    /** When the first event after a checkpoint was recorded (ms), by checkpoint. */
    const oldestAfter = new Map<string, number>();
    const lag = new Map<string, ProjectionLag>();
    for (const projection of this.#projections) {
      const at = position.get(projection.name) ?? '0';
      if (compareSeq(at, head) >= 0) {
        lag.set(projection.name, { positions: 0, seconds: 0 });
        continue;
      }
      let recordedAt = oldestAfter.get(at);
      if (recordedAt === undefined) {
        const oldest = await this.db
          .selectFrom('event')
          .select('recorded_at')
          .where('seq', '>', at)
          .where('seq', '<=', head)
          .orderBy('seq')
          .limit(1)
          .executeTakeFirst();
        recordedAt = oldest ? new Date(oldest.recorded_at).getTime() : now.getTime();
        oldestAfter.set(at, recordedAt);
      }
      lag.set(projection.name, {
        positions: Number(BigInt(head) - BigInt(at)),
        seconds: Math.max(0, (now.getTime() - recordedAt) / 1000),
      });
    }
    return lag;
  }

  async status(name: string): Promise<ProjectionStatus | undefined> {
    const row = await this.db
      .selectFrom('projection_checkpoint')
      .select(['name', 'version', 'position'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row;
  }
}

/**
 * For each projection, the names of those among `projections` that own a table it `reads`. A projection reads
 * only the tables of projections before it (so one round of `catchUpAll` brings it as far as they got); a table
 * no projection of this runner owns bounds nothing.
 */
function upstreamOf(projections: readonly Projection[]): Map<string, string[]> {
  const owner = new Map<string, { name: string; index: number }>();
  projections.forEach((p, index) => {
    for (const table of p.tables) owner.set(table, { name: p.name, index });
  });
  const upstream = new Map<string, string[]>();
  projections.forEach((p, index) => {
    const names = new Set<string>();
    for (const table of p.reads ?? []) {
      const o = owner.get(table);
      if (o === undefined) continue;
      if (o.index >= index) {
        throw new Error(`projection ${p.name} reads ${table} of ${o.name}, which must come before it`);
      }
      names.add(o.name);
    }
    upstream.set(p.name, [...names]);
  });
  return upstream;
}
