/**
 * Community API (DCSA Track & Trace 2.2): indexes for the `GET /v2/events` filters, and the event
 * subscriptions with their delivery cursor and delivery log (the outbox: what each subscriber has been
 * sent is a position in the event store, so nothing is lost across restarts).
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create index event_voyage on event (carrier_voyage_number, seq) where carrier_voyage_number is not null`,
  `create index event_un_location on event (un_location_code, seq) where un_location_code is not null`,
  `create index event_created on event (event_created_date_time)`,
  `create index event_import_voyage on event ((payload #>> '{transportCall,importVoyageNumber}'), seq)
    where payload #>> '{transportCall,importVoyageNumber}' is not null`,
  `create table event_subscription (
    id uuid primary key default gen_random_uuid(),
    org_id text not null references organisation(id),
    callback_url text not null,
    secret bytea not null,
    filter jsonb not null,
    position bigint not null,
    failed_attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    lease_owner text,
    lease_until timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz
  )`,
  `create index event_subscription_org on event_subscription (org_id, created_at) where deleted_at is null`,
  `create index event_subscription_due on event_subscription (next_attempt_at) where deleted_at is null`,
  `create table event_subscription_delivery (
    id bigint generated always as identity primary key,
    subscription_id uuid not null references event_subscription(id),
    attempt integer not null,
    first_seq bigint not null,
    last_seq bigint not null,
    event_count integer not null,
    delivered boolean not null,
    status_code integer,
    error text,
    duration_ms integer not null,
    at timestamptz not null default now()
  )`,
  `create index event_subscription_delivery_sub on event_subscription_delivery (subscription_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table event_subscription_delivery',
    'drop table event_subscription',
    'drop index event_import_voyage',
    'drop index event_created',
    'drop index event_un_location',
    'drop index event_voyage',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
