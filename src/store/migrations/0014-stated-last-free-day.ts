/**
 * A terminal-stated last free day (format `csv-availability`) wins over the computed one: `container_status`
 * keeps the computed day beside the effective `last_free_day` (`computed_last_free_day`), and where the
 * effective one comes from (`last_free_day_source`: `{ kind: 'terminal', terminal, statedAt, statedBy,
 * inboxId, line, available, holds }` or `{ kind: 'rule', rule }`). The container-status projection's version
 * goes up with it, so existing rows are rebuilt.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `alter table container_status add column computed_last_free_day text`,
  `alter table container_status add column last_free_day_source jsonb`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table container_status drop column last_free_day_source').execute(db);
  await sql.raw('alter table container_status drop column computed_last_free_day').execute(db);
}
