/**
 * Each simulated party is its own organisation with its own API key, provisioned through the product's
 * administration path as a port authority would do it, never by writing tables: over HTTP with the port
 * authority's admin key (`POST /admin/organisations`, `POST /admin/organisations/{id}/keys`), or, when the
 * simulator runs inside `serve`, through the same organisation store the admin routes and `openpcs orgs` use.
 * An organisation left by an earlier run is reused (a new key is issued: secrets are never stored).
 */
import type { Role, Scope } from '../../access/roles.js';
import type { SimParty } from '../sim-message.js';
import { simOrgId } from '../sim-party-org.js';

export interface PartyKeys {
  /** The `Authorization: Bearer` secret the party sends with (one per party for the life of the run). */
  keyFor(party: SimParty): Promise<string>;
  /** Organisation ids provisioned so far. */
  readonly organisations: readonly string[];
}

/** What in-process provisioning needs of the organisation store (`store/organisation-repository.ts`). */
export interface OrganisationAdministration {
  get(id: string): Promise<unknown>;
  create(id: string, name: string, role: Role): Promise<unknown>;
  createKey(orgId: string, scopes: readonly Scope[], label: string | null): Promise<{ readonly key: string }>;
}

const SCOPES: readonly Scope[] = ['read', 'ingest'];
export const SIM_KEY_LABEL = 'openpcs sim';

function memoised(provision: (orgId: string, party: SimParty) => Promise<string>): PartyKeys {
  const keys = new Map<string, Promise<string>>();
  const organisations: string[] = [];
  return {
    organisations,
    keyFor(party) {
      const orgId = simOrgId(party);
      let key = keys.get(orgId);
      if (!key) {
        key = provision(orgId, party).then((k) => {
          organisations.push(orgId);
          return k;
        });
        // A failed provisioning is tried again by the next message, not remembered.
        key.catch(() => keys.delete(orgId));
        keys.set(orgId, key);
      }
      return key;
    },
  };
}

function orgName(party: SimParty): string {
  return `${party.name} (simulated)`;
}

/** In-process: the simulator runs inside `serve` and administers the community as the local operator. */
export function inProcessPartyKeys(administration: OrganisationAdministration): PartyKeys {
  return memoised(async (orgId, party) => {
    if (!(await administration.get(orgId))) await administration.create(orgId, orgName(party), party.role);
    return (await administration.createKey(orgId, SCOPES, SIM_KEY_LABEL)).key;
  });
}

export class ProvisioningError extends Error {}

/** Over HTTP with the port authority's admin key (`openpcs sim --live --target … --admin-key …`). */
export function httpPartyKeys(baseUrl: string, adminKey: string, fetcher: typeof fetch = fetch): PartyKeys {
  const post = async (path: string, body: unknown): Promise<{ status: number; json: unknown }> => {
    const response = await fetcher(new URL(path, baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, json };
  };
  const detail = (json: unknown): string =>
    typeof json === 'object' && json !== null && 'detail' in json ? String(json.detail) : JSON.stringify(json);
  return memoised(async (orgId, party) => {
    const org = await post('/admin/organisations', { id: orgId, name: orgName(party), role: party.role });
    if (org.status !== 201 && org.status !== 409) {
      throw new ProvisioningError(`registering organisation ${orgId} failed (${org.status}): ${detail(org.json)}`);
    }
    const key = await post(`/admin/organisations/${orgId}/keys`, { scopes: SCOPES, label: SIM_KEY_LABEL });
    const secret =
      typeof key.json === 'object' && key.json !== null && 'key' in key.json && typeof key.json.key === 'string'
        ? key.json.key
        : null;
    if (key.status !== 201 || secret === null) {
      throw new ProvisioningError(`creating a key for ${orgId} failed (${key.status}): ${detail(key.json)}`);
    }
    return secret;
  });
}
