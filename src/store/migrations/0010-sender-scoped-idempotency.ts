/**
 * Idempotency is scoped by sender (DESIGN §2): an event is a duplicate only of an event the same
 * organisation already sent with the same key, never of another organisation's. A global key let one
 * member pre-empt another's facts (sending the victim's DCSA eventID first) and probe another's data
 * (re-sending a private file answered "n duplicates"). The unique index is now on
 * (source_org, idempotency_key); the append's anti-join and ON CONFLICT use the same pair.
 *
 * Two organisations may now both hold a record of the same real-world fact (the same AIS position),
 * so the vessel read models key their rows by audience as well (`projections/vessels/audience.ts`:
 * visibility and owners): each audience keeps its own row, readers show one per vessel. The projections'
 * versions change with this migration, so they are rebuilt from the events at the next start (the new
 * column's placeholder default never reaches a reader).
 */
import { sql, type Kysely } from 'kysely';

/** Tables and their primary key with the audience. */
const AUDIENCE_KEYED: readonly (readonly [string, string, string])[] = [
  ['vessel', 'mmsi, audience', 'mmsi'],
  ['vessel_position', 'mmsi, audience', 'mmsi'],
  ['vessel_track', 'mmsi, minute, audience', 'mmsi, minute'],
  ['vessel_call_detector_state', 'mmsi, audience', 'mmsi'],
  ['vessel_call', 'call_id, audience', 'call_id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table event drop constraint event_idempotency_key_key`.execute(db);
  await sql`create unique index event_source_key on event (source_org, idempotency_key)`.execute(db);
  for (const [table, key] of AUDIENCE_KEYED) {
    await sql`alter table ${sql.table(table)} add column audience text not null default ''`.execute(db);
    await sql`alter table ${sql.table(table)} alter column audience drop default`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add primary key (${sql.raw(key)})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, , key] of AUDIENCE_KEYED) {
    // Several audiences of one vessel cannot share the old key: the read models are rebuilt anyway.
    await sql`delete from ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} drop column audience`.execute(db);
    await sql`alter table ${sql.table(table)} add primary key (${sql.raw(key)})`.execute(db);
  }
  await sql`drop index event_source_key`.execute(db);
  await sql`alter table event add constraint event_idempotency_key_key unique (idempotency_key)`.execute(db);
}
