/**
 * A sender changes who may see what it sent (`PATCH /events/{eventId}`, `PATCH /inbox/{id}`): the one
 * exception to append-only event rows (docs/architecture.md). Only the `visibility` column changes — the
 * fact itself (payload, times, owners, key) never does — and only for an organisation among the event's
 * owners (the sender is always one). Readers that join `event` (event lists, DCSA API, stream,
 * subscriptions, containers, truck visits) see the change at once; read models that copy visibility into their
 * rows are rebuilt by the caller, chosen by the changed events' codes (`projections/projections-fed-by.ts`).
 * A derived event (the vessel-call detector's) is refused: its visibility follows the events it was derived from
 * (`access/derived-visibility.ts`), and a rebuild would set it again from them.
 */
import { sql, type Kysely } from 'kysely';
import { DERIVED_EVENT_SOURCES } from '../access/derived-visibility.js';
import type { Visibility } from '../domain/canonical-event.js';
import type { DB } from './schema.js';

export type VisibilityTarget = { readonly eventId: string } | { readonly inboxId: string };

export interface VisibilityChange {
  /** Events whose visibility this call changed (0 when they already had it). */
  readonly changed: number;
  /** Events the target holds (the message's stored events, or 1). */
  readonly events: number;
  /** Visibility before the change (of the message, or of the event). */
  readonly previous: Visibility;
  /** The event type codes of the events whose visibility changed (each once): the read models fed by them follow. */
  readonly codes: readonly string[];
}

/** An owner asked to change a derived event: nothing changed (the caller answers `PCS_EVENT_DERIVED`). */
export interface DerivedEventRefused {
  readonly refused: 'derived';
  readonly source: string;
}

/**
 * Changes the visibility of one event or of every event of one inbox message, in one transaction.
 * Undefined when the target does not exist or `orgId` is not among its owners: the caller answers both
 * alike (404), so the answer never tells another organisation that the event exists. A derived event (only an
 * owner learns that) is refused. A message holds no derived event (they have no inbox message).
 */
export async function changeVisibility(
  db: Kysely<DB>,
  target: VisibilityTarget,
  orgId: string,
  visibility: Visibility,
): Promise<VisibilityChange | DerivedEventRefused | undefined> {
  return db.transaction().execute(async (trx) => {
    let previous: Visibility;
    let events: number;
    let changed: { event_type_code: string }[];
    if ('eventId' in target) {
      // Locks the row, so two changes of one event take turns.
      const row = await trx
        .selectFrom('event')
        .select(['seq', 'visibility', 'source'])
        .where('event_id', '=', target.eventId)
        .where(sql<boolean>`${orgId} = any(owner_orgs)`)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return undefined;
      if (DERIVED_EVENT_SOURCES.includes(row.source)) return { refused: 'derived', source: row.source };
      previous = row.visibility as Visibility;
      events = 1;
      changed = await trx
        .updateTable('event')
        .set({ visibility })
        .where('seq', '=', row.seq)
        .where('visibility', '<>', visibility)
        .returning(['event_type_code'])
        .execute();
    } else {
      const message = await trx
        .selectFrom('inbox')
        .select(['id', 'visibility'])
        .where('id', '=', target.inboxId)
        .where(sql<boolean>`${orgId} = any(owner_orgs)`)
        .forUpdate()
        .executeTakeFirst();
      if (!message) return undefined;
      previous = message.visibility as Visibility;
      // The message's own visibility too: a replay appends the events it still lacks with the new one.
      await trx.updateTable('inbox').set({ visibility }).where('id', '=', message.id).execute();
      const count = await trx
        .selectFrom('event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('inbox_id', '=', message.id)
        .executeTakeFirstOrThrow();
      events = Number(count.n);
      changed = await trx
        .updateTable('event')
        .set({ visibility })
        .where('inbox_id', '=', message.id)
        .where('visibility', '<>', visibility)
        .returning(['event_type_code'])
        .execute();
    }
    return {
      changed: changed.length,
      events,
      previous,
      codes: [...new Set(changed.map((e) => e.event_type_code))],
    };
  });
}
