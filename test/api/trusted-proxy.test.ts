/**
 * Behind a reverse proxy every connection comes from the proxy: the failed-authentication limit must key on
 * the client address the proxy forwards, but only when the proxy is trusted (`OPENPCS_TRUST_PROXY`); an
 * `X-Forwarded-For` from any other peer is the client's own claim and is ignored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { ConfigError, loadEnv } from '../../src/config/env.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';

const PROXY = '10.0.0.5';
const LIMIT = 3;

describe('OPENPCS_TRUST_PROXY', () => {
  it('should accept addresses, networks and named ranges, and default to trusting no proxy', () => {
    expect(loadEnv({}).OPENPCS_TRUST_PROXY).toEqual([]);
    expect(loadEnv({ OPENPCS_TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16,fd00::/8 ,loopback' }).OPENPCS_TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['true', '1', '2', 'proxy.internal', '10.0.0.0/33', '10.0.0.5,*'])(
    'should refuse %j at start-up, naming the variable',
    (value) => {
      expect(() => loadEnv({ OPENPCS_TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadEnv({ OPENPCS_TRUST_PROXY: value })).toThrow(/OPENPCS_TRUST_PROXY/);
    },
  );
});

describe.each(ENGINES)('failed-authentication limit behind a proxy on $name', (engine) => {
  let platform: Platform | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await server?.shutdown();
    await platform?.close();
    server = undefined;
    platform = undefined;
  });

  const start = async (trustedProxies: readonly string[]) => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', authFailuresPerMinute: LIMIT, trustedProxies });
    return server;
  };
  /** One bad key from `peer`, the connection's address, claiming to forward for `forwardedFor`. */
  const badKey = async (s: Server, peer: string, forwardedFor: string) =>
    (
      await s.app.inject({
        url: '/v2/events',
        headers: { authorization: 'Bearer opcs_0123456789ab_wrong', 'x-forwarded-for': forwardedFor },
        remoteAddress: peer,
      })
    ).statusCode;

  it('should limit each forwarded client on its own when the proxy is trusted', async () => {
    const s = await start([PROXY]);
    const first: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) first.push(await badKey(s, PROXY, '198.51.100.1'));
    expect(first).toEqual([401, 401, 401, 429, 429]);
    // Another client behind the same proxy has its own allowance (and the proxy chain's last hop counts:
    // the client cannot choose its own address by prepending one).
    expect(await badKey(s, PROXY, '198.51.100.2')).toBe(401);
    expect(await badKey(s, PROXY, '198.51.100.99, 198.51.100.1')).toBe(429);
  });

  it('should ignore a forged X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const s = await start([PROXY]);
    const statuses: number[] = [];
    // A new forged client address on every request: if it were believed, every answer would be 401.
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await badKey(s, '203.0.113.7', `198.51.100.${i + 1}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('should key on the connection peer when no proxy is trusted (the default)', async () => {
    const s = await start([]);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await badKey(s, PROXY, `198.51.100.${i + 1}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
