/** The inbox: every received message, raw, durable before it is acknowledged (DESIGN §2 "Nothing is lost"). */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Visibility } from '../domain/canonical-event.js';
import type { TimeZoneSource } from '../domain/time-zone-source.js';
import type { DB, InboxStatus, InboxTable } from './schema.js';
import { storableJson, storableText } from './storable-text.js';

export type InboxRow = Selectable<InboxTable>;

export interface NewInboxMessage {
  readonly format: string;
  /** How it arrived: `http`, `cli`, `tcp`, `udp`, `mqtt`, `federation`… */
  readonly channel: string;
  readonly body: Uint8Array;
  readonly contentType?: string | undefined;
  readonly sourceOrg: string;
  readonly ownerOrgs: readonly string[];
  readonly visibility: Visibility;
  readonly timeZone: string;
  /** Where `timeZone` came from (DESIGN §7 "Times"); default `default`. */
  readonly timeZoneSource?: TimeZoneSource | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
  /**
   * The receiver processes the message at once (`IngestPipeline.ingest`): its first attempt is counted in the
   * receiving commit instead of a commit of its own (`beginAttempt`) before the parser runs.
   */
  readonly attempting?: boolean | undefined;
}

export interface ReceivedMessage {
  readonly inboxId: string;
  /** The same bytes from the same sender in the same format were already received. */
  readonly duplicate: boolean;
  readonly status: InboxStatus;
  readonly contentHash: string;
}

export function contentHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

