/**
 * The ETA a ship broadcasts (AIS type 5, issue 16; domain/reported-eta.ts resolves its year) in the vessel
 * registry read model: `own_eta`, and `own_eta_reported_at`, the time of the static report that stated it.
 * The registry projection's version moves with it, so a rebuild refills both from the stored reports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table vessel add column own_eta timestamptz, add column own_eta_reported_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table vessel drop column if exists own_eta, drop column if exists own_eta_reported_at`.execute(db);
}
