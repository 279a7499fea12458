/**
 * Projections record the version of their code with their checkpoint, so a changed projection is rebuilt
 * from zero at start-up. The vessel schedule read model gains the actual time of berthing.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table projection_checkpoint add column version integer not null default 1`.execute(db);
  await sql`alter table vessel_schedule add column atb timestamptz`.execute(db);
  await sql`create index vessel_schedule_port_eta on vessel_schedule (un_location_code, eta)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index vessel_schedule_port_eta`.execute(db);
  await sql`alter table vessel_schedule drop column atb`.execute(db);
  await sql`alter table projection_checkpoint drop column version`.execute(db);
}
