/**
 * A message with hundreds of thousands of bad rows keeps only its first rejections as dead letters, plus one
 * summary (src/ingest/rejection-tally.ts); the exact count of every rejection code is kept on the inbox row,
 * so the outcome of a message (`GET /inbox/{id}`, a re-sent duplicate) still says how many failed and why.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inbox add column rejected_by_code jsonb not null default '{}'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inbox drop column rejected_by_code`.execute(db);
}
