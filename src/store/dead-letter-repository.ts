/** Dead letters: what could not be parsed, with a machine-readable reason, kept until a replay fixes it. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Rejection } from '../ingest/message-parser.js';
import type { DB, DeadLetterTable } from './schema.js';

export type DeadLetterRow = Selectable<DeadLetterTable>;

export interface DeadLetterQuery {
  readonly status?: 'open' | 'replayed' | undefined;
  readonly inboxId?: string | undefined;
  readonly format?: string | undefined;
  /** Only dead letters of messages this organisation sent. */
  readonly sourceOrg?: string | undefined;
  readonly limit?: number | undefined;
}

export class DeadLetterRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async add(
    trx: Transaction<DB>,
    inboxId: string,
    format: string,
    parserVersion: string,
    rejections: readonly Rejection[],
    attempts: number,
  ): Promise<DeadLetterRow[]> {
    if (rejections.length === 0) return [];
    return trx
      .insertInto('dead_letter')
      .values(
        rejections.map((r) => ({
          inbox_id: inboxId,
          format,
          error_code: r.code,
          message: r.message,
          line: r.line ?? null,
          pointer: r.pointer ?? null,
          parser_version: parserVersion,
          attempts,
          status: 'open' as const,
          resolved_at: null,
        })),
      )
      .returningAll()
      .execute();
  }

  /** Closes the open dead letters of a message before a replay records what still fails; returns the highest attempt count. */
  async closeOpen(trx: Transaction<DB>, inboxId: string): Promise<number> {
    const closed = await trx
      .updateTable('dead_letter')
      .set({ status: 'replayed', resolved_at: new Date() })
      .where('inbox_id', '=', inboxId)
      .where('status', '=', 'open')
      .returning('attempts')
      .execute();
    return Math.max(0, ...closed.map((r) => r.attempts));
  }

  async list(query: DeadLetterQuery = {}): Promise<DeadLetterRow[]> {
    let q = this.db
      .selectFrom('dead_letter')
      .selectAll()
      .orderBy('id')
      .limit(query.limit ?? 1000);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.inboxId) q = q.where('inbox_id', '=', query.inboxId);
    if (query.format) q = q.where('format', '=', query.format);
    const org = query.sourceOrg;
    if (org) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('inbox')
            .select('inbox.id')
            .whereRef('inbox.id', '=', 'dead_letter.inbox_id')
            .where('inbox.source_org', '=', org),
        ),
      );
    }
    return q.execute();
  }

  /** Inbox ids that have open dead letters, oldest first. */
  async inboxIdsWithOpen(limit = 10_000): Promise<string[]> {
    const rows = await this.db
      .selectFrom('dead_letter')
      .select('inbox_id')
      .distinct()
      .where('status', '=', 'open')
      .orderBy('inbox_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.inbox_id);
  }

  async countOpen(): Promise<number> {
    const row = await this.db
      .selectFrom('dead_letter')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
