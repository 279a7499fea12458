/**
 * Declared CSV layouts (docs/csv-layouts.md): `csv_layout` keeps every version of an organisation's layout for a
 * CSV format (each change is a new version; old ones stay readable); `inbox.csv_layout_version` records the
 * version the last processing of a message applied (null: none), so a dead letter can be traced to the layout
 * it failed under while a replay applies the current one.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table csv_layout (
    org_id text not null references organisation(id),
    format text not null,
    version integer not null check (version >= 1),
    layout jsonb not null,
    created_at timestamptz not null default now(),
    created_by text,
    primary key (org_id, format, version)
  )`,
  `alter table inbox add column csv_layout_version integer`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table inbox drop column csv_layout_version').execute(db);
  await sql.raw('drop table csv_layout').execute(db);
}
