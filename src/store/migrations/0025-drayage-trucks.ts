/**
 * The port drayage truck registry (docs/drayage.md): the newest statement per sender × truck id of format
 * `csv-drayage-trucks` (event `DTRK`), written by the `drayage-trucks` projection. `truck_id` is what gate
 * transactions name as the truck plate (upper case, no spaces), so truck visits join on it for the ZE share and the
 * Clean Truck Fund. Each row keeps the statement's time and source and the event's ownership columns, so readers
 * apply the one visibility rule: a trucking company sees its own trucks, the port authority all.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table drayage_truck (
    truck_id text not null,
    operator_scac text not null,
    engine_model_year integer not null,
    fuel text not null check (fuel in ('diesel','natural_gas','battery_electric','fuel_cell')),
    zero_emission boolean not null,
    low_nox boolean not null,
    registered_at timestamptz not null,
    stated_at timestamptz not null,
    source_org text not null,
    inbox_id bigint,
    event_id uuid not null,
    last_event_seq bigint not null,
    owner_orgs text[] not null,
    visibility text not null check (visibility in ('private','community','public')),
    primary key (source_org, truck_id)
  )`,
  `create index drayage_truck_id on drayage_truck (truck_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists drayage_truck').execute(db);
}
