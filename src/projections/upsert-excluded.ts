/**
 * The `ON CONFLICT … DO UPDATE SET` of a projection's upsert that takes the named columns from the incoming
 * row (`col = excluded.col`), so each projection lists the columns it overwrites once, checked against its table.
 */
import { sql, type RawBuilder, type UpdateType } from 'kysely';
import type { DB } from '../store/schema.js';

export type ExcludedSet<T extends keyof DB, C extends keyof DB[T]> = {
  readonly [K in C]: RawBuilder<UpdateType<DB[T][K]>>;
};

export function fromExcluded<T extends keyof DB, C extends keyof DB[T] & string>(
  _table: T,
  columns: readonly C[],
): ExcludedSet<T, C> {
  return Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)])) as ExcludedSet<T, C>;
}
