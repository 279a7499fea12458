/**
 * Time zones and visibility per sender and format (DESIGN §7 "Times"): `organisation_format_setting` holds an
 * organisation's defaults for one ingest format (zone for zone-less date-times, visibility of what it sends),
 * used when an ingest request gives none. `inbox.time_zone_source` records where a message's zone came from
 * (`request`, `organisation`, `default`), so a replay reads zone-less times exactly as the first run did: a zone
 * the sender stated wins over a place's zone, the installation default does not. Rows from before this
 * migration were read with the default's precedence, so they keep `default`.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `alter table inbox add column time_zone_source text not null default 'default'
    check (time_zone_source in ('request','organisation','default'))`,
  `create table organisation_format_setting (
    org_id text not null references organisation(id),
    format text not null,
    time_zone text,
    visibility text check (visibility in ('private','community','public')),
    updated_at timestamptz not null default now(),
    updated_by text,
    primary key (org_id, format)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table organisation_format_setting').execute(db);
  await sql.raw('alter table inbox drop column time_zone_source').execute(db);
}
