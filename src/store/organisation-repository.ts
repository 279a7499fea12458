/** Organisations of the port community and their API keys (only hashes are stored). */
import type { Kysely, Selectable } from 'kysely';
import { generateApiKey, hashesEqual, hashApiKey, keyIdOf, type NewApiKey } from '../access/api-key-secret.js';
import type { Role, Scope } from '../access/roles.js';
import type { ApiKeyTable, DB, OrganisationTable } from './schema.js';

export type OrganisationRow = Selectable<OrganisationTable>;
export type ApiKeyRow = Omit<Selectable<ApiKeyTable>, 'key_hash'>;

export interface AuthenticatedKey {
  readonly key: ApiKeyRow;
  readonly organisation: OrganisationRow;
}

/** How long a successful key lookup is reused; a revocation made by another process takes effect within it. */
export const KEY_CACHE_TTL_MS = 5_000;

export class OrganisationRepository {
  /** Successful lookups by key id (with the hash they matched), so a busy client costs no query per request. */
  readonly #keys = new Map<string, { hash: string; found: AuthenticatedKey; until: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly keyCacheTtlMs = KEY_CACHE_TTL_MS,
  ) {}

  async create(id: string, name: string, role: Role): Promise<OrganisationRow> {
    return this.db.insertInto('organisation').values({ id, name, role }).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: string): Promise<OrganisationRow | undefined> {
    return this.db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<OrganisationRow[]> {
    return this.db.selectFrom('organisation').selectAll().orderBy('id').execute();
  }

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
  async createKey(
    orgId: string,
    scopes: readonly Scope[],
    label: string | null,
  ): Promise<NewApiKey & { row: ApiKeyRow }> {
    const secret = generateApiKey();
    const row = await this.db
      .insertInto('api_key')
      .values({
        id: secret.keyId,
        org_id: orgId,
        key_hash: secret.hash,
        scopes: [...scopes],
        label,
        revoked_at: null,
        last_used_at: null,
      })
      .returning(['id', 'org_id', 'scopes', 'label', 'created_at', 'revoked_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
    return { ...secret, row };
  }

  /** Revokes a key; false if it does not exist or was already revoked. */
  async revokeKey(keyId: string): Promise<boolean> {
    this.#keys.delete(keyId);
    const result = await this.db
      .updateTable('api_key')
      .set({ revoked_at: new Date() })
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** A key (active or revoked) with its organisation's role, or undefined. */
  async getKey(keyId: string): Promise<(ApiKeyRow & { org_role: string }) | undefined> {
    return this.db
      .selectFrom('api_key')
      .innerJoin('organisation', 'organisation.id', 'api_key.org_id')
      .select([
        'api_key.id',
        'api_key.org_id',
        'api_key.scopes',
        'api_key.label',
        'api_key.created_at',
        'api_key.revoked_at',
        'api_key.last_used_at',
        'organisation.role as org_role',
      ])
      .where('api_key.id', '=', keyId)
      .executeTakeFirst();
  }

  async listKeys(orgId?: string): Promise<ApiKeyRow[]> {
    let q = this.db
      .selectFrom('api_key')
      .select(['id', 'org_id', 'scopes', 'label', 'created_at', 'revoked_at', 'last_used_at'])
      .orderBy('created_at');
    if (orgId) q = q.where('org_id', '=', orgId);
    return q.execute();
  }

  async countActiveKeys(): Promise<number> {
    const row = await this.db
      .selectFrom('api_key')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The active key and its organisation for a presented key, or undefined. */
  async authenticate(presented: string): Promise<AuthenticatedKey | undefined> {
    const keyId = keyIdOf(presented);
    if (!keyId) return undefined;
    const hash = hashApiKey(presented);
    const cached = this.#keys.get(keyId);
    if (cached && cached.until > Date.now() && hashesEqual(cached.hash, hash)) return cached.found;
    const row = await this.db
      .selectFrom('api_key')
      .innerJoin('organisation', 'organisation.id', 'api_key.org_id')
      .select([
        'api_key.id',
        'api_key.org_id',
        'api_key.key_hash',
        'api_key.scopes',
        'api_key.label',
        'api_key.created_at',
        'api_key.revoked_at',
        'api_key.last_used_at',
        'organisation.name',
        'organisation.role',
        'organisation.created_at as org_created_at',
      ])
      .where('api_key.id', '=', keyId)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || !hashesEqual(row.key_hash, hash)) {
      this.#keys.delete(keyId);
      return undefined;
    }
    const found: AuthenticatedKey = {
      key: {
        id: row.id,
        org_id: row.org_id,
        scopes: row.scopes,
        label: row.label,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
        last_used_at: row.last_used_at,
      },
      organisation: { id: row.org_id, name: row.name, role: row.role, created_at: row.org_created_at },
    };
    if (this.#keys.size >= 10_000) this.#keys.clear(); // bounded: keys are few, lookups are cheap
    if (this.keyCacheTtlMs > 0) this.#keys.set(keyId, { hash, found, until: Date.now() + this.keyCacheTtlMs });
    return found;
  }
}
