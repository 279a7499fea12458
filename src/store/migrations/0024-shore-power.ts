/**
 * Shore power sessions (issue 15; docs/emissions.md "Shore power sessions"): `shore_power_connection` holds the
 * newest statement of each session a terminal sent (`csv-shore-power`, event `SHPC`), keyed by sender × terminal ×
 * vessel × connection instant, with the statement's visibility and owners so the per-call emissions use only the
 * sessions a call's audience may see. `vessel_call_emissions` gains where its shore power kWh came from, the
 * sessions it used and the SMDG code of the call's terminal.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table shore_power_connection (
    source_org text not null,
    terminal text not null,
    vessel_key text not null,
    connected_at timestamptz not null,
    berth text not null,
    imo text,
    mmsi text,
    disconnected_at timestamptz,
    energy_kwh double precision,
    as_of timestamptz not null,
    last_event_seq bigint not null,
    visibility text not null,
    owner_orgs text[] not null,
    primary key (source_org, terminal, vessel_key, connected_at)
  )`,
  `create index shore_power_connection_mmsi on shore_power_connection (mmsi) where mmsi is not null`,
  `create index shore_power_connection_imo on shore_power_connection (imo) where imo is not null`,
  `alter table vessel_call_emissions
    add column shore_power_kwh_source text not null default 'none'
      check (shore_power_kwh_source in ('feed', 'estimated', 'none')),
    add column shore_power_sessions jsonb not null default '[]',
    add column terminal_smdg_code text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists shore_power_connection').execute(db);
  await sql
    .raw(
      `alter table vessel_call_emissions drop column if exists shore_power_kwh_source,
        drop column if exists shore_power_sessions, drop column if exists terminal_smdg_code`,
    )
    .execute(db);
}
