/**
 * The first schema. Ownership (source_org, owner_orgs, visibility) is on every raw message and every
 * event from the start, so access control is a filter over columns (DESIGN §2, §5).
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table organisation (
    id text primary key check (id ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    name text not null,
    role text not null check (role in ('port_authority','terminal','carrier','bco','forwarder','customs_broker','trucker','railroad','sister_port','public','system')),
    created_at timestamptz not null default now()
  )`,
  `insert into organisation (id, name, role) values ('local', 'Local operator (CLI and unauthenticated local ingest)', 'system')`,
  `create table api_key (
    id text primary key,
    org_id text not null references organisation(id),
    key_hash text not null unique,
    scopes text[] not null,
    label text,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    last_used_at timestamptz
  )`,
  `create table inbox (
    id bigint generated always as identity primary key,
    format text not null,
    channel text not null,
    received_at timestamptz not null default now(),
    content_hash text not null,
    content_type text,
    body bytea not null,
    size_bytes integer not null,
    status text not null default 'received' check (status in ('received','processed','partial','failed')),
    processed_at timestamptz,
    events_appended integer not null default 0,
    events_duplicate integer not null default 0,
    rejected integer not null default 0,
    source_org text not null references organisation(id),
    owner_orgs text[] not null,
    visibility text not null check (visibility in ('private','community','public')),
    time_zone text not null default 'UTC',
    metadata jsonb not null default '{}'::jsonb,
    unique (source_org, format, content_hash)
  )`,
  `create index inbox_pending on inbox (id) where status = 'received'`,
  `create table dead_letter (
    id bigint generated always as identity primary key,
    inbox_id bigint not null references inbox(id),
    format text not null,
    error_code text not null,
    message text not null,
    line integer,
    pointer text,
    parser_version text not null,
    attempts integer not null default 1,
    status text not null default 'open' check (status in ('open','replayed')),
    created_at timestamptz not null default now(),
    resolved_at timestamptz
  )`,
  `create index dead_letter_open on dead_letter (inbox_id) where status = 'open'`,
  `create table event (
    seq bigint generated always as identity primary key,
    event_id uuid not null default gen_random_uuid(),
    idempotency_key text not null unique,
    event_type text not null,
    event_type_code text not null,
    event_classifier_code text not null check (event_classifier_code in ('PLN','EST','REQ','ACT')),
    event_date_time timestamptz not null,
    event_created_date_time timestamptz not null,
    un_location_code text,
    facility_code text,
    facility_type_code text,
    location jsonb,
    equipment_reference text,
    transport_document_reference text,
    carrier_booking_reference text,
    vessel_imo_number text,
    vessel_mmsi text,
    carrier_voyage_number text,
    carrier_code text,
    payload jsonb not null,
    source text not null,
    inbox_id bigint references inbox(id),
    source_org text not null,
    owner_orgs text[] not null,
    visibility text not null,
    recorded_at timestamptz not null default now()
  )`,
  `create index event_equipment on event (equipment_reference, seq) where equipment_reference is not null`,
  `create index event_vessel_imo on event (vessel_imo_number, seq) where vessel_imo_number is not null`,
  `create index event_transport_document on event (transport_document_reference, seq) where transport_document_reference is not null`,
  `create index event_booking on event (carrier_booking_reference, seq) where carrier_booking_reference is not null`,
  `create table projection_checkpoint (
    name text primary key,
    position bigint not null,
    updated_at timestamptz not null default now()
  )`,
  `create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    org_id text,
    api_key_id text,
    action text not null,
    resource text not null,
    detail jsonb not null default '{}'::jsonb
  )`,
  `create table vessel_schedule (
    call_key text primary key,
    vessel_imo_number text not null,
    vessel_name text,
    carrier_code text,
    carrier_voyage_number text not null,
    un_location_code text not null,
    terminal_code text,
    eta timestamptz,
    etb timestamptz,
    etd timestamptz,
    ata timestamptz,
    atd timestamptz,
    last_event_seq bigint not null,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'vessel_schedule',
    'audit_log',
    'projection_checkpoint',
    'event',
    'dead_letter',
    'inbox',
    'api_key',
    'organisation',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
