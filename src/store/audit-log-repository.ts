/** Append-only audit log: reads of restricted data and every administrative action. */
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, DB } from './schema.js';

export type AuditEntry = Selectable<AuditLogTable>;

export interface NewAuditEntry {
  readonly orgId: string | null;
  readonly apiKeyId: string | null;
  readonly action: string;
  readonly resource: string;
  readonly detail?: Record<string, unknown> | undefined;
}

export class AuditLogRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async record(entry: NewAuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        org_id: entry.orgId,
        api_key_id: entry.apiKeyId,
        action: entry.action,
        resource: entry.resource,
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute();
  }

  async list(
    query: { orgId?: string | undefined; action?: string | undefined; limit?: number | undefined } = {},
  ): Promise<AuditEntry[]> {
    let q = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100);
    if (query.orgId) q = q.where('org_id', '=', query.orgId);
    if (query.action) q = q.where('action', '=', query.action);
    return q.execute();
  }
}
