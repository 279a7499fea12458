/**
 * Each simulated party is its own organisation with its own API key, provisioned through the product's
 * administration path as a port authority would do it, never by writing tables: over HTTP with the port
 * authority's admin key (`POST /admin/organisations`, `POST /admin/organisations/{id}/keys`), or, when the
 * simulator runs inside `serve`, through the same organisation store the admin routes and `openpcs orgs` use.
 * An organisation left by an earlier run is reused: a new key is issued (secrets are never stored) and the keys an
 * earlier run left (active, label `openpcs sim`) are revoked first, so restarts do not pile keys up (two
 * simulators feeding one server as the same parties would revoke each other's keys: run one). A terminal
 * party's organisation is linked to its SMDG code (`PUT /admin/organisations/{id}/terminals`, kept links
 * stay), since a terminal states facts only at the terminals it operates (access/operated-terminals.ts); a
 * carrier party's organisation is linked to its SCAC (`PUT /admin/organisations/{id}/scacs`, kept links stay),
 * since a carrier states empty-return receivables only for its own SCACs (access/carrier-scacs.ts).
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
  /** The organisation's keys (never their secrets). */
  listKeys(
    orgId: string,
  ): Promise<readonly { readonly id: string; readonly label: string | null; readonly revoked_at: Date | null }[]>;
  revokeKey(keyId: string): Promise<unknown>;
  /** SMDG codes of the terminals the organisation operates (`store/operated-terminals.ts`). */
  operatedTerminals(orgId: string): Promise<readonly string[]>;
  /** Makes `codes` the terminals the organisation operates. */
  setOperatedTerminals(orgId: string, codes: readonly string[]): Promise<unknown>;
  /** The carrier SCACs the organisation speaks for (`store/carrier-scacs.ts`). */
  carrierScacs(orgId: string): Promise<readonly string[]>;
  /** Makes `scacs` the SCACs the organisation speaks for; `taken` when one is another organisation's. */
  setCarrierScacs(orgId: string, scacs: readonly string[]): Promise<{ readonly taken: readonly string[] }>;
}

/** The terminals a party's organisation must operate: a terminal party's own SMDG code (its `code`). */
function terminalsOf(party: SimParty): readonly string[] {
  return party.role === 'terminal' ? [party.code] : [];
}

/** The SCACs a party's organisation must speak for: a carrier party's own SCAC (its `code`). */
function scacsOf(party: SimParty): readonly string[] {
  return party.role === 'carrier' ? [party.code] : [];
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
    const operated = await administration.operatedTerminals(orgId);
    const missing = terminalsOf(party).filter((code) => !operated.includes(code));
    if (missing.length > 0) await administration.setOperatedTerminals(orgId, [...operated, ...missing]);
    const linked = await administration.carrierScacs(orgId);
    const unlinked = scacsOf(party).filter((scac) => !linked.includes(scac));
    if (unlinked.length > 0) {
      const { taken } = await administration.setCarrierScacs(orgId, [...linked, ...unlinked]);
      if (taken.length > 0) {
        throw new ProvisioningError(`linking ${orgId} to ${taken.join(', ')} failed: linked to another organisation`);
      }
    }
    for (const key of await administration.listKeys(orgId)) {
      if (key.label === SIM_KEY_LABEL && key.revoked_at === null) await administration.revokeKey(key.id);
    }
    return (await administration.createKey(orgId, SCOPES, SIM_KEY_LABEL)).key;
  });
}

export class ProvisioningError extends Error {}

