/**
 * Who administers whom (DESIGN §5): the port authority (and the local operator) administers the
 * community — registers organisations and manages every organisation's keys; any other organisation's
 * admin manages only its own keys. `system` organisations are the operator's: only the local operator
 * (CLI) creates them or mints their keys, never a caller over HTTP.
 */
import type { AccessScope } from './access-scope.js';

/** May the caller register new organisations (with a role other than `system`)? */
export function mayRegisterOrganisations(scope: AccessScope): boolean {
  return scope.all && scope.scopes.includes('admin');
}

/** May the caller manage the keys (create, list, revoke) and read the audit trail of this organisation? */
export function mayAdminister(scope: AccessScope, org: { readonly id: string; readonly role: string }): boolean {
  if (!scope.scopes.includes('admin')) return false;
  if (org.role === 'system') return scope.role === 'system';
  return scope.all || scope.orgId === org.id;
}
