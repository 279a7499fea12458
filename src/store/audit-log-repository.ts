/**
 * Append-only audit log: reads of restricted data and every administrative action.
 *
 * Administrative actions are written before the action answers (`record`). Reads are many — one per API
 * page of restricted data — so `recordRead` queues them and writes each batch in one multi-row insert
 * (every `flushIntervalMs`, or at `maxPending` entries): a read then costs no extra round trip and no
 * extra commit. `list` and `close` flush first, so the log shows every read this process answered; a
 * crash can lose the reads of the last flush interval (default 200 ms), never an administrative action.
 */
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

export interface AuditLogOptions {
  readonly flushIntervalMs?: number;
  readonly maxPending?: number;
  /** Called when a batch of reads could not be written (kept, and retried on a timer or at the next flush). */
  readonly onError?: (error: unknown) => void;
}

function toRow(entry: NewAuditEntry, at: Date) {
  return {
    at,
    org_id: entry.orgId,
    api_key_id: entry.apiKeyId,
    action: entry.action,
    resource: entry.resource,
    detail: JSON.stringify(entry.detail ?? {}),
  };
}

export class AuditLogRepository {
  readonly #flushIntervalMs: number;
  readonly #maxPending: number;
  readonly #onError: (error: unknown) => void;
  #pending: ReturnType<typeof toRow>[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly db: Kysely<DB>,
    options: AuditLogOptions = {},
  ) {
    this.#flushIntervalMs = options.flushIntervalMs ?? 200;
    this.#maxPending = options.maxPending ?? 500;
    this.#onError = options.onError ?? (() => {});
  }

  /** Writes an entry now (administrative actions). */
  async record(entry: NewAuditEntry): Promise<void> {
    await this.db.insertInto('audit_log').values(toRow(entry, new Date())).execute();
  }

  /** Queues a read of restricted data; written with the next batch. */
  recordRead(entry: NewAuditEntry): void {
    this.#pending.push(toRow(entry, new Date()));
    if (this.#pending.length >= this.#maxPending) void this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), this.#flushIntervalMs);
      this.#timer.unref();
    }
  }

  /** Writes every queued read (batches are written one after another, in order). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    this.#pending = [];
    this.#flushing = this.#flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.db.insertInto('audit_log').values(batch).execute();
      } catch (error) {
        this.#pending = [...batch, ...this.#pending];
        this.#onError(error);
        // Kept and tried again on its own: an idle server must not hold reads in memory until the next one.
        if (!this.#closed && !this.#timer) {
          this.#timer = setTimeout(() => void this.flush(), Math.min(this.#flushIntervalMs * 10, 5_000));
          this.#timer.unref();
        }
      }
    });
    return this.#flushing;
  }

  /** Flushes queued reads; call before the store closes. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    if (this.#pending.length > 0) await this.flush();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async list(
    query: { orgId?: string | undefined; action?: string | undefined; limit?: number | undefined } = {},
  ): Promise<AuditEntry[]> {
    await this.flush();
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
