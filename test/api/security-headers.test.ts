/**
 * Every answer carries the security headers (API, problem+json, 404, docs, the SSE stream), the docs page
 * gets a policy that lets the Swagger UI work, HSTS only behind TLS, and /metrics needs an admin key
 * unless served on its own port.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { serveMetrics } from '../../src/api/metrics-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

describe.each(ENGINES)('security headers and /metrics on $name', (engine) => {
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

  it('should send the security headers on every kind of answer, with a strict policy for API answers', async () => {
    const admin = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'admin']);
    const answers = [
      await server.app.inject({ url: '/health' }),
      await server.app.inject({ url: '/v2/events' }),
      await server.app.inject({ url: '/events?limit=0' }),
      await server.app.inject({ url: '/no-such-route' }),
      await server.app.inject({ url: '/admin/keys' }),
      await server.app.inject({ url: '/events', headers: { authorization: 'Basic x' } }),
      await server.app.inject({ url: '/openapi.json' }),
      await server.app.inject({ url: '/metrics', headers: { authorization: admin.authorization } }),
      await server.app.inject({ url: '/v2/stream?lastEventId=bad' }),
    ];
    for (const res of answers) {
      expect(res.headers, `${res.statusCode} ${res.body.slice(0, 80)}`).toMatchObject(COMMON);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    expect(new Set(answers.map((r) => r.statusCode))).toEqual(new Set([200, 400, 401, 404]));
  });

  it('should send them on the live stream too, whose answer is written by hand', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v2/stream`, {
      signal: abort.signal,
    });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      expect(Object.fromEntries(res.headers)).toMatchObject(COMMON);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    } finally {
      abort.abort();
    }
  });

  it('should let the Swagger UI load its own scripts and styles under /docs, and nothing from elsewhere', async () => {
    const page = await server.app.inject({ url: '/docs/' });
    const html = page.statusCode === 302 ? await server.app.inject({ url: page.headers.location as string }) : page;
    expect(html.statusCode).toBe(200);
    expect(html.headers).toMatchObject(COMMON);
    const csp = String(html.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Every script the page loads is a file of the same origin (no inline script the policy would block).
    expect(html.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('should send HSTS only when the API is reached over TLS', async () => {
    const tls = await buildServer({ platform, logLevel: 'silent', behindTls: true });
    try {
      const res = await tls.app.inject({ url: '/health' });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    } finally {
      await tls.shutdown();
    }
  });

  it('should serve /metrics to admin keys only', async () => {
    const reader = await orgWithKey(platform, 'maeu', 'carrier', ['read', 'ingest']);
    const admin = await orgWithKey(platform, 'maeu', 'carrier', ['admin']);
    expect((await server.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await server.app.inject({ url: '/metrics', headers: { authorization: reader.authorization } })).statusCode,
    ).toBe(403);
    const ok = await server.app.inject({ url: '/metrics', headers: { authorization: admin.authorization } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# HELP');
  });

  it('should serve /metrics without a key on the separate metrics port, and nothing else there', async () => {
    const metricsServer = await serveMetrics(server.metrics, 0, '127.0.0.1');
    try {
      const address = metricsServer.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('openpcs_process_cpu_seconds_total');
      expect((await fetch(`${base}/v2/events`)).status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    }
  });
});