/** Over HTTP with the port authority's admin key (`openpcs sim --live --target … --admin-key …`). */
export function httpPartyKeys(baseUrl: string, adminKey: string, fetcher: typeof fetch = fetch): PartyKeys {
  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const response = await fetcher(new URL(path, baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
  const post = (path: string, body: unknown) => call('POST', path, body);
  /** Links a terminal party's organisation to its SMDG code, keeping the links it has. */
  const linkTerminals = async (orgId: string, party: SimParty): Promise<void> => {
    const wanted = terminalsOf(party);
    if (wanted.length === 0) return;
    const path = `/admin/organisations/${orgId}/terminals`;
    const current = await call('GET', path);
    if (current.status !== 200) {
      throw new ProvisioningError(
        `reading the terminals of ${orgId} failed (${current.status}): ${detail(current.json)}`,
      );
    }
    const operated = codesOf(current.json);
    const missing = wanted.filter((code) => !operated.includes(code));
    if (missing.length === 0) return;
    const set = await call('PUT', path, { terminals: [...operated, ...missing] });
    if (set.status !== 200) {
      throw new ProvisioningError(
        `linking ${orgId} to ${missing.join(', ')} failed (${set.status}): ${detail(set.json)}`,
      );
    }
  };
  /** Links a carrier party's organisation to its SCAC, keeping the links it has. */
  const linkScacs = async (orgId: string, party: SimParty): Promise<void> => {
    const wanted = scacsOf(party);
    if (wanted.length === 0) return;
    const path = `/admin/organisations/${orgId}/scacs`;
    const current = await call('GET', path);
    if (current.status !== 200) {
      throw new ProvisioningError(`reading the SCACs of ${orgId} failed (${current.status}): ${detail(current.json)}`);
    }
    const linked = scacCodesOf(current.json);
    const missing = wanted.filter((scac) => !linked.includes(scac));
    if (missing.length === 0) return;
    const set = await call('PUT', path, { scacs: [...linked, ...missing] });
    if (set.status !== 200) {
      throw new ProvisioningError(
        `linking ${orgId} to ${missing.join(', ')} failed (${set.status}): ${detail(set.json)}`,
      );
    }
  };
  const detail = (json: unknown): string =>
    typeof json === 'object' && json !== null && 'detail' in json ? String(json.detail) : JSON.stringify(json);
  /** Revokes the keys an earlier run left to the organisation (active, labelled `openpcs sim`). */
  const revokeEarlierKeys = async (orgId: string): Promise<void> => {
    const listed = await call('GET', `/admin/keys?orgId=${encodeURIComponent(orgId)}`);
    if (listed.status !== 200) {
      throw new ProvisioningError(`listing the keys of ${orgId} failed (${listed.status}): ${detail(listed.json)}`);
    }
    for (const keyId of earlierSimKeys(listed.json)) {
      const revoked = await call('DELETE', `/admin/keys/${keyId}`);
      // 404: revoked meanwhile (by another admin, or a run racing this one); either way it is gone.
      if (revoked.status !== 204 && revoked.status !== 404) {
        throw new ProvisioningError(
          `revoking key ${keyId} of ${orgId} failed (${revoked.status}): ${detail(revoked.json)}`,
        );
      }
    }
  };
  return memoised(async (orgId, party) => {
    const org = await post('/admin/organisations', { id: orgId, name: orgName(party), role: party.role });
    if (org.status !== 201 && org.status !== 409) {
      throw new ProvisioningError(`registering organisation ${orgId} failed (${org.status}): ${detail(org.json)}`);
    }
    await linkTerminals(orgId, party);
    await linkScacs(orgId, party);
    if (org.status === 409) await revokeEarlierKeys(orgId);
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

/** The ids of the active `openpcs sim` keys in a `GET /admin/keys` answer. */
function earlierSimKeys(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || !('keys' in json) || !Array.isArray(json.keys)) return [];
  return json.keys.flatMap((k: unknown) =>
    typeof k === 'object' &&
    k !== null &&
    'id' in k &&
    typeof k.id === 'string' &&
    'label' in k &&
    k.label === SIM_KEY_LABEL &&
    'revokedAt' in k &&
    k.revokedAt === null
      ? [k.id]
      : [],
  );
}

/** The codes of a `GET /admin/organisations/{id}/terminals` answer. */
function codesOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || !('terminals' in json) || !Array.isArray(json.terminals)) return [];
  return json.terminals.flatMap((t: unknown) =>
    typeof t === 'object' && t !== null && 'code' in t && typeof t.code === 'string' ? [t.code] : [],
  );
}

/** The SCACs of a `GET /admin/organisations/{id}/scacs` answer. */
function scacCodesOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || !('scacs' in json) || !Array.isArray(json.scacs)) return [];
  return json.scacs.flatMap((l: unknown) =>
    typeof l === 'object' && l !== null && 'scac' in l && typeof l.scac === 'string' ? [l.scac] : [],
  );
}
