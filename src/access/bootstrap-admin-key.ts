/**
 * First start: a community with no API key could not be administered through the API at all. If no
 * active key exists, create the port authority organisation (if missing) and one admin key for it, and
 * return the secret so `serve` can show it once. Later starts do nothing.
 */
import type { OrganisationRepository } from '../store/organisation-repository.js';

export const BOOTSTRAP_ORG = 'port-authority';

export async function bootstrapAdminKey(organisations: OrganisationRepository): Promise<string | null> {
  if ((await organisations.countActiveKeys()) > 0) return null;
  if (!(await organisations.get(BOOTSTRAP_ORG))) {
    await organisations.create(BOOTSTRAP_ORG, 'Port authority (created at first start)', 'port_authority');
  }
  const created = await organisations.createKey(BOOTSTRAP_ORG, ['read', 'ingest', 'admin'], 'bootstrap admin key');
  return created.key;
}
