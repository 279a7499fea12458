/**
 * What a route needs from its caller, declared once per route (`config.access`) and checked in one place
 * (`api/route-access-hook.ts`) before any handler runs; a route without a declaration stops the server at
 * start-up. Anonymous callers hold the `read` scope only (public data), so `read` routes answer them
 * unless the route also needs an authenticated caller (`authenticated`).
 */
import type { AccessScope } from './access-scope.js';
import type { Scope } from './roles.js';

export type RouteAccess =
  /** Anyone, with or without a key (health, readiness, API description). */
  | { readonly kind: 'public' }
  /** A caller holding `scope`; with `authenticated`, an API key is needed even where anonymous callers hold it. */
  | { readonly kind: 'scope'; readonly scope: Scope; readonly authenticated: boolean };

export const ACCESS = Object.freeze({
  public: { kind: 'public' },
  /** Reads filtered by data ownership: anonymous callers see public data. */
  read: { kind: 'scope', scope: 'read', authenticated: false },
  /** Reads of the caller's own organisation's things (subscriptions, dead letters): a key is needed. */
  readOwn: { kind: 'scope', scope: 'read', authenticated: true },
  /**
   * Calculators that read no stored data (`POST /emissions/compute`): any authenticated member holding `read`;
   * nothing to filter or audit, the key keeps them from being an open compute service (rate-limited per key).
   */
  compute: { kind: 'scope', scope: 'read', authenticated: true },
  ingest: { kind: 'scope', scope: 'ingest', authenticated: true },
  admin: { kind: 'scope', scope: 'admin', authenticated: true },
} as const satisfies Record<string, RouteAccess>);

export type RouteAccessDecision = 'allowed' | 'unauthenticated' | 'forbidden';

export function decideRouteAccess(scope: AccessScope, access: RouteAccess): RouteAccessDecision {
  if (access.kind === 'public') return 'allowed';
  const anonymous = scope.keyId === null && !scope.all;
  if (anonymous && (access.authenticated || !scope.scopes.includes(access.scope))) return 'unauthenticated';
  return scope.scopes.includes(access.scope) ? 'allowed' : 'forbidden';
}
