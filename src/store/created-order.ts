/**
 * The keyset of lists paged in creation order, `(created_at, id)` — alert rules and DCSA subscriptions: the
 * rows after the last one of the previous page.
 */
import { sql, type RawBuilder } from 'kysely';

/** Rows created after `after`, or at the same instant with a greater id. */
export function createdAfter(after: { readonly created_at: Date; readonly id: string }): RawBuilder<boolean> {
  return sql<boolean>`(created_at > ${after.created_at} or (created_at = ${after.created_at} and id > ${after.id}))`;
}
