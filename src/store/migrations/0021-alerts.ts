/**
 * Alerts (issue 13; docs/alerts.md): the rules members subscribe to (`alert_rule`, per organisation, indexed by
 * the read-model key they watch so a change finds its rules with one lookup however many there are), the alerts
 * raised (`alert`: `unique (rule_id, change_key)` — at most one alert per rule and change, across restarts and
 * replays — with the webhook delivery state), and the last state the alert projection saw of each watched key
 * (`alert_watch_state`: the "before" of the next change).
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table alert_rule (
    id uuid primary key default gen_random_uuid(),
    org_id text not null references organisation(id),
    kind text not null,
    parameters jsonb not null,
    watch_key text not null,
    callback_url text,
    secret bytea,
    start_seq bigint not null,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    deleted_at timestamptz,
    check ((callback_url is null) = (secret is null))
  )`,
  `create index alert_rule_watch on alert_rule (watch_key) where active`,
  `create index alert_rule_org on alert_rule (org_id, created_at, id) where active`,
  `create table alert (
    id bigint generated always as identity primary key,
    rule_id uuid not null references alert_rule(id),
    org_id text not null references organisation(id),
    change_key text not null,
    reason text not null,
    payload jsonb not null,
    created_at timestamptz not null default now(),
    delivery_state text not null check (delivery_state in ('stream-only','pending','delivered')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    delivered_at timestamptz,
    lease_owner text,
    lease_until timestamptz,
    unique (rule_id, change_key)
  )`,
  `create index alert_org on alert (org_id, id)`,
  `create index alert_pending on alert (next_attempt_at) where delivery_state = 'pending'`,
  `create table alert_watch_state (
    watch_key text primary key,
    state jsonb not null,
    seq bigint not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['alert_watch_state', 'alert', 'alert_rule']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
