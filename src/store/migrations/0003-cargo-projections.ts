/**
 * Cargo tracking read models (docs/cargo-tracking.md): per-container facts and their derived status,
 * milestones and rail moves; truck appointments and visits; daily terminal KPIs. All are projections:
 * emptied and rebuilt from the event store by the projection runner.
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table container_fact (
    equipment_reference text not null,
    fact_key text not null,
    seq bigint not null,
    fact jsonb not null,
    primary key (equipment_reference, fact_key)
  )`,
  `create table container_link (
    link_key text not null,
    equipment_reference text not null,
    primary key (link_key, equipment_reference)
  )`,
  `create index container_link_equipment on container_link (equipment_reference)`,
  `create table container_link_fact (
    link_key text not null,
    fact_key text not null,
    seq bigint not null,
    fact jsonb not null,
    primary key (link_key, fact_key)
  )`,
  `create table container_status (
    equipment_reference text primary key,
    iso_equipment_code text,
    size_teu double precision,
    direction text check (direction in ('IMPORT','EXPORT')),
    status text not null,
    holds jsonb not null,
    holds_open text[] not null,
    available boolean not null,
    available_since timestamptz,
    last_free_day text check (last_free_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    demurrage_starts text check (demurrage_starts ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    free_time_source text,
    vessel_imo_number text,
    vessel_name text,
    carrier_voyage_number text,
    un_location_code text,
    terminal_code text,
    load_port text,
    loaded_at timestamptz,
    departed_at timestamptz,
    discharged_at timestamptz,
    empty_picked_up_at timestamptz,
    gated_in_at timestamptz,
    gated_out_at timestamptz,
    out_mode text,
    empty_returned_at timestamptz,
    dwell_hours double precision,
    carrier_codes text[] not null,
    transport_document_references text[] not null,
    carrier_booking_references text[] not null,
    owner_orgs text[] not null,
    last_event_seq bigint not null
  )`,
  `create index container_status_terminal on container_status (terminal_code, status)`,
  `create index container_status_gated_out on container_status (terminal_code, gated_out_at)`,
  `create index container_status_loaded on container_status (terminal_code, loaded_at)`,
  `create table container_milestone (
    equipment_reference text not null,
    ordinal integer not null,
    code text not null,
    at timestamptz not null,
    un_location_code text,
    terminal_code text,
    mode text,
    empty_indicator text,
    vessel_imo_number text,
    carrier_voyage_number text,
    fact_keys text[] not null,
    primary key (equipment_reference, ordinal)
  )`,
  `create index container_milestone_terminal on container_milestone (terminal_code, at)`,
  `create table rail_move (
    equipment_reference text not null,
    code text not null,
    at timestamptz not null,
    un_location_code text,
    terminal_code text,
    location_name text,
    primary key (equipment_reference, code, at)
  )`,
  `create table truck_appointment (
    appointment_key text primary key,
    appointment_id text not null,
    terminal_code text not null,
    un_location_code text,
    status text not null,
    trucking_company text not null,
    truck_plate text,
    slot_start timestamptz not null,
    slot_end timestamptz not null,
    transactions jsonb not null,
    version_rank text not null,
    last_event_seq bigint not null
  )`,
  `create table truck_visit (
    visit_key text primary key,
    visit_id text not null,
    terminal_code text not null,
    un_location_code text,
    trucking_company text,
    truck_plate text,
    appointment_id text,
    appointment_ids text[] not null,
    appointment_status text,
    slot_start timestamptz,
    slot_end timestamptz,
    gate_in_at timestamptz,
    gate_out_at timestamptz,
    turn_time_minutes double precision,
    transactions jsonb not null,
    last_event_seq bigint not null
  )`,
  `create index truck_visit_terminal_out on truck_visit (terminal_code, gate_out_at)`,
  `create index truck_visit_appointment on truck_visit (terminal_code, appointment_id)`,
  `create table terminal_kpi_daily (
    terminal_code text not null,
    day text not null check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    time_zone text not null,
    import_dwell_count integer not null,
    import_dwell_avg_hours double precision,
    import_dwell_p50_hours double precision,
    import_dwell_max_hours double precision,
    export_dwell_count integer not null,
    export_dwell_avg_hours double precision,
    export_dwell_p50_hours double precision,
    export_dwell_max_hours double precision,
    truck_visits integer not null,
    truck_turn_avg_minutes double precision,
    truck_turn_p50_minutes double precision,
    gate_in_moves integer not null,
    gate_out_moves integer not null,
    primary key (terminal_code, day)
  )`,
  `create table terminal_kpi_source (
    entity_key text not null,
    terminal_code text not null,
    day text not null,
    primary key (entity_key, terminal_code, day)
  )`,
];

const TABLES = [
  'terminal_kpi_source',
  'terminal_kpi_daily',
  'truck_visit',
  'truck_appointment',
  'rail_move',
  'container_milestone',
  'container_status',
  'container_link_fact',
  'container_link',
  'container_fact',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql`drop table ${sql.table(table)}`.execute(db);
}
