/**
 * Emissions per vessel call (issue 15; docs/emissions.md "Per-call emissions"): one row per detected call and
 * audience (`vessel_call`'s key), written by the `call-emissions` projection from the call's AIS track and the
 * vessel's particulars. Totals are columns (the list, CSV and summary read them); every quantity per mode is in
 * `modes`. Grid CO2 of shore power is not stored: it is the configured grid factor times `grid_kwh`, at read time.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table vessel_call_emissions (
    call_id text not null,
    audience text not null,
    mmsi text not null,
    imo text,
    vessel_name text,
    port text,
    terminal text,
    call_start timestamptz not null,
    call_end timestamptz,
    call_status text not null,
    status text not null check (status in ('computed', 'no_particulars')),
    reason text,
    particulars text not null check (particulars in ('estimated', 'reported', 'none')),
    ship jsonb,
    assumptions jsonb not null,
    method text not null,
    hours double precision not null,
    positions_used integer not null,
    as_of timestamptz,
    fuel_g double precision not null,
    co2_g double precision not null,
    ch4_g double precision not null,
    n2o_g double precision not null,
    so2_g double precision not null,
    nox_g double precision not null,
    pm10_g double precision not null,
    pm25_g double precision not null,
    shore_power_hours double precision not null,
    shore_power_kwh double precision not null,
    grid_kwh double precision not null,
    avoided_co2_g double precision not null,
    modes jsonb not null,
    visibility text not null,
    owner_orgs text[] not null,
    primary key (call_id, audience)
  )`,
  `create index vessel_call_emissions_start on vessel_call_emissions (call_start, call_id)`,
  `create index vessel_call_emissions_mmsi on vessel_call_emissions (mmsi)`,
  `create index vessel_call_emissions_terminal on vessel_call_emissions (terminal, call_start)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists vessel_call_emissions').execute(db);
}
