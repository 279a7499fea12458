/**
 * The schedule row of each vessel call that the readers use (docs/forecast.md "Schedules: who stated them"):
 * `vessel_schedule` keeps one row per call and sender (migration 0029), so a carrier's statement is never replaced
 * by another organisation's. Of a call's rows, readers take one: a row of a sender that **speaks for** the call
 * first, then the newest (`updated_at`, then event position). As for vessel particulars (docs/emissions.md), a
 * carrier speaks for the vessels it operates: here, the calls whose carrier SCAC (`carrier_scac`) is one the port
 * authority linked to it (`organisation_scac`); a terminal speaks for the calls at a terminal it operates
 * (`organisation_terminal`); the port authority and the local operator (`system`) speak for every call. A row of
 * any other sender is kept, never refused, but never overrides a speaking sender's row: it is used only while no
 * such row exists (a newcomer's feed, a terminal line-up before the carrier's schedule). Decided when read, so a
 * link made or removed later changes the choice at once, without a rebuild.
 *
 * `statedBy` (the sender) and `updated_at` (when its newest event of the call was recorded, the row's as-of) go
 * with the row, so an answer can say who stated the schedule it used and as of when.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

/** What a call is known by (its key is IMO + voyage + port): a reader narrows by these before the choice. */
export interface ScheduleCalls {
  readonly imos?: readonly string[] | undefined;
  readonly ports?: readonly string[] | undefined;
}

/**
 * One row per call (`call_key`): the subquery readers select from in place of the table, aliased `vessel_schedule`
 * with `speaks_for`. Filters on what a row states (terminal, times) go on the outer query, after the choice;
 * `calls` narrows by the call's own identity before it (the same for all rows of a call).
 */
export function statedSchedule(db: Kysely<DB>, calls: ScheduleCalls = {}) {
  // A sender no longer registered (its row outlived it) speaks for nothing: coalesce, never null.
  const speaksFor = sql<boolean>`coalesce(
    o.role in ('port_authority', 'system')
    or (o.role = 'carrier' and exists (
      select 1 from organisation_scac c where c.org_id = s.source_org and c.scac = s.carrier_code))
    or (o.role = 'terminal' and exists (
      select 1 from organisation_terminal t where t.org_id = s.source_org and t.terminal_code = s.terminal_code)),
    false
  )`;
  return db
    .selectFrom('vessel_schedule as s')
    .leftJoin('organisation as o', 'o.id', 's.source_org')
    .$if(calls.imos !== undefined, (qb) => qb.where('s.vessel_imo_number', 'in', calls.imos!))
    .$if(calls.ports !== undefined, (qb) => qb.where('s.un_location_code', 'in', calls.ports!))
    .distinctOn('s.call_key')
    .selectAll('s')
    .select(speaksFor.as('speaks_for'))
    .orderBy('s.call_key')
    .orderBy(sql`${speaksFor} desc`)
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.last_event_seq', 'desc')
    .as('vessel_schedule');
}
