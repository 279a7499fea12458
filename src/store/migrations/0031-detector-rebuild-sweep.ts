/**
 * A rebuild of the vessel-call detector no longer hides its events while it runs (docs/ais-feeds.md "Rebuilds"):
 * `vessel_call_detector_derived` lists the detected events (sender and key) the detector derived since its last
 * rebuild began, and `projection_checkpoint.rebuilding` says that a rebuild has not reached the head yet. When it
 * does, the detector narrows to `private` only the events it did not derive again (`Projection.settle`), in the
 * transaction of its last page; a rebuild interrupted midway is finished by the next catch-up.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create table vessel_call_detector_derived (
        source_org text not null,
        idempotency_key text not null,
        primary key (source_org, idempotency_key)
      )`,
    )
    .execute(db);
  await sql.raw(`alter table projection_checkpoint add column rebuilding boolean not null default false`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table projection_checkpoint drop column if exists rebuilding`).execute(db);
  await sql.raw(`drop table if exists vessel_call_detector_derived`).execute(db);
}
