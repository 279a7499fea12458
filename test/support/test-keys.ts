import { loadTerminalRegistry } from '../../src/geo/load-terminal-registry.js';
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

/** Links a terminal organisation to the terminals it operates (as `PUT /admin/organisations/{id}/terminals`). */
export async function operates(platform: Platform, orgId: string, codes: readonly string[]): Promise<void> {
  await platform.operatedTerminals.replace(orgId, codes, 'test');
}

/**
 * Links a terminal organisation to every terminal of the registry: for tests whose terminal sender is not about
 * which terminals it operates (fuzzing, access, time zones) but whose data names several terminals.
 */
export async function operatesEveryTerminal(platform: Platform, orgId: string): Promise<void> {
  await operates(
    platform,
    orgId,
    loadTerminalRegistry().terminals.map((t) => t.smdgCode),
  );
}
