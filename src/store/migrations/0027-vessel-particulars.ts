/**
 * Vessel particulars feed (issue 15; docs/emissions.md "Vessel particulars feed"): `vessel_particulars` holds the
 * newest statement of each vessel (by IMO number) per sender (`csv-vessel-particulars`, event `VPAR`), with the
 * statement's visibility and owners, so the per-call emissions use only the particulars a call's audience may see.
 * `vessel_call_emissions` may now say its particulars were `stated`, by whom (`particulars_source`), as of when, and
 * which fields were still estimated.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table vessel_particulars (
    source_org text not null,
    imo text not null,
    mmsi text,
    vessel_name text,
    ship_type text,
    teu double precision,
    dwt double precision,
    gt double precision,
    main_engine_kw double precision,
    aux_engine_kw double precision,
    design_speed_kn double precision,
    max_draught_m double precision,
    main_engine text,
    engine_stroke integer,
    fuel text,
    sulphur_pct double precision,
    built_year integer,
    shore_power_capable boolean,
    zero_emission_capable boolean,
    as_of timestamptz not null,
    last_event_seq bigint not null,
    visibility text not null,
    owner_orgs text[] not null,
    primary key (source_org, imo)
  )`,
  `create index vessel_particulars_imo on vessel_particulars (imo)`,
  `alter table vessel_call_emissions drop constraint if exists vessel_call_emissions_particulars_check`,
  `alter table vessel_call_emissions
    add constraint vessel_call_emissions_particulars_check
      check (particulars in ('estimated', 'reported', 'stated', 'none')),
    add column particulars_source text,
    add column particulars_as_of timestamptz,
    add column estimated_fields text[] not null default '{}'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists vessel_particulars').execute(db);
  await sql.raw(`delete from vessel_call_emissions where particulars = 'stated'`).execute(db);
  await sql
    .raw(
      `alter table vessel_call_emissions drop column if exists particulars_source,
        drop column if exists particulars_as_of, drop column if exists estimated_fields,
        drop constraint if exists vessel_call_emissions_particulars_check,
        add constraint vessel_call_emissions_particulars_check
          check (particulars in ('estimated', 'reported', 'none'))`,
    )
    .execute(db);
}
