/**
 * Vessel read models (AIS): registry (MMSI ↔ IMO history, static data), latest position, a track of at
 * most one point per vessel per minute, the vessel-call detector's per-vessel state and the vessel calls.
 * Rows carry the ownership columns of the events they come from (DESIGN §5), so the API filters them
 * like events. Plus a small partial index to read one vessel's detected ARRI/DEPA events.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table vessel (
    mmsi text primary key,
    imo text,
    name text,
    call_sign text,
    ship_type integer,
    length_m double precision,
    beam_m double precision,
    draught_m double precision,
    destination text,
    static_at timestamptz not null,
    last_event_seq bigint not null,
    visibility text not null,
    owner_orgs text[] not null
  )`,
  `create index vessel_imo on vessel (imo) where imo is not null`,
  `create table vessel_identity (
    imo text not null,
    mmsi text not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    primary key (imo, mmsi)
  )`,
  `create index vessel_identity_mmsi on vessel_identity (mmsi)`,
  `create table vessel_position (
    mmsi text primary key,
    observed_at timestamptz not null,
    lat double precision not null,
    lon double precision not null,
    sog_kn double precision,
    cog_deg double precision,
    heading_deg double precision,
    nav_status integer,
    event_seq bigint not null,
    visibility text not null,
    owner_orgs text[] not null
  )`,
  `create table vessel_track (
    mmsi text not null,
    minute timestamptz not null,
    observed_at timestamptz not null,
    lat double precision not null,
    lon double precision not null,
    sog_kn double precision,
    cog_deg double precision,
    heading_deg double precision,
    nav_status integer,
    visibility text not null,
    owner_orgs text[] not null,
    primary key (mmsi, minute)
  )`,
  `create index vessel_track_minute on vessel_track (minute)`,
  `create table vessel_call_detector_state (
    mmsi text primary key,
    state jsonb not null
  )`,
  `create table vessel_call (
    call_id text primary key,
    mmsi text not null,
    imo text,
    vessel_name text,
    port text,
    status text not null,
    ata timestamptz,
    ata_anchorage timestamptz,
    anchorage text,
    time_at_anchor_min integer,
    berth text,
    atb timestamptz,
    atd timestamptz,
    atd_port timestamptz,
    draught_in_m double precision,
    draught_out_m double precision,
    visibility text not null,
    owner_orgs text[] not null
  )`,
  `create index vessel_call_mmsi on vessel_call (mmsi)`,
  `create index vessel_call_berth on vessel_call (berth, atb)`,
  `create index event_vessel_call_mmsi on event (vessel_mmsi, seq) where source = 'vessel-call-detector'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index event_vessel_call_mmsi`.execute(db);
  for (const table of [
    'vessel_call',
    'vessel_call_detector_state',
    'vessel_track',
    'vessel_position',
    'vessel_identity',
    'vessel',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
