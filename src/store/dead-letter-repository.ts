/** Dead letters: what could not be parsed, with a machine-readable reason, kept until a replay fixes it. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Rejection } from '../domain/rejection.js';
import type { DB, DeadLetterTable } from './schema.js';
import { storableText } from './storable-text.js';

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
    // Rejection texts quote the input (a bad field, a raw excerpt): NUL or an unpaired surrogate there must
    // not make the dead letter itself unstorable, or the whole message would be lost with it.
    return trx
      .insertInto('dead_letter')
      .values(
        rejections.map((r) => ({
          inbox_id: inboxId,
          format: storableText(format),
          error_code: storableText(r.code),
          message: storableText(r.message),
          line: r.line ?? null,
          pointer: r.pointer === undefined ? null : storableText(r.pointer),
          parser_version: storableText(parserVersion),
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

  /**
   * Inbox ids that have open dead letters, oldest first: what a plain `openpcs replay` re-runs. Set-aside
   * messages (they crashed the process twice) are left out: only an explicit replay runs them.
   */
  async inboxIdsWithOpen(limit = 10_000): Promise<string[]> {
    const rows = await this.db
      .selectFrom('dead_letter')
      .select('inbox_id')
      .distinct()
      .where('status', '=', 'open')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('inbox')
              .select('inbox.id')
              .whereRef('inbox.id', '=', 'dead_letter.inbox_id')
              .where('inbox.status', '=', 'set_aside'),
          ),
        ),
      )
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