export class InboxRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Stores the message (committed when this resolves) or finds the identical one already stored. */
  async receive(message: NewInboxMessage): Promise<ReceivedMessage> {
    const hash = contentHash(message.body);
    const inserted = await this.db
      .insertInto('inbox')
      .values({
        format: message.format,
        channel: message.channel,
        content_hash: hash,
        // Header values and metadata are text from the sender: NUL in them must not refuse the message.
        content_type: message.contentType === undefined ? null : storableText(message.contentType),
        // As hex text decoded by the server: PGlite's own bytea serialiser builds one JS string per byte
        // (`Array.from(body).map(…)`), about 2 GiB of garbage for a 64 MiB message; this is one string.
        body: sql<Uint8Array>`decode(${Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength).toString('hex')}, 'hex')`,
        size_bytes: message.body.byteLength,
        status: 'received',
        processed_at: null,
        source_org: message.sourceOrg,
        owner_orgs: [...message.ownerOrgs],
        visibility: message.visibility,
        time_zone: message.timeZone,
        time_zone_source: message.timeZoneSource ?? 'default',
        metadata: JSON.stringify(storableJson(message.metadata ?? {})),
        attempts: message.attempting === true ? 1 : 0,
      })
      .onConflict((oc) => oc.columns(['source_org', 'format', 'content_hash']).doNothing())
      .returning(['id', 'status'])
      .executeTakeFirst();
    if (inserted) return { inboxId: inserted.id, duplicate: false, status: inserted.status, contentHash: hash };
    const existing = await this.db
      .selectFrom('inbox')
      .select(['id', 'status'])
      .where('source_org', '=', message.sourceOrg)
      .where('format', '=', message.format)
      .where('content_hash', '=', hash)
      .executeTakeFirstOrThrow();
    return { inboxId: existing.id, duplicate: true, status: existing.status, contentHash: hash };
  }

  async get(id: string, executor: Kysely<DB> | Transaction<DB> = this.db): Promise<InboxRow | undefined> {
    return executor.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Locks the row for processing; undefined if another worker holds it. With the row, the transaction's id (taken
   * now, if the lock had not taken it) and its timestamp: what an append needs first (`appendEvents`' `started`),
   * read in this one round trip.
   */
  async lockForProcessing(
    trx: Transaction<DB>,
    id: string,
  ): Promise<(InboxRow & { readonly transaction_now: Date }) | undefined> {
    return trx
      .selectFrom('inbox')
      .selectAll()
      .select([sql<string>`pg_current_xact_id()::text`.as('transaction_id'), sql<Date>`now()`.as('transaction_now')])
      .where('id', '=', id)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  /**
   * Ids of messages received but not processed yet (left behind by a crash), oldest first, after `afterId`
   * (a keyset, so a caller that cannot process one message still moves on to the next).
   */
  async pendingIds(limit = 1000, afterId = '0', receivedBefore?: Date): Promise<string[]> {
    let query = this.db.selectFrom('inbox').select('id').where('status', '=', 'received').where('id', '>', afterId);
    if (receivedBefore) query = query.where('received_at', '<', receivedBefore);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /**
   * Takes back an attempt that ended because the store was unreachable (not because of the message), so a
   * message that met an outage twice is not taken at the next start for one that crashed the process twice.
   */
  async forgetAttempt(id: string): Promise<void> {
    await this.db
      .updateTable('inbox')
      .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'received')
      .where('attempts', '>', 0)
      .execute();
  }

  /**
   * Counts one processing attempt and commits it before the parser runs, so an attempt that kills the
   * process is still counted at the next start. `onlyIfReceived`: first processing (not a replay). Returns
   * the new count, or undefined when the row is unknown, not in that state, or held by another worker.
   */
  async beginAttempt(id: string, onlyIfReceived: boolean): Promise<number | undefined> {
    const row = await this.db
      .updateTable('inbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) => {
        let q = eb.selectFrom('inbox').select('id').where('id', '=', id);
        if (onlyIfReceived) q = q.where('status', '=', 'received');
        return q.forUpdate().skipLocked();
      })
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts;
  }

  /**
   * Marks a message `failed` after its processing transaction rolled back (in a transaction of its own).
   * A replayed message keeps its status (its earlier events stay stored); the reason is recorded either way.
   */
  async markFailed(trx: Transaction<DB>, id: string, reason: string): Promise<InboxRow | undefined> {
    return trx
      .updateTable('inbox')
      .set((eb) => ({
        status: eb
          .case()
          .when('status', '=', 'received')
          .then(eb.val<InboxStatus>('failed'))
          .else(eb.ref('status'))
          .end(),
        processed_at: new Date(),
        failure_reason: storableText(reason),
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Sets aside the messages still `received` after `minAttempts` attempts: each of those attempts ended
   * in a crash of the process, so retrying at every start would crash it again. Rows another worker is
   * processing right now are skipped. Returns the rows set aside.
   */
  async setAsideCrashed(trx: Transaction<DB>, minAttempts: number, reason: string): Promise<InboxRow[]> {
    return trx
      .updateTable('inbox')
      .set({ status: 'set_aside', processed_at: new Date(), failure_reason: storableText(reason) })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('inbox')
          .select('id')
          .where('status', '=', 'received')
          .where('attempts', '>=', minAttempts)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
  }

  /** Ids of set-aside messages, oldest first (`openpcs replay --set-aside`). */
  async setAsideIds(limit = 10_000): Promise<string[]> {
    const rows = await this.db
      .selectFrom('inbox')
      .select('id')
      .where('status', '=', 'set_aside')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async markProcessed(
    trx: Transaction<DB>,
    id: string,
    outcome: {
      status: InboxStatus;
      appended: number;
      duplicates: number;
      rejected: number;
      rejectedByCode: Readonly<Record<string, number>>;
      accumulate: boolean;
      /** Version of the sender's CSV layout applied; null = none. */
      csvLayoutVersion?: number | null | undefined;
    },
  ): Promise<void> {
    await trx
      .updateTable('inbox')
      .set((eb) => ({
        status: outcome.status,
        processed_at: new Date(),
        events_appended: outcome.accumulate ? eb('events_appended', '+', outcome.appended) : outcome.appended,
        events_duplicate: outcome.duplicates,
        rejected: outcome.rejected,
        rejected_by_code: JSON.stringify(outcome.rejectedByCode),
        csv_layout_version: outcome.csvLayoutVersion ?? null,
      }))
      .where('id', '=', id)
      .execute();
  }

  async countByStatus(): Promise<Record<InboxStatus, number>> {
    const rows = await this.db
      .selectFrom('inbox')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<InboxStatus, number> = { received: 0, processed: 0, partial: 0, failed: 0, set_aside: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }
}
