/**
 * Every route refuses query parameters it does not declare (a misspelt or unsupported filter must not
 * silently widen the answer: `/vessel-calls?imo=…` listing every call). Installed once as an `onRoute` hook
 * in `build-server.ts`, so a new route cannot forget it: its zod querystring object is made strict, a route
 * without one gets an empty strict object, and a querystring schema that is not a zod object (which could
 * not be made strict) stops the server from starting.
 */
import type { RouteOptions } from 'fastify';
import { z } from 'zod';

/** The `onRoute` hook. */
export function strictQuerystring(route: RouteOptions): void {
  const schema = route.schema ?? {};
  const declared = schema.querystring;
  if (declared !== undefined && !(declared instanceof z.ZodObject)) {
    throw new Error(
      `${String(route.method)} ${route.url}: the querystring schema must be a zod object, so that unknown parameters are refused`,
    );
  }
  const shape = declared?.shape ?? {};
  const names = Object.keys(shape).sort();
  const takes = names.length === 0 ? 'this route takes no query parameters' : `this route takes ${names.join(', ')}`;
  route.schema = {
    ...schema,
    querystring: z.strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown query parameter; ${takes}` : undefined),
    }),
  };
}
