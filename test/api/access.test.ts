/**
 * Data ownership decides every query (DESIGN §5): an organisation never sees another's private data,
 * anonymous callers see public data only, and keys are checked, scoped, revocable and audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const schedule = (voyage: string) => `vessel_imo,voyage,port,eta\n9321483,${voyage},USLAX,2026-12-01T06:00:00Z\n`;

describe.each(ENGINES)('access control on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 50 });
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const ingest = (authorization: string, voyage: string, query = '') =>
    server.app.inject({
      method: 'POST',
      url: `/ingest/csv-vessel-schedule${query}`,
      payload: schedule(voyage),
      headers: { 'content-type': 'text/csv', authorization },
    });
  const voyagesSeenBy = async (authorization?: string) => {
    const res = await server.app.inject({ url: '/events?limit=1000', headers: authorization ? { authorization } : {} });
    expect(res.statusCode).toBe(200);
    return (res.json().events as { references: { carrierVoyageNumber: string } }[])
      .map((e) => e.references.carrierVoyageNumber)
      .sort();
  };

  it('should show each organisation its own and shared data, never another organisation’s private data', async () => {
    const maersk = await orgWithKey(platform, 'maeu', 'carrier');
    const msc = await orgWithKey(platform, 'mscu', 'carrier');
    const terminal = await orgWithKey(platform, 'wbct', 'terminal');
    await operatesEveryTerminal(platform, 'wbct');
    const authority = await orgWithKey(platform, 'pola', 'port_authority', ['read']);
    expect((await ingest(maersk.authorization, 'MAE-PRIVATE')).statusCode).toBe(202);
    expect((await ingest(msc.authorization, 'MSC-PRIVATE')).statusCode).toBe(202);
    expect((await ingest(msc.authorization, 'MSC-COMMUNITY', '?visibility=community')).statusCode).toBe(202);
    expect((await ingest(terminal.authorization, 'WBCT-PUBLIC', '?visibility=public')).statusCode).toBe(202);
    expect((await ingest(terminal.authorization, 'WBCT-FOR-MAERSK', '?owners=maeu')).statusCode).toBe(202);

    expect(await voyagesSeenBy(maersk.authorization)).toEqual([
      'MAE-PRIVATE',
      'MSC-COMMUNITY',
      'WBCT-FOR-MAERSK',
      'WBCT-PUBLIC',
    ]);
    expect(await voyagesSeenBy(msc.authorization)).toEqual(['MSC-COMMUNITY', 'MSC-PRIVATE', 'WBCT-PUBLIC']);
    expect(await voyagesSeenBy(terminal.authorization)).toEqual(['MSC-COMMUNITY', 'WBCT-FOR-MAERSK', 'WBCT-PUBLIC']);
    expect(await voyagesSeenBy(authority.authorization)).toHaveLength(5);
    expect(await voyagesSeenBy()).toEqual(['WBCT-PUBLIC']);
    // Reads of restricted data are audited.
    const audit = await platform.audit.list({ orgId: 'maeu', action: 'read' });
    expect(audit[0]).toMatchObject({ resource: '/events' });
    const v2 = await server.app.inject({
      url: '/v2/events?limit=50',
      headers: { authorization: maersk.authorization },
    });
    expect(v2.statusCode).toBe(200);
    // The DCSA view applies the same ownership rule, and its reads of restricted data are audited too.
    expect(v2.json()).toHaveLength(4);
    expect((await platform.audit.list({ orgId: 'maeu', action: 'read' }))[0]).toMatchObject({ resource: '/v2/events' });
  });

  it('should keep other organisations’ dead letters and inbox messages out of sight', async () => {
    const maersk = await orgWithKey(platform, 'maeu', 'carrier');
    const msc = await orgWithKey(platform, 'mscu', 'carrier');
    const bad = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-vessel-schedule',
      payload: 'vessel_imo,voyage,port,eta\n1234568,X,USLAX,soon\n',
      headers: { 'content-type': 'text/csv', authorization: maersk.authorization },
    });
    expect(bad.statusCode).toBe(422);
    const mine = await server.app.inject({ url: '/dead-letters', headers: { authorization: maersk.authorization } });
    expect(mine.json().deadLetters).toHaveLength(2);
    const theirs = await server.app.inject({ url: '/dead-letters', headers: { authorization: msc.authorization } });
    expect(theirs.json().deadLetters).toHaveLength(0);
    const inbox = await server.app.inject({
      url: `/inbox/${bad.json().inboxId}`,
      headers: { authorization: msc.authorization },
    });
    expect(inbox.statusCode).toBe(404);
  });

  it('should reject missing, invalid and revoked keys and missing scopes with problem+json', async () => {
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-vessel-schedule',
      payload: schedule('V1'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'PCS_AUTH_REQUIRED' });
    const forged = await ingest('Bearer opcs_0123456789ab_notTheRealSecretxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'V1');
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'PCS_AUTH_INVALID_KEY' });
    const reader = await orgWithKey(platform, 'acme', 'bco', ['read']);
    const noScope = await ingest(reader.authorization, 'V1');
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json()).toMatchObject({ code: 'PCS_AUTH_FORBIDDEN' });
    const carrier = await orgWithKey(platform, 'maeu', 'carrier');
    expect((await ingest(carrier.authorization, 'V1')).statusCode).toBe(202);
    await platform.organisations.revokeKey(carrier.keyId);
    expect((await ingest(carrier.authorization, 'V2')).statusCode).toBe(401);
    const unknownOwner = await ingest(
      (await orgWithKey(platform, 'wbct', 'terminal')).authorization,
      'V3',
      '?owners=nobody',
    );
    expect(unknownOwner.json()).toMatchObject({ status: 422, code: 'PCS_INGEST_UNKNOWN_OWNER' });
  });

  it('should let an admin create organisations and keys through the API, audited, and let the new key work', async () => {
    const admin = await orgWithKey(platform, 'port-authority', 'port_authority', ['read', 'ingest', 'admin']);
    const headers = { authorization: admin.authorization };
    const org = await server.app.inject({
      method: 'POST',
      url: '/admin/organisations',
      headers,
      payload: { id: 'yti', name: 'Yusen Terminals', role: 'terminal' },
    });
    expect(org.statusCode).toBe(201);
    const again = await server.app.inject({
      method: 'POST',
      url: '/admin/organisations',
      headers,
      payload: { id: 'yti', name: 'x', role: 'terminal' },
    });
    expect(again.statusCode).toBe(409);
    const key = await server.app.inject({
      method: 'POST',
      url: '/admin/organisations/yti/keys',
      headers,
      payload: { scopes: ['read', 'ingest'] },
    });
    expect(key.statusCode).toBe(201);
    expect(
      await platform.database.db
        .selectFrom('api_key')
        .select('key_hash')
        .where('id', '=', key.json().id)
        .executeTakeFirst(),
    ).not.toMatchObject({
      key_hash: key.json().key,
    });
    expect((await ingest(`Bearer ${key.json().key}`, 'YTI-1')).statusCode).toBe(202);
    const revoke = await server.app.inject({ method: 'DELETE', url: `/admin/keys/${key.json().id}`, headers });
    expect(revoke.statusCode).toBe(204);
    expect((await ingest(`Bearer ${key.json().key}`, 'YTI-2')).statusCode).toBe(401);
    const log = await server.app.inject({ url: '/admin/audit-log', headers });
    expect(log.json().entries.map((e: { action: string }) => e.action)).toEqual([
      'api-key.revoke',
      'api-key.create',
      'organisation.create',
    ]);
    const notAdmin = await orgWithKey(platform, 'maeu', 'carrier');
    expect(
      (await server.app.inject({ url: '/admin/organisations', headers: { authorization: notAdmin.authorization } }))
        .statusCode,
    ).toBe(403);
  });

  it('should answer 429 with Retry-After once a key exceeds its rate limit', async () => {
    const reader = await orgWithKey(platform, 'acme', 'bco', ['read']);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 55; i++) {
      const res = await server.app.inject({ url: '/events?limit=1', headers: { authorization: reader.authorization } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        retryAfter = String(res.headers['retry-after']);
        expect(res.json()).toMatchObject({ code: 'PCS_API_RATE_LIMITED' });
      }
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
