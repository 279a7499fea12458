/**
 * The portal's files at `/` and `/assets/{file}` (`api/portal-static.ts`) and `GET /whoami`, through the real
 * server (inject): only files the build wrote are answered, gzipped when asked, cached by their hashed names,
 * under the portal's content security policy; without a build `/` still leads to the API reference.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const PAGE = '<!doctype html><title>portal</title><script type="module" src="/assets/index-AbCd1234.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

describe.each(ENGINES)('portal files and /whoami on $name', (engine) => {
  let platform: Platform;
  let built: Server;
  let bare: Server;
  const dir = mkdtempSync(join(tmpdir(), 'openpcs-portal-dist-'));
  const empty = mkdtempSync(join(tmpdir(), 'openpcs-portal-none-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'small-Zz9Yy8Xx.css'), 'main{}');
    writeFileSync(join(dir, 'assets', 'notes.txt'), 'not a portal file type');
    writeFileSync(join(dir, 'secret.js'), 'outside assets');
    platform = await testPlatform(engine);
    built = await buildServer({ platform, logLevel: 'silent', portalDir: dir });
    bare = await buildServer({ platform, logLevel: 'silent', portalDir: empty });
  }, 180_000);
  afterAll(async () => {
    await built?.shutdown();
    await bare?.shutdown();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('should serve the page at / under the portal policy, revalidated, to anyone', async () => {
    const res = await built.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(PAGE);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBe('DENY');
    // API answers keep the strict policy.
    expect((await built.app.inject('/health')).headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('should serve built assets immutable, gzipped when the client accepts it, and nothing else', async () => {
    const plain = await built.app.inject('/assets/index-AbCd1234.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const gzipped = await built.app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);
    // Too small to be worth compressing.
    const small = await built.app.inject({ url: '/assets/small-Zz9Yy8Xx.css', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['content-type']).toBe('text/css; charset=utf-8');

    for (const url of [
      '/assets/missing-00000000.js',
      '/assets/notes.txt',
      '/assets/..%2Fsecret.js',
      '/assets/..%2Findex.html',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    ]) {
      const res = await built.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json(), url).toMatchObject({
        code: 'PCS_PORTAL_ASSET_NOT_FOUND',
        errors: [{ pointer: '/params/file' }],
      });
      expect(res.body).not.toContain('outside assets');
    }
    // Longer than any path parameter the server takes (Fastify's 100 characters): refused before the route runs.
    const long = await built.app.inject(`/assets/${'a'.repeat(101)}.js`);
    expect(long.statusCode).toBe(414);
  });

  it('should refuse unknown query parameters on the portal routes like on every route', async () => {
    const res = await built.app.inject('/?utm_source=x');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PCS_API_UNKNOWN_PARAMETER', errors: [{ pointer: '/query/utm_source' }] });
  });

  it('should send / to the API reference and answer /assets with 404 when no portal was built', async () => {
    const res = await bare.app.inject('/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/docs');
    expect((await bare.app.inject('/assets/index-AbCd1234.js')).statusCode).toBe(404);
  });

  it('should tell a caller who its key belongs to, anonymous without one, and refuse a bad key', async () => {
    const anonymous = await built.app.inject('/whoami');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({
      organisation: 'public',
      role: 'public',
      member: false,
      seesAll: false,
      scopes: ['read'],
    });
    const terminal = await orgWithKey(platform, 'whoami-yti', 'terminal', ['read', 'ingest']);
    const me = await built.app.inject({ url: '/whoami', headers: { authorization: terminal.authorization } });
    expect(me.json()).toEqual({
      organisation: 'whoami-yti',
      role: 'terminal',
      member: true,
      seesAll: false,
      scopes: ['read', 'ingest'],
    });
    const authority = await orgWithKey(platform, 'whoami-pa', 'port_authority', ['read']);
    const pa = await built.app.inject({ url: '/whoami', headers: { authorization: authority.authorization } });
    expect(pa.json()).toMatchObject({ organisation: 'whoami-pa', seesAll: true });
    const bad = await built.app.inject({ url: '/whoami', headers: { authorization: 'Bearer opcs_000000000000_nope' } });
    expect(bad.statusCode).toBe(401);
    expect((await built.app.inject('/whoami?org=x')).statusCode).toBe(400);
  });
});
