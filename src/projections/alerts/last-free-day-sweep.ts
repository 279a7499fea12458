/**
 * The daily "last free day tomorrow" sweep (issue 13; docs/alerts.md). The alert projection judges a box when a
 * message changes it; a last free day that simply comes closer changes nothing, so without this sweep a box whose
 * LFD was stated days ago would never be announced the day before. Each sweep finds the boxes watched by an active
 * `last-free-day-tomorrow` rule that are still in the yard (not gated out) and whose last free day is tomorrow in
 * their terminal's zone — from `alertHour` local time on (`lastFreeDayDue`) — and inserts the alert with the same
 * change key the projection uses (`lfd-tomorrow|<date>`), so each rule gets it at most once per box and last free
 * day, whichever of the two saw it first and however often the sweep runs. A rule's organisation must be among the
 * box's owners (or see all), as for the projection. `startLastFreeDaySweeper` runs it in `serve`.
 */
import { sql, type Kysely } from 'kysely';
import { organisationReadScope } from '../../access/access-scope.js';
import { seesRow } from '../../access/visibility-filter.js';
import { storedRule } from '../../domain/alerts/alert-rule.js';
import { evaluateAlert, nextDay } from '../../domain/alerts/evaluate-alert.js';
import { lastFreeDayDue, localDateAndHour } from '../../domain/alerts/last-free-day-due.js';
import type { DB } from '../../store/schema.js';
import { terminalTimeZone } from '../terminal-kpis/terminal-time-zone.js';
import {
  CONTAINER_WATCH_COLUMNS,
  CONTAINER_WATCH_KEY,
  containerWatchFact,
  containerWatchState,
} from './container-watch.js';
import { raisedAlert, type RaisedAlert } from './raised-alert.js';

/** Inserts the last-free-day alerts due at `atMs`; resolves with how many were new. */
export async function sweepLastFreeDays(db: Kysely<DB>, atMs: number, alertHour: number): Promise<number> {
  // Tomorrow in any zone lies within a day of tomorrow in UTC: the window keeps the scan to the boxes that can be due.
  const utcToday = localDateAndHour(atMs, 'UTC').date;
  const lowest = utcToday;
  const highest = nextDay(nextDay(utcToday));
  const rows = await db
    .selectFrom('alert_rule as r')
    .innerJoin('organisation as o', 'o.id', 'r.org_id')
    .innerJoin('container_status as cs', (join) => join.on(CONTAINER_WATCH_KEY, '=', sql.ref('r.watch_key')))
    .leftJoin('event as e', 'e.seq', 'cs.last_event_seq')
    .select(['r.id', 'r.org_id', 'o.role', 'r.kind', 'r.parameters', 'r.callback_url', ...CONTAINER_WATCH_COLUMNS])
    .where('r.active', '=', true)
    .where('r.kind', '=', 'last-free-day-tomorrow')
    .where('cs.gated_out_at', 'is', null)
    .where('cs.last_free_day', '>=', lowest)
    .where('cs.last_free_day', '<=', highest)
    .execute();
  const alerts: RaisedAlert[] = [];
  for (const row of rows) {
    const due = lastFreeDayDue(atMs, row.terminal_code ? terminalTimeZone(row.terminal_code) : 'UTC', alertHour);
    if (due === null || row.last_free_day !== due) continue;
    const owner = organisationReadScope(row.org_id, row.role);
    if (!owner || !seesRow(owner, { visibility: 'private', ownerOrgs: row.owner_orgs })) continue;
    const rule = storedRule(row.kind, row.parameters);
    if (rule === null) continue;
    const after = containerWatchState(row);
    const fact = containerWatchFact(row, atMs);
    // The day before `due` is "today" for the evaluation: the same judgement and key as the projection's.
    const today = new Date(Date.parse(`${due}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const change = {
      kind: 'container' as const,
      equipmentReference: row.equipment_reference,
      before: after,
      after,
      fact,
    };
    for (const draft of evaluateAlert(rule, change, { today })) alerts.push(raisedAlert(row, draft));
  }
  let inserted = 0;
  for (let i = 0; i < alerts.length; i += 500) {
    const done = await db
      .insertInto('alert')
      .values(alerts.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['rule_id', 'change_key']).doNothing())
      .returning('id')
      .execute();
    inserted += done.length;
  }
  return inserted;
}

export interface LastFreeDaySweeper {
  stop(): Promise<void>;
}

/**
 * Runs the sweep every `periodMs` (and once at start) with the clock `now`; a failed sweep is reported and the
 * next one tries again. `onAlerts` hears how many alerts a sweep raised (to wake the delivery and the stream).
 */
export function startLastFreeDaySweeper(
  db: Kysely<DB>,
  options: {
    readonly periodMs: number;
    readonly alertHour: number;
    readonly now?: () => number;
    readonly onAlerts?: (count: number) => void;
    readonly onError: (error: unknown) => void;
  },
): LastFreeDaySweeper {
  const now = options.now ?? Date.now;
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweep = () => {
    if (running || stopped) return;
    running = sweepLastFreeDays(db, now(), options.alertHour)
      .then(
        (count) => {
          if (count > 0) options.onAlerts?.(count);
        },
        (error: unknown) => options.onError(error),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(sweep, options.periodMs);
  timer.unref();
  sweep();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
