/**
 * What the read models built from statements share (terminal feeds, equipment units and charging sessions): the
 * columns a row takes from the event it came from — its organisation, inbox message and event (the `source` of
 * answers), its position, and the event's ownership columns for the one visibility rule — and upserts in chunks.
 */
import type { StoredEvent } from '../domain/canonical-event.js';

/** The provenance and ownership columns of a row, from the event that states it. */
export function provenance(event: StoredEvent) {
  return {
    source_org: event.sourceOrg,
    inbox_id: event.inboxId,
    event_id: event.eventId,
    last_event_seq: event.seq,
    owner_orgs: [...event.ownerOrgs],
    visibility: event.visibility,
  };
}

/** Rows per upsert statement (PostgreSQL's parameter limit). */
const CHUNK = 500;

/** `rows` in upserts of at most `CHUNK` rows. */
export function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
