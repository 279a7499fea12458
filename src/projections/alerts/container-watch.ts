/**
 * A watched box as the alert projection and the last-free-day sweep read it: `container_status as cs` joined to
 * the rules by their watch key (`container|<equipment reference>`, `domain/alerts/alert-rule.ts#containerKey`)
 * and to the newest event behind it (`event as e`), the columns both select, and the state and fact an
 * evaluation takes from them.
 */
import { sql } from 'kysely';
import type { ContainerWatchState, FactSource } from '../../domain/alerts/watched-state.js';

/** `container_status as cs`'s watch key in SQL; equals `containerKey(cs.equipment_reference)`. */
export const CONTAINER_WATCH_KEY = sql`'container|' || cs.equipment_reference`;

/** The columns of `container_status as cs` and `event as e` (left-joined on `cs.last_event_seq`) a watch needs. */
export const CONTAINER_WATCH_COLUMNS = [
  'cs.equipment_reference',
  'cs.available',
  'cs.holds_open',
  'cs.last_free_day',
  'cs.terminal_code',
  'cs.owner_orgs',
  'cs.last_event_seq',
  'e.event_date_time',
  'e.source_org',
  'e.event_id',
] as const;

/** A row with `CONTAINER_WATCH_COLUMNS`. */
export interface ContainerWatchRow {
  readonly available: boolean;
  readonly holds_open: readonly string[];
  readonly last_free_day: string | null;
  readonly last_event_seq: string | number | bigint;
  readonly event_date_time: Date | string | null;
  readonly source_org: string | null;
  readonly event_id: string | null;
}

/** The box's pick-up state (holds sorted, so an order change is no change). */
export function containerWatchState(row: ContainerWatchRow): ContainerWatchState {
  return { available: row.available, holdsOpen: [...row.holds_open].sort(), lastFreeDay: row.last_free_day };
}

/** The fact behind the box's state: its newest event, or `nowMs` when that event is gone. */
export function containerWatchFact(row: ContainerWatchRow, nowMs: number): FactSource {
  return {
    asOf: row.event_date_time ? new Date(row.event_date_time).toISOString() : new Date(nowMs).toISOString(),
    sourceOrg: row.source_org ?? null,
    eventId: row.event_id ?? null,
    seq: String(row.last_event_seq),
  };
}
