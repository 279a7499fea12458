/**
 * Query parameters are strict on every route: an undeclared one is refused with a pointer to it, never
 * silently ignored (`/vessel-calls?imo=` used to list every call).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { strictQuerystring } from '../../src/api/strict-querystring.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

interface Problem {
  code: string;
  errors?: { pointer: string; detail: string }[];
}

/** A value for a path parameter that the route's own pattern accepts (or near enough to reach validation). */
function sampleParam(name: string): string {
  if (name === 'callId') return '477000001:2022-01-03T00:09';
  if (name === 'id') return '9516442';
  return 'X1';
}

describe.each(ENGINES)('strict query parameters on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let admin: { authorization: string };
  const get = (url: string) => server.app.inject({ method: 'GET', url, headers: admin });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    admin = await orgWithKey(platform, 'pa', 'port_authority', ['read', 'ingest', 'admin']);
  });
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should refuse an unknown query parameter on every documented route, with a pointer to it', async () => {
    const spec = server.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const method of Object.keys(operations)) {
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(sampleParam(name)));
        const res = await server.app.inject({
          method: method.toUpperCase() as 'GET',
          url: `${url}?noSuchParameter=1`,
          headers: admin,
        });
        expect(res.statusCode, `${method} ${path}`).toBe(400);
        const pointers = res.json<Problem>().errors?.map((e) => e.pointer) ?? [];
        // Fastify stops at the first invalid part (params, then body, then query): a route whose sample path
        // parameter or missing body is refused first is covered by the count below and the POST checked after.
        if (pointers.every((p) => p.startsWith('/body') || p.startsWith('/params'))) continue;
        expect(pointers, `${method} ${path}`).toContain('/query/noSuchParameter');
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked).toContain('get /vessel-calls');
    expect(checked).toContain('get /v2/events');
    expect(checked).toContain('get /vessels/{id}');
    expect(checked).toContain('get /containers');
    expect(checked.length).toBeGreaterThan(20);
    // A route with a body: the query is refused once the body is good.
    const subscribe = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions?noSuchParameter=1',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: { callbackUrl: 'https://example.com/callback', secret: Buffer.alloc(32, 7).toString('base64') },
    });
    expect(subscribe.json<Problem>().errors?.map((e) => e.pointer)).toContain('/query/noSuchParameter');
  });

  it('should name the parameters a route takes when one is misspelt', async () => {
    const res = await get('/vessel-calls?imo=9516442&vesselName=COSCO');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<Problem>();
    expect(body.code).toBe('PCS_API_UNKNOWN_PARAMETER');
    expect(body.errors).toEqual([
      expect.objectContaining({ pointer: '/query/vesselName', detail: expect.stringContaining('imo, limit, mmsi') }),
    ]);
    expect((await get('/health?verbose=1')).json<Problem>().errors?.[0]?.pointer).toBe('/query/verbose');
    // A parameter name with a slash is escaped in the pointer (RFC 6901).
    expect((await get('/events?a%2Fb=1')).json<Problem>().errors?.[0]?.pointer).toBe('/query/a~1b');
  });

  it('should not start with a querystring schema that cannot be made strict', () => {
    const route = {
      method: 'GET' as const,
      url: '/x',
      handler: () => undefined,
      schema: { querystring: z.object({ a: z.string() }).transform((q) => q) },
    };
    expect(() => strictQuerystring(route)).toThrow(/must be a zod object/);
  });
});
