/**
 * Administration is not a ladder (DESIGN §5): only the port authority (or the local operator) registers
 * organisations and manages other organisations' keys; an organisation's admin manages only its own keys
 * and audit trail; nobody creates a `system` organisation or mints its keys over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

describe.each(ENGINES)('administration rights on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let authority: { authorization: string; keyId: string };
  let carrierAdmin: { authorization: string; keyId: string };
  let otherCarrier: { authorization: string; keyId: string };
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    authority = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'admin']);
    carrierAdmin = await orgWithKey(platform, 'maeu', 'carrier', ['read', 'admin']);
    otherCarrier = await orgWithKey(platform, 'mscu', 'carrier', ['read']);
    await platform.organisations.create('ops', 'Operator', 'system');
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const call = (authorization: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });

  it('should refuse a non-authority admin minting keys for any other organisation', async () => {
    for (const target of ['pola', 'mscu', 'ops', 'nobody']) {
      const res = await call(carrierAdmin.authorization, 'POST', `/admin/organisations/${target}/keys`, {
        scopes: ['read', 'ingest', 'admin'],
      });
      expect(res.statusCode, target).toBe(403);
      expect(res.json()).toMatchObject({ code: 'PCS_ADMIN_OTHER_ORG', errors: [{ pointer: '/params/id' }] });
    }
    expect((await platform.organisations.listKeys('pola')).map((k) => k.id)).toEqual([authority.keyId]);
    expect(await platform.organisations.listKeys('ops')).toEqual([]);
    const own = await call(carrierAdmin.authorization, 'POST', '/admin/organisations/maeu/keys', { scopes: ['read'] });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ orgId: 'maeu', scopes: ['read'] });
  });

  it('should let only the port authority register organisations, and nobody a system organisation', async () => {
    const byCarrier = await call(carrierAdmin.authorization, 'POST', '/admin/organisations', {
      id: 'evil',
      name: 'Evil',
      role: 'port_authority',
    });
    expect(byCarrier.statusCode).toBe(403);
    expect(byCarrier.json()).toMatchObject({ code: 'PCS_ADMIN_NOT_PORT_AUTHORITY' });
    for (const authorization of [authority.authorization, carrierAdmin.authorization]) {
      const system = await call(authorization, 'POST', '/admin/organisations', {
        id: 'root',
        name: 'R',
        role: 'system',
      });
      expect(system.statusCode).toBe(400);
      expect(system.json()).toMatchObject({ code: 'PCS_API_VALIDATION', errors: [{ pointer: '/body/role' }] });
    }
    expect(await platform.organisations.get('evil')).toBeUndefined();
    expect(await platform.organisations.get('root')).toBeUndefined();
    const terminal = await call(authority.authorization, 'POST', '/admin/organisations', {
      id: 'yti',
      name: 'YTI',
      role: 'terminal',
    });
    expect(terminal.statusCode).toBe(201);
  });

  it('should not let the port authority mint keys for a system organisation', async () => {
    const res = await call(authority.authorization, 'POST', '/admin/organisations/ops/keys', { scopes: ['read'] });
    expect(res.statusCode).toBe(403);
    expect(await platform.organisations.listKeys('ops')).toEqual([]);
    const forCarrier = await call(authority.authorization, 'POST', '/admin/organisations/mscu/keys', {
      scopes: ['read'],
    });
    expect(forCarrier.statusCode).toBe(201);
  });

  it('should show a non-authority admin only its own organisation, keys and audit trail', async () => {
    const orgs = await call(carrierAdmin.authorization, 'GET', '/admin/organisations');
    expect(orgs.json().organisations.map((o: { id: string }) => o.id)).toEqual(['maeu']);
    const keys = await call(carrierAdmin.authorization, 'GET', '/admin/keys');
    expect(keys.json().keys.map((k: { orgId: string }) => k.orgId)).toEqual(['maeu']);
    const theirs = await call(carrierAdmin.authorization, 'GET', '/admin/keys?orgId=pola');
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json()).toMatchObject({ code: 'PCS_ADMIN_OTHER_ORG', errors: [{ pointer: '/query/orgId' }] });
    await call(authority.authorization, 'POST', '/admin/organisations/mscu/keys', { scopes: ['read'] });
    const log = await call(carrierAdmin.authorization, 'GET', '/admin/audit-log');
    expect(log.statusCode).toBe(200);
    expect(log.json().entries).toEqual([]);
    expect((await call(carrierAdmin.authorization, 'GET', '/admin/audit-log?orgId=pola')).statusCode).toBe(403);
    const all = await call(authority.authorization, 'GET', '/admin/organisations');
    expect(all.json().organisations.map((o: { id: string }) => o.id)).toEqual(['local', 'maeu', 'mscu', 'ops', 'pola']);
  });

  it('should not let a non-authority admin revoke another organisation’s key, and tell it nothing about it', async () => {
    for (const keyId of [authority.keyId, otherCarrier.keyId]) {
      const res = await call(carrierAdmin.authorization, 'DELETE', `/admin/keys/${keyId}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'PCS_ADMIN_KEY_NOT_FOUND' });
    }
    expect((await call(authority.authorization, 'GET', '/admin/keys')).statusCode).toBe(200);
    expect((await call(otherCarrier.authorization, 'GET', '/v2/events')).statusCode).toBe(200);
    const second = await orgWithKey(platform, 'maeu', 'carrier', ['read']);
    expect((await call(carrierAdmin.authorization, 'DELETE', `/admin/keys/${second.keyId}`)).statusCode).toBe(204);
    expect((await call(authority.authorization, 'DELETE', `/admin/keys/${otherCarrier.keyId}`)).statusCode).toBe(204);
  });
});
