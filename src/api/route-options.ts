/**
 * The options every route is registered with: what it needs of its caller (`config.access`, declared with
 * `ACCESS` of access/route-access.ts and checked by route-access-hook.ts) and its schema, filed under its
 * plugin's OpenAPI tag. A plugin makes one per tag; each route states its own access:
 * `app.get('/containers', route(ACCESS.read, { summary, querystring, response }), handler)`.
 */
import type { FastifySchema } from 'fastify';
import type { RouteAccess } from '../access/route-access.js';

export function routesTagged(tag: string) {
  return <S extends FastifySchema>(access: RouteAccess, schema: S) => ({
    config: { access },
    schema: { tags: [tag], ...schema },
  });
}
