/**
 * Versions of the organisations' declared CSV layouts (migration 0013). Each `add` stores a new version (1, 2, …)
 * of an organisation's layout for a format; versions are never changed or removed, so the layout a message was
 * processed under stays readable. The store keeps the layout as JSON; its meaning and validation are in
 * src/ingest/csv/csv-layout.ts.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface StoredCsvLayout {
  readonly orgId: string;
  readonly format: string;
  readonly version: number;
  readonly layout: Record<string, unknown>;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

export type CsvLayoutVersion = Omit<StoredCsvLayout, 'layout'>;

/** Attempts of `add` when another writer took the same version number at the same time. */
const ADD_ATTEMPTS = 5;

export class CsvLayoutRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Stores `layout` as the next version of the organisation's layout for `format`. */
  async add(
    orgId: string,
    format: string,
    layout: Record<string, unknown>,
    createdBy: string | null,
  ): Promise<StoredCsvLayout> {
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.db
          .insertInto('csv_layout')
          .values((eb) => ({
            org_id: orgId,
            format,
            version: eb
              .selectFrom('csv_layout')
              .select(eb.fn.coalesce(eb(eb.fn.max<number>('version'), '+', 1), eb.lit(1)).as('next'))
              .where('org_id', '=', orgId)
              .where('format', '=', format),
            layout: JSON.stringify(layout),
            created_by: createdBy,
          }))
          .returningAll()
          .executeTakeFirstOrThrow();
        return view(row);
      } catch (error) {
        // Two changes at once: the second computed the same version number; it takes the next one.
        if (attempt >= ADD_ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /** The current (highest) version, or one given version; undefined when there is none. */
  async get(
    orgId: string,
    format: string,
    version?: number,
    db: Kysely<DB> = this.db,
  ): Promise<StoredCsvLayout | undefined> {
    let q = db
      .selectFrom('csv_layout')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('format', '=', format)
      .orderBy('version', 'desc')
      .limit(1);
    if (version !== undefined) q = q.where('version', '=', version);
    const row = await q.executeTakeFirst();
    return row ? view(row) : undefined;
  }

  /** Every version of every format of an organisation (or of one format), format then version. */
  async versions(orgId: string, format?: string): Promise<CsvLayoutVersion[]> {
    let q = this.db
      .selectFrom('csv_layout')
      .select(['org_id', 'format', 'version', 'created_at', 'created_by'])
      .where('org_id', '=', orgId)
      .orderBy('format')
      .orderBy('version');
    if (format !== undefined) q = q.where('format', '=', format);
    const rows = await q.execute();
    return rows.map((r) => ({
      orgId: r.org_id,
      format: r.format,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
    }));
  }
}

function view(row: {
  org_id: string;
  format: string;
  version: number;
  layout: Record<string, unknown>;
  created_at: Date;
  created_by: string | null;
}): StoredCsvLayout {
  return {
    orgId: row.org_id,
    format: row.format,
    version: row.version,
    layout: row.layout,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
