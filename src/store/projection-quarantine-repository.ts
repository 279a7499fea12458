/**
 * Quarantined projection events (migration 0007): what a projection could not apply, why, since when and how
 * often. The runner writes inside its page transaction; the CLI lists and retries.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, ProjectionQuarantineState, ProjectionQuarantineTable } from './schema.js';

export type ProjectionQuarantineRow = Selectable<ProjectionQuarantineTable>;

/** Why an event was quarantined, as kept on the row (the runner's `ProjectionFailure` is one). */
export interface QuarantineReason {
  /** SQLSTATE of a database error, else the error's name. */
  readonly code: string | null;
  /** One sanitised line. */
  readonly message: string;
}

export interface ProjectionQuarantineQuery {
  readonly projection?: string | undefined;
  /** Default `open`; `all` lists resolved rows too. */
  readonly state?: ProjectionQuarantineState | 'all' | undefined;
  readonly limit?: number | undefined;
}

export class ProjectionQuarantineRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Records a failed apply: a new row, or one more attempt of an existing one (opened again if resolved). */
  async record(
    trx: Transaction<DB>,
    projection: string,
    event: { readonly seq: string; readonly eventId: string },
    failure: QuarantineReason,
    at: Date = new Date(),
  ): Promise<void> {
    await trx
      .insertInto('projection_quarantine')
      .values({
        projection,
        event_seq: event.seq,
        event_id: event.eventId,
        error_code: failure.code,
        error_message: failure.message,
        first_seen_at: at,
        last_seen_at: at,
        attempts: 1,
        state: 'open',
        resolved_at: null,
      })
      .onConflict((oc) =>
        oc.columns(['projection', 'event_seq']).doUpdateSet({
          error_code: sql.ref('excluded.error_code'),
          error_message: sql.ref('excluded.error_message'),
          last_seen_at: sql.ref('excluded.last_seen_at'),
          attempts: sql`projection_quarantine.attempts + 1`,
          state: 'open',
          resolved_at: null,
        }),
      )
      .execute();
  }

  /** Marks quarantined events as applied after all (one event, or every open one of the projection). */
  async resolve(trx: Transaction<DB>, projection: string, eventSeq?: string, at: Date = new Date()): Promise<void> {
    let query = trx
      .updateTable('projection_quarantine')
      .set({ state: 'resolved', resolved_at: at })
      .where('projection', '=', projection)
      .where('state', '=', 'open');
    if (eventSeq !== undefined) query = query.where('event_seq', '=', eventSeq);
    await query.execute();
  }

  async list(query: ProjectionQuarantineQuery = {}, executor: Kysely<DB> | Transaction<DB> = this.db) {
    let q = executor.selectFrom('projection_quarantine').selectAll().orderBy('projection').orderBy('event_seq');
    const state = query.state ?? 'open';
    if (state !== 'all') q = q.where('state', '=', state);
    if (query.projection !== undefined) q = q.where('projection', '=', query.projection);
    if (query.limit !== undefined) q = q.limit(query.limit);
    return q.execute();
  }

  /** Open quarantined events per projection (the `/metrics` gauge). */
  async countOpen(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('projection_quarantine')
      .select(['projection', (eb) => eb.fn.countAll<string>().as('n')])
      .where('state', '=', 'open')
      .groupBy('projection')
      .execute();
    return new Map(rows.map((r) => [r.projection, Number(r.n)]));
  }
}
