/**
 * `GET /v2/events?sort=eventDateTime` (src/api/dcsa/dcsa-sort.ts, EventQuery.sorted) orders the log by
 * `event_date_time` with `seq` as tie-break and reads one page (`limit` + 1 rows). Without an index PostgreSQL
 * reads and sorts every visible event for each page; a B-tree on `(event_date_time, seq)` gives the order as
 * stored, so a page reads its rows and stops (ascending as is, descending scanned backward with the `seq`
 * tie-break sorted within equal times). Event times are spread (they are when things happened, not when they
 * arrived), so inserts do not all meet in one right-most page as they would on `event_created_date_time`
 * (migration 0006).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index event_date_time_sort on event (event_date_time, seq)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index event_date_time_sort`.execute(db);
}
