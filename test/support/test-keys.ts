import type { Role, Scope } from '../../src/access/roles.js';
import type { Platform } from '../../src/platform.js';

/** Registers an organisation and returns an `Authorization` header for a new key of it. */
export async function orgWithKey(
  platform: Platform,
  orgId: string,
  role: Role,
  scopes: Scope[] = ['read', 'ingest'],
): Promise<{ authorization: string; keyId: string }> {
  if (!(await platform.organisations.get(orgId))) await platform.organisations.create(orgId, orgId.toUpperCase(), role);
  const created = await platform.organisations.createKey(orgId, scopes, 'test');
  return { authorization: `Bearer ${created.key}`, keyId: created.keyId };
}
