/**
 * Every read path audits a member's reads of restricted data (DESIGN §5), not only the event lists:
 * vessels, vessel calls, truck visits, containers, KPIs, subscription deliveries and the live stream.
 * Anonymous reads (public data only) and reads a route knows to be public-only are not audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { encodeCursor } from '../../src/api/cursor.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

const READ_PATHS = [
  '/vessels?at=2026-12-01T00:00:00Z',
  '/vessel-calls',
  '/truck-visits',
  '/containers',
  '/terminals/WBCT/kpis',
  '/dead-letters',
];

describe.each(ENGINES)('read audit on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const readsOf = async (orgId: string) =>
    (await platform.audit.list({ orgId, action: 'read', limit: 1000 })).map((e) => e.resource);

  it('should audit a member’s reads on every read path, and no anonymous read', async () => {
    const carrier = await orgWithKey(platform, 'maeu', 'carrier', ['read']);
    for (const path of READ_PATHS) {
      const anonymous = await server.app.inject({ url: path });
      const member = await server.app.inject({ url: path, headers: { authorization: carrier.authorization } });
      expect(member.statusCode, path).toBe(200);
      expect([200, 401], path).toContain(anonymous.statusCode);
    }
    const subscription = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      payload: { callbackUrl: 'http://127.0.0.1:9/hook', secret: Buffer.alloc(32, 7).toString('base64') },
      headers: { authorization: carrier.authorization },
    });
    const deliveries = `/v2/event-subscriptions/${subscription.json<{ subscriptionID: string }>().subscriptionID}/deliveries`;
    expect(
      (await server.app.inject({ url: deliveries, headers: { authorization: carrier.authorization } })).statusCode,
    ).toBe(200);
    const audited = new Set(READ_PATHS.map((path) => path.split('?')[0]));
    expect(new Set(await readsOf('maeu'))).toEqual(new Set([...audited, deliveries]));
    expect(await readsOf('public')).toEqual([]);
  });

  it('should not audit an event page the route knows to be public, and audit one with private events', async () => {
    const carrier = await orgWithKey(platform, 'maeu', 'carrier', ['read', 'ingest']);
    const ingest = (voyage: string, query: string) =>
      server.app.inject({
        method: 'POST',
        url: `/ingest/csv-vessel-schedule${query}`,
        payload: `vessel_imo,voyage,port,eta\n9321483,${voyage},USLAX,2026-12-01T06:00:00Z\n`,
        headers: { 'content-type': 'text/csv', authorization: carrier.authorization },
      });
    expect((await ingest('PUB', '?visibility=public')).statusCode).toBe(202);
    expect(
      (await server.app.inject({ url: '/events', headers: { authorization: carrier.authorization } })).statusCode,
    ).toBe(200);
    expect(await readsOf('maeu')).toEqual([]);
    expect((await ingest('PRIV', '')).statusCode).toBe(202);
    await server.app.inject({ url: '/events', headers: { authorization: carrier.authorization } });
    expect(await readsOf('maeu')).toEqual(['/events']);
  });

  it('should audit the pages of restricted events the live stream sends', async () => {
    const carrier = await orgWithKey(platform, 'maeu', 'carrier', ['read', 'ingest']);
    await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-vessel-schedule',
      payload: 'vessel_imo,voyage,port,eta\n9321483,PRIV,USLAX,2026-12-01T06:00:00Z\n',
      headers: { 'content-type': 'text/csv', authorization: carrier.authorization },
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v2/stream`, {
      headers: { authorization: carrier.authorization, 'last-event-id': encodeCursor('0') },
      signal: abort.signal,
    });
    try {
      expect(res.status).toBe(200);
      await until(async () => (await readsOf('maeu')).includes('/v2/stream'), 'an audited stream page');
    } finally {
      abort.abort();
    }
  });
});
