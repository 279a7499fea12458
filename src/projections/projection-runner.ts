/**
 * Keeps projections up to date with the event store. Each projection has a checkpoint (last applied
 * `seq`); `catchUp` applies the events after it page by page, each page in one transaction together with
 * the checkpoint update, under a row lock on the checkpoint so several processes can run the same
 * projection safely. The event bus only wakes the runner; the store is the source of truth, and a slow
 * poll picks up events appended by other processes (e.g. `serve --api-only` replicas) that this
 * process's bus never sees.
 */
import { LOCAL_OPERATOR } from '../access/access-scope.js';
import { sql, type Kysely } from 'kysely';
import type { EventBus } from '../bus/event-bus.js';
import { compareSeq, type EventStore } from '../store/event-store.js';
import type { DB } from '../store/schema.js';
import type { Projection } from './projection.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: string;
}

export class ProjectionRunner {
  readonly #projections: readonly Projection[];
  #running: Promise<void> | null = null;
  #again = false;
  #unsubscribe: (() => void) | null = null;
  #poll: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly events: EventStore,
    projections: readonly Projection[],
    private readonly pageSize = 1000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
    this.#projections = projections;
  }

  get projections(): readonly Projection[] {
    return this.#projections;
  }

  /**
   * Rebuilds projections whose code version changed, then catches up; afterwards follows the bus and,
   * every `pollIntervalMs` (0 = never), the store itself for events other processes appended.
   */
  async start(bus?: EventBus, options: { pollIntervalMs?: number } = {}): Promise<void> {
    for (const projection of this.#projections) {
      const status = await this.status(projection.name);
      if (status && status.version !== projection.version) await this.rebuild(projection.name);
    }
    await this.catchUpAll();
    if (bus) this.#unsubscribe = bus.subscribe(() => this.wake());
    const every = options.pollIntervalMs ?? 0;
    if (every > 0) {
      this.#poll = setInterval(() => this.wake(), every);
      this.#poll.unref();
    }
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    await this.idle();
  }

  /** Schedules a catch-up (coalescing bursts of wake-ups into one run). */
  wake(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.catchUpAll();
        } while (this.#again);
      } catch (error) {
        this.onError(error);
      } finally {
        this.#running = null;
      }
    })();
  }

  /** Resolves when no catch-up is running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /**
   * Catches every projection up, in order. One that already stands at the settled head is not opened (an idle
   * poll is two queries, not a transaction per projection); the head is looked at again after a projection
   * applied events, since one may append derived events for the next (the vessel-call detector).
   */
  async catchUpAll(): Promise<void> {
    let head = await this.events.head();
    const rows = await this.db.selectFrom('projection_checkpoint').select(['name', 'position']).execute();
    const positions = new Map(rows.map((r) => [r.name, r.position]));
    for (const projection of this.#projections) {
      const at = positions.get(projection.name);
      if (at !== undefined && compareSeq(at, head) >= 0) continue;
      if ((await this.catchUp(projection)) > 0) head = await this.events.head();
    }
  }

  /** Applies every event after the checkpoint; returns how many events were applied. */
  async catchUp(projection: Projection): Promise<number> {
    let applied = 0;
    for (;;) {
      const n = await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('projection_checkpoint')
          .values({ name: projection.name, position: '0', version: projection.version, updated_at: new Date() })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        const checkpoint = await trx
          .selectFrom('projection_checkpoint')
          .select('position')
          .where('name', '=', projection.name)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const page = await this.events.read(
          checkpoint.position,
          this.pageSize,
          { ...projection.filter, visibleTo: LOCAL_OPERATOR },
          trx,
        );
        // A filtered projection moves its checkpoint past the events it does not take too, so the next run
        // does not scan them again (and an idle run is skipped: see catchUpAll).
        if (page.scannedTo === checkpoint.position) return 0;
        if (page.events.length > 0) await projection.apply(trx, page.events);
        await trx
          .updateTable('projection_checkpoint')
          .set({ position: page.scannedTo, updated_at: new Date() })
          .where('name', '=', projection.name)
          .execute();
        return page.events.length;
      });
      applied += n;
      if (n < this.pageSize) return applied;
    }
  }

  /** Empties the projection's tables and applies every event again. */
  async rebuild(name: string): Promise<number> {
    const projection = this.#projections.find((p) => p.name === name);
    if (!projection) throw new Error(`unknown projection "${name}"`);
    await this.db.transaction().execute(async (trx) => {
      for (const table of projection.tables) await sql`delete from ${sql.table(table)}`.execute(trx);
      await trx
        .insertInto('projection_checkpoint')
        .values({ name, position: '0', version: projection.version, updated_at: new Date() })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({ position: '0', version: projection.version, updated_at: new Date() }),
        )
        .execute();
    });
    return this.catchUp(projection);
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
