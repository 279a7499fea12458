/**
 * Events a projection could not apply (DESIGN §7 "projections never stop the server"): the runner records
 * them here, with the reason, and goes on past them; `openpcs projections quarantine` lists them and
 * `openpcs projections retry` applies them again after a fix. One row per projection and event; `attempts`
 * counts the failed applies, `state` is `open` until an apply succeeds (`resolved`).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table projection_quarantine (
    projection text not null,
    event_seq bigint not null,
    event_id uuid not null,
    error_code text,
    error_message text not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    attempts integer not null,
    state text not null check (state in ('open', 'resolved')),
    resolved_at timestamptz,
    primary key (projection, event_seq)
  )`.execute(db);
  await sql`create index projection_quarantine_open on projection_quarantine (projection, event_seq) where state = 'open'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table projection_quarantine`.execute(db);
}
