/**
 * A credential header that is there is either a valid key or a 401, never anonymous; and failed
 * authentications from one address are limited (429 + Retry-After) without refusing valid keys.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { MALFORMED_CREDENTIALS } from '../support/malformed-credentials.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

describe.each(ENGINES)('failed authentication on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', authFailuresPerMinute: 5 });
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should answer a malformed credential header 401, never as an anonymous caller', async () => {
    // A fresh address per header, so the failure limit does not turn the later ones into 429s.
    for (const [i, headers] of MALFORMED_CREDENTIALS.entries()) {
      const res = await server.app.inject({ url: '/events?limit=1', headers, remoteAddress: `192.0.2.${i + 1}` });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toMatch(/^PCS_AUTH_(MALFORMED_CREDENTIALS|INVALID_KEY)$/);
    }
    expect((await server.app.inject({ url: '/events?limit=1' })).statusCode).toBe(200);
  });

  it('should answer failures beyond the limit 429 with Retry-After, per address, and keep valid keys working', async () => {
    const member = await orgWithKey(platform, 'maeu', 'carrier', ['read']);
    const statuses: number[] = [];
    let last: { headers: Record<string, unknown>; body: { code?: string } } | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await server.app.inject({
        url: '/v2/events',
        headers: { authorization: `Bearer opcs_${(i + 1).toString(16).padStart(12, '0')}_guess${i}` },
        remoteAddress: '198.51.100.7',
      });
      statuses.push(res.statusCode);
      last = { headers: res.headers, body: res.json() };
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(last?.body.code).toBe('PCS_AUTH_TOO_MANY_FAILURES');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // Malformed headers count too, and the block holds for them.
    const malformed = await server.app.inject({
      url: '/v2/events',
      headers: { authorization: 'Basic x' },
      remoteAddress: '198.51.100.7',
    });
    expect(malformed.statusCode).toBe(429);
    // A valid key from the same address, and anonymous reads, are unaffected.
    const valid = await server.app.inject({
      url: '/v2/events',
      headers: { authorization: member.authorization },
      remoteAddress: '198.51.100.7',
    });
    expect(valid.statusCode).toBe(200);
    expect((await server.app.inject({ url: '/v2/events', remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
    // Another address has its own allowance.
    const elsewhere = await server.app.inject({
      url: '/v2/events',
      headers: { authorization: 'Bearer opcs_0123456789ab_nope' },
      remoteAddress: '203.0.113.9',
    });
    expect(elsewhere.statusCode).toBe(401);
  });
});
