/** The inbox: every received message, raw, durable before it is acknowledged (DESIGN §2 "Nothing is lost"). */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Visibility } from '../domain/canonical-event.js';
import type { DB, InboxStatus, InboxTable } from './schema.js';

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
  readonly metadata?: Record<string, unknown> | undefined;
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
        content_type: message.contentType ?? null,
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
        metadata: JSON.stringify(message.metadata ?? {}),
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

  /** Locks the row for processing; undefined if another worker holds it. */
  async lockForProcessing(trx: Transaction<DB>, id: string): Promise<InboxRow | undefined> {
    return trx.selectFrom('inbox').selectAll().where('id', '=', id).forUpdate().skipLocked().executeTakeFirst();
  }

  /** Ids of messages received but not processed yet (left behind by a crash), oldest first. */
  async pendingIds(limit = 1000): Promise<string[]> {
    const rows = await this.db
      .selectFrom('inbox')
      .select('id')
      .where('status', '=', 'received')
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
    const counts: Record<InboxStatus, number> = { received: 0, processed: 0, partial: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }
}
