/**
 * Terminal feed read models for truckers (docs/truckers.md; projections/terminal-feeds/): the newest statement per
 * key of each feed — appointment slots (terminal × transaction type × slot start), empty-return receivables
 * (location × SCAC × ISO size/type) and notices (sender × notice id). Each row keeps the time of the statement
 * (`stated_at`: the `asOf` of answers) and where it came from (organisation, inbox message, event), and the
 * ownership columns of the event it holds, so readers apply the one visibility rule.
 */
import { sql, type Kysely } from 'kysely';

const PROVENANCE = `stated_at timestamptz not null,
    source_org text not null,
    inbox_id bigint,
    event_id uuid not null,
    last_event_seq bigint not null,
    owner_orgs text[] not null,
    visibility text not null check (visibility in ('private','community','public'))`;

const STATEMENTS: readonly string[] = [
  `create table appointment_slot (
    terminal_code text not null,
    transaction_type text not null check (transaction_type in ('IMPORT_PICKUP','EXPORT_DROPOFF','EMPTY_RETURN','DUAL')),
    slot_start timestamptz not null,
    slot_end timestamptz not null,
    un_location_code text,
    capacity integer not null check (capacity >= 0),
    booked integer not null check (booked >= 0),
    ${PROVENANCE},
    primary key (terminal_code, transaction_type, slot_start)
  )`,
  `create index appointment_slot_time on appointment_slot (slot_start)`,
  `create table empty_receivable (
    location_code text not null,
    carrier_scac text not null,
    iso_type text not null,
    location_type text not null check (location_type in ('TERMINAL','DEPOT')),
    un_location_code text,
    location_name text,
    accepting boolean not null,
    remaining_capacity integer check (remaining_capacity >= 0),
    ${PROVENANCE},
    primary key (location_code, carrier_scac, iso_type)
  )`,
  `create index empty_receivable_carrier on empty_receivable (carrier_scac, iso_type)`,
  `create table terminal_notice (
    notice_id text not null,
    notice_type text not null,
    status text not null check (status in ('ACTIVE','CANCELLED')),
    terminal_code text,
    un_location_code text,
    carrier_scac text,
    iso_type text,
    valid_from timestamptz not null,
    valid_to timestamptz,
    text text not null,
    ${PROVENANCE},
    primary key (source_org, notice_id)
  )`,
  `create index terminal_notice_window on terminal_notice (valid_from)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['terminal_notice', 'empty_receivable', 'appointment_slot']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
