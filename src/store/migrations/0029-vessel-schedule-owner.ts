/**
 * An owner for the carriers' schedule rows (docs/forecast.md "Schedules: who stated them"): `vessel_schedule` kept one
 * row per vessel call (IMO + voyage + port) whatever sent it, so one sender's estimate or actual replaced another's
 * and a reader could not tell who stated it. Each row is now one sender's statement of the call (`source_org`), keyed
 * `(call_key, source_org)`: no sender can overwrite or pre-empt another's row, and readers choose among the rows of a
 * call (api/forecasts/stated-schedule.ts). The rows are emptied here; the `vessel-schedule` projection (version 2)
 * rebuilds them from the event store with their senders.
 */
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `delete from vessel_schedule`,
  `alter table vessel_schedule drop constraint vessel_schedule_pkey`,
  `alter table vessel_schedule add column source_org text not null`,
  `alter table vessel_schedule add primary key (call_key, source_org)`,
  `create index vessel_schedule_imo on vessel_schedule (vessel_imo_number)`,
];

const DOWN: readonly string[] = [
  `delete from vessel_schedule`,
  `drop index if exists vessel_schedule_imo`,
  `alter table vessel_schedule drop constraint vessel_schedule_pkey`,
  `alter table vessel_schedule drop column source_org`,
  `alter table vessel_schedule add primary key (call_key)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
