/**
 * The one place where route scopes are enforced. `requireRouteAccessDeclarations` makes registering a
 * route without `config.access` fail (so the server does not start with an unguarded route);
 * `enforceRouteAccess` runs on every request, after authentication, before validation and handlers.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { decideRouteAccess, type RouteAccess } from '../access/route-access.js';
import { problem } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs from its caller (`access/route-access.ts`); required on every route. */
    access?: RouteAccess;
  }
}

export class UndeclaredRouteAccessError extends Error {
  readonly code = 'PCS_API_ROUTE_ACCESS_UNDECLARED';
}

/**
 * Adds an `onRoute` hook that refuses routes without an access declaration. Routes under `publicPrefixes`
 * (the Swagger UI's own routes, which a plugin registers) are declared public here.
 */
export function requireRouteAccessDeclarations(app: FastifyInstance, publicPrefixes: readonly string[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (config.access) return;
    if (publicPrefixes.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`))) {
      route.config = { ...config, access: { kind: 'public' } };
      return;
    }
    throw new UndeclaredRouteAccessError(
      `route ${String(route.method)} ${route.url} declares no config.access (see src/access/route-access.ts)`,
    );
  });
}

export async function enforceRouteAccess(request: FastifyRequest): Promise<void> {
  if (request.is404) return;
  const access = request.routeOptions.config.access;
  // Unreachable while requireRouteAccessDeclarations guards registration; refuse rather than serve.
  if (!access) throw problem('PCS_AUTH_FORBIDDEN', 'this route declares no access rule');
  const decision = decideRouteAccess(request.accessScope, access);
  if (decision === 'allowed' || access.kind === 'public') return;
  if (decision === 'unauthenticated') {
    throw problem('PCS_AUTH_REQUIRED', `this operation needs an API key with the "${access.scope}" scope`, [
      { pointer: '/headers/authorization', detail: 'missing API key' },
    ]);
  }
  throw problem('PCS_AUTH_FORBIDDEN', `the API key lacks the "${access.scope}" scope`, [
    { pointer: '/headers/authorization', detail: `scope "${access.scope}" required` },
  ]);
}
