/**
 * Crash-safe processing (DESIGN §2 "Nothing is lost", and nothing blocks the rest either):
 * - `attempts` counts processing attempts of an inbox message; it is incremented and committed before the
 *   parser runs, so a message that kills the process leaves a trace that survives the crash;
 * - `set_aside`: a message still `received` after two attempts crashed the process twice; start-up recovery
 *   sets it aside instead of retrying it forever, and only an explicit `openpcs replay --inbox <id>` runs it;
 * - `failure_reason`: why a message was marked `failed` or `set_aside` outside its processing transaction.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inbox add column attempts integer not null default 0`.execute(db);
  await sql`alter table inbox add column failure_reason text`.execute(db);
  await sql`alter table inbox drop constraint inbox_status_check`.execute(db);
  await sql`alter table inbox add constraint inbox_status_check
    check (status in ('received','processed','partial','failed','set_aside'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update inbox set status = 'failed' where status = 'set_aside'`.execute(db);
  await sql`alter table inbox drop constraint inbox_status_check`.execute(db);
  await sql`alter table inbox add constraint inbox_status_check
    check (status in ('received','processed','partial','failed'))`.execute(db);
  await sql`alter table inbox drop column failure_reason`.execute(db);
  await sql`alter table inbox drop column attempts`.execute(db);
}
