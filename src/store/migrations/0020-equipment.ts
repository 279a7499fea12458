/**
 * Equipment read models (docs/equipment.md; projections/equipment/): the latest status of each cargo-handling
 * unit (`equipment_unit`: type, powertrain, state, state of charge, cumulative hours and energy counters, with
 * the time and source of the status and the ownership columns of its event), the charging sessions
 * (`charging_session`: start and stop merged per terminal × session id) and daily rollups per terminal
 * (`equipment_day`: operating hours and energy per local day, terminal, type and powertrain, from the growth of
 * the counters between two status reports of a unit).
 */
import { sql, type Kysely } from 'kysely';

const PROVENANCE = `source_org text not null,
    inbox_id bigint,
    event_id uuid not null,
    last_event_seq bigint not null,
    owner_orgs text[] not null,
    visibility text not null check (visibility in ('private','community','public'))`;

const STATEMENTS: readonly string[] = [
  `create table equipment_unit (
    equipment_id text primary key,
    terminal_code text not null,
    equipment_type text not null,
    powertrain text not null,
    state text not null,
    soc_pct double precision,
    observed_at timestamptz not null,
    first_observed_at timestamptz not null,
    engine_hours double precision not null,
    electricity_kwh double precision,
    diesel_litres double precision,
    hydrogen_kg double precision,
    ${PROVENANCE}
  )`,
  `create index equipment_unit_terminal on equipment_unit (terminal_code, equipment_id)`,
  `create table charging_session (
    terminal_code text not null,
    session_id text not null,
    equipment_id text not null,
    charger_id text not null,
    started_at timestamptz not null,
    ended_at timestamptz,
    soc_start_pct double precision not null,
    soc_end_pct double precision,
    energy_kwh double precision,
    observed_at timestamptz not null,
    ${PROVENANCE},
    primary key (terminal_code, session_id)
  )`,
  `create index charging_session_unit on charging_session (equipment_id, started_at)`,
  `create table equipment_day (
    terminal_code text not null,
    day text not null check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    time_zone text not null,
    equipment_type text not null,
    powertrain text not null,
    operating_hours double precision not null,
    electricity_kwh double precision not null,
    diesel_litres double precision not null,
    hydrogen_kg double precision not null,
    primary key (terminal_code, day, equipment_type, powertrain)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['equipment_day', 'charging_session', 'equipment_unit']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
