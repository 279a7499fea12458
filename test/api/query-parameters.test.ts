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

  it('should answer 400, never 500, for %00 in any query parameter of any documented GET route', async () => {
    const spec = server.app.swagger() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    let sent = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      const get = operations['get'];
      if (!get || path === '/v2/stream') continue;
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(sampleParam(name)));
      for (const { name } of (get.parameters ?? []).filter((p) => p.in === 'query')) {
        const res = await server.app.inject({ url: `${url}?${encodeURIComponent(name)}=a%00b`, headers: admin });
        expect(res.statusCode, `${path}?${name}`).toBe(400);
        if (!path.includes('{')) {
          expect(
            res.json<Problem>().errors?.map((e) => e.pointer),
            `${path}?${name}`,
          ).toEqual([`/query/${name}`]);
        }
        sent += 1;
      }
    }
    expect(sent).toBeGreaterThan(40);
    const stream = await get('/v2/stream?equipmentReference=%00');
    expect(stream.statusCode).toBe(400);
    expect((await get('/vessels/%00')).statusCode).toBe(400);
  });

  it('should refuse cursors beyond the store range or not made here with 400 and a pointer', async () => {
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const dcsa = (s: unknown, f: Record<string, unknown> = {}) =>
      b64(JSON.stringify({ v: 1, d: 'after', s, l: 10, f }));
    const bad = [
      `/events?cursor=${b64('seq:9223372036854775808')}`, // int8 max + 1
      `/events?cursor=${b64('seq:9999999999999999999')}`,
      `/events?cursor=${b64(`seq:1${'0'.repeat(30)}`)}`, // 1e30
      `/events?cursor=${b64('seq:-1')}`,
      `/events?cursor=${b64('seq:1e30')}`,
      `/v2/events?cursor=${dcsa('9223372036854775808')}`,
      `/v2/events?cursor=${dcsa('-5')}`,
      `/v2/events?cursor=${dcsa('1', { equipmentReference: 'A\u0000' })}`,
      `/v2/stream?lastEventId=${b64('seq:9223372036854775808')}`,
      `/vessel-calls?cursor=${b64('vc:-271821-04-20T00:00:00.000Z|477000001:2022-01-03T00:09')}`,
      `/vessel-calls?cursor=${b64('vc:2022-01-03T00:09:00.000Z|\u0000')}`,
      `/vessel-calls?cursor=${b64('vc:+275760-09-13T00:00:00.000Z|477000001:2022-01-03T00:09')}`,
      `/containers?cursor=${b64('ctr:\u0000')}`,
      `/truck-visits?cursor=${b64('tv:YUSEN:\u0000')}`,
    ];
    for (const url of bad) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      const pointer = url.startsWith('/v2/stream') ? '/query/lastEventId' : '/query/cursor';
      expect(res.json<Problem>().errors?.[0]?.pointer, url).toBe(pointer);
    }
    // The largest position the store can hold is still a cursor.
    expect((await get(`/events?cursor=${b64('seq:9223372036854775807')}`)).statusCode).toBe(200);
    expect((await get(`/v2/events?cursor=${dcsa('9223372036854775807')}`)).statusCode).toBe(200);
  });

  it('should refuse a limit out of range or not a whole number on every paged route', async () => {
    const routes: [string, number][] = [
      ['/events', 1000],
      ['/v2/events', 10_000],
      ['/vessel-calls', 1000],
      ['/containers', 1000],
      ['/truck-visits', 1000],
      ['/admin/audit-log', 1000],
      ['/dead-letters', 1000],
      ['/v2/event-subscriptions', 1000],
    ];
    for (const [route, max] of routes) {
      expect((await get(`${route}?limit=${max}`)).statusCode, route).toBe(200);
      for (const limit of ['0', '-1', String(max + 1), 'abc', '1.5', '', '1e400', '9'.repeat(30)]) {
        const res = await get(`${route}?limit=${encodeURIComponent(limit)}`);
        expect(res.statusCode, `${route}?limit=${limit}`).toBe(400);
        expect(res.json<Problem>().errors?.[0]?.pointer).toBe('/query/limit');
      }
    }
  });

  it('should take instants without seconds on the DCSA and cargo lists', async () => {
    for (const url of [
      '/v2/events?eventCreatedDateTime:gte=2026-02-10T00:00Z',
      '/v2/events?eventCreatedDateTime:lt=2026-02-10T00:00:00.5%2B01:00',
      '/truck-visits?from=2026-03-18T00:00-07:00&to=2026-03-19T00:00Z',
    ]) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
    const noZone = await get('/truck-visits?from=2026-03-18T00:00');
    expect(noZone.statusCode).toBe(400);
    expect(noZone.json<Problem>().errors?.[0]?.pointer).toBe('/query/from');
  });

  it('should refuse a date that is not in the calendar, and NUL in a subscription filter, with 400', async () => {
    const kpis = await get('/terminals/YUSEN/kpis?from=2026-02-30');
    expect(kpis.statusCode).toBe(400);
    expect(kpis.json<Problem>().errors?.[0]?.pointer).toBe('/query/from');
    expect((await get('/terminals/YUSEN/kpis?to=2026-13-45')).statusCode).toBe(400);
    const subscribe = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: {
        callbackUrl: 'https://example.com/callback',
        secret: Buffer.alloc(32, 7).toString('base64'),
        equipmentReference: 'A\u0000',
      },
    });
    expect(subscribe.statusCode).toBe(400);
    expect(subscribe.json<Problem>().errors?.[0]?.pointer).toBe('/body/equipmentReference');
  });
});
