/**
 * Shore-power capability per call (issue 15; docs/emissions.md "Shore power capability"): `vessel_call_emissions`
 * says whether the ship was stated fitted for shore power (`shore_power_capable`, from the particulars statement
 * used), whether its berth offers it (`berth_shore_power`), and whether the call is a missed connection (capable
 * ship, equipped berth, left without connecting) with the hotelling auxiliary energy and ship CO2 it could have
 * avoided. Filled by the `call-emissions` projection (version 5 rebuilds it).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `alter table vessel_call_emissions
        add column shore_power_capable boolean,
        add column berth_shore_power boolean,
        add column missed_shore_power boolean not null default false,
        add column missed_shore_power_kwh double precision not null default 0,
        add column missed_avoidable_co2_g double precision not null default 0`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `alter table vessel_call_emissions drop column if exists shore_power_capable,
        drop column if exists berth_shore_power, drop column if exists missed_shore_power,
        drop column if exists missed_shore_power_kwh, drop column if exists missed_avoidable_co2_g`,
    )
    .execute(db);
}
