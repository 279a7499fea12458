/**
 * Many rows in one statement with one parameter: the rows travel as a JSON array and the server expands them
 * with `jsonb_to_recordset`. A multi-row `VALUES` list binds one text parameter per cell (a 500-row, 33-column
 * upsert is 16,500 parameters to serialise and parse); this is one document. Values are what `JSON.stringify`
 * makes of them: Dates become ISO instants, arrays become arrays (for `text[]` columns), objects stay objects
 * (for `jsonb` columns).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/** A column and its SQL type as `jsonb_to_recordset` should read it. */
export interface JsonColumn {
  readonly name: string;
  readonly type: string;
}

export async function insertJsonRows(
  trx: Transaction<DB>,
  table: string,
  columns: readonly JsonColumn[],
  rows: readonly Record<string, unknown>[],
  onConflict: { readonly key: readonly string[]; readonly update: 'nothing' | 'all' } | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const definition = sql.join(columns.map((c) => sql`${sql.ref(c.name)} ${sql.raw(c.type)}`));
  let conflict = sql``;
  if (onConflict !== null) {
    const key = sql.join(onConflict.key.map((k) => sql.ref(k)));
    const updated = columns.filter((c) => !onConflict.key.includes(c.name));
    conflict =
      onConflict.update === 'nothing' || updated.length === 0
        ? sql`on conflict (${key}) do nothing`
        : sql`on conflict (${key}) do update set ${sql.join(
            updated.map((c) => sql`${sql.ref(c.name)} = excluded.${sql.ref(c.name)}`),
          )}`;
  }
  await sql`
    insert into ${sql.table(table)} (${names})
    select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${definition})
    ${conflict}`.execute(trx);
}
