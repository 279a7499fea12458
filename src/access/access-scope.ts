import type { Role, Scope } from './roles.js';
import { SEES_ALL, isRole } from './roles.js';

/**
 * Who is asking, decided once per request from the API key. Every query that returns community data
 * filters by it (see `visibility-filter.ts`): data ownership decides, not the UI.
 */
export interface AccessScope {
  readonly orgId: string;
  readonly role: Role;
  /** Sees every organisation's data (port authority, the local system operator). */
  readonly all: boolean;
  /** Authenticated member of the community (sees `community` data); false for anonymous callers. */
  readonly member: boolean;
  readonly scopes: readonly Scope[];
  readonly keyId: string | null;
}

export const ANONYMOUS: AccessScope = Object.freeze<AccessScope>({
  orgId: 'public',
  role: 'public',
  all: false,
  member: false,
  scopes: ['read'],
  keyId: null,
});

/** The operator at the console (CLI): sees and may do everything. */
export const LOCAL_OPERATOR: AccessScope = Object.freeze<AccessScope>({
  orgId: 'local',
  role: 'system',
  all: true,
  member: true,
  scopes: ['read', 'ingest', 'admin'],
  keyId: null,
});

/** The one place a role becomes what it sees: every scope but the two constants above is made here. */
export function scopeFor(orgId: string, role: Role, scopes: readonly Scope[], keyId: string | null): AccessScope {
  return { orgId, role, all: SEES_ALL.has(role), member: role !== 'public', scopes, keyId };
}

/**
 * The scope of reads the product makes for an organisation rather than for a request (webhook deliveries, alert
 * rules): its role's view, read only, no key. Undefined for an organisation or role the product does not know, which
 * sees nothing.
 */
export function organisationReadScope(orgId: string, role: string | undefined): AccessScope | undefined {
  return role !== undefined && isRole(role) ? scopeFor(orgId, role, ['read'], null) : undefined;
}
