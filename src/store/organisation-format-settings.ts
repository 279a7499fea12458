/** An organisation's defaults per ingest format (migration 0012): zone for zone-less times, visibility. */
import type { Kysely } from 'kysely';
import type { Visibility } from '../domain/canonical-event.js';
import type { DB } from './schema.js';

export interface OrganisationFormatSetting {
  readonly orgId: string;
  readonly format: string;
  /** IANA zone for zone-less date-times; null = not set. */
  readonly timeZone: string | null;
  /** Visibility of what the organisation sends in this format; null = not set. */
  readonly visibility: Visibility | null;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
}

export interface OrganisationFormatSettingChange {
  readonly timeZone?: string | null | undefined;
  readonly visibility?: Visibility | null | undefined;
  readonly updatedBy: string;
}

const isVisibility = (v: string | null): v is Visibility => v === 'private' || v === 'community' || v === 'public';
const asVisibility = (v: string | null): Visibility | null => (isVisibility(v) ? v : null);

/** How long `lookup` trusts what it read: a change made by another process reaches ingestion within this. */
export const FORMAT_SETTING_CACHE_MS = 5_000;

export class OrganisationFormatSettings {
  readonly #cache = new Map<string, { readonly value: OrganisationFormatSetting | undefined; readonly at: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * `get` for the ingest path, cached per (organisation, format) for FORMAT_SETTING_CACHE_MS so a feed does not
   * pay a query per message; `set` in this process takes effect at once.
   */
  async lookup(orgId: string, format: string): Promise<OrganisationFormatSetting | undefined> {
    const key = `${orgId}\u0000${format}`;
    const hit = this.#cache.get(key);
    const now = this.clock();
    if (hit && now - hit.at < FORMAT_SETTING_CACHE_MS) return hit.value;
    const value = await this.get(orgId, format);
    this.#cache.set(key, { value, at: now });
    return value;
  }

  async get(orgId: string, format: string): Promise<OrganisationFormatSetting | undefined> {
    const row = await this.db
      .selectFrom('organisation_format_setting')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('format', '=', format)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      orgId: row.org_id,
      format: row.format,
      timeZone: row.time_zone,
      visibility: asVisibility(row.visibility),
      updatedAt: row.updated_at.toISOString(),
      updatedBy: row.updated_by,
    };
  }

  /** Sets the given fields (undefined = keep, null = clear); creates the row when there is none. */
  async set(
    orgId: string,
    format: string,
    change: OrganisationFormatSettingChange,
  ): Promise<OrganisationFormatSetting> {
    const current = await this.get(orgId, format);
    const timeZone = change.timeZone === undefined ? (current?.timeZone ?? null) : change.timeZone;
    const visibility = change.visibility === undefined ? (current?.visibility ?? null) : change.visibility;
    const now = new Date();
    await this.db
      .insertInto('organisation_format_setting')
      .values({
        org_id: orgId,
        format,
        time_zone: timeZone,
        visibility,
        updated_at: now,
        updated_by: change.updatedBy,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'format']).doUpdateSet({
          time_zone: timeZone,
          visibility,
          updated_at: now,
          updated_by: change.updatedBy,
        }),
      )
      .execute();
    const saved = { orgId, format, timeZone, visibility, updatedAt: now.toISOString(), updatedBy: change.updatedBy };
    this.#cache.set(`${orgId}\u0000${format}`, { value: saved, at: this.clock() });
    return saved;
  }
}
