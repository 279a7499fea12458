/**
 * First start: a community with no API key could not be administered through the API at all. If no
 * active key exists, create the port authority organisation (if missing) and one admin key for it, and
 * return the secret so `serve` can show it once. Later starts do nothing.
 */
import type { Role, Scope } from './roles.js';

/** What the first start needs of the organisation store (`store/organisation-repository.ts` is one). */
export interface AdminKeyIssuer {
  countActiveKeys(): Promise<number>;
  get(id: string): Promise<unknown>;
  create(id: string, name: string, role: Role): Promise<unknown>;
  createKey(orgId: string, scopes: readonly Scope[], label: string | null): Promise<{ readonly key: string }>;
}

export const BOOTSTRAP_ORG = 'port-authority';

export async function bootstrapAdminKey(organisations: AdminKeyIssuer): Promise<string | null> {
  if ((await organisations.countActiveKeys()) > 0) return null;
  if (!(await organisations.get(BOOTSTRAP_ORG))) {
    await organisations.create(BOOTSTRAP_ORG, 'Port authority (created at first start)', 'port_authority');
  }
  const created = await organisations.createKey(BOOTSTRAP_ORG, ['read', 'ingest', 'admin'], 'bootstrap admin key');
  return created.key;
}
