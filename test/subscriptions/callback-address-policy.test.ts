/**
 * Webhook callbacks must not become a way into the port's own network (SSRF): loopback, private, link-local,
 * shared and reserved addresses are refused when a subscription is made and again before each delivery,
 * except networks the operator allows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { loadEnv } from '../../src/config/env.js';
import type { Platform } from '../../src/platform.js';
import { CallbackAddressPolicy, type AddressLookup } from '../../src/subscriptions/callback-address-policy.js';
import { postCallback } from '../../src/subscriptions/post-callback.js';
import { startSubscriptionDelivery } from '../../src/subscriptions/start-subscription-delivery.js';
import type { SubscriptionDeliveryWorker } from '../../src/subscriptions/subscription-delivery-worker.js';
import { gateMove } from '../dcsa-api/gate-move.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { startReceiver, until, type CallbackReceiver } from './callback-receiver.js';

/** A resolver with fixed answers (no network in tests). */
const NAMES: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'intranet.example.com': ['10.0.0.7'],
  'split.example.com': ['93.184.216.34', '169.254.169.254'],
};
const lookup: AddressLookup = async (name) => {
  const found = NAMES[name];
  if (!found) throw new Error(`ENOTFOUND ${name}`);
  return found;
};

describe('callback address policy', () => {
  const strict = new CallbackAddressPolicy([], lookup);

  it('should refuse loopback, private, link-local, shared and reserved addresses and allow public ones', () => {
    const refused = [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.251',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ];
    expect(refused.filter((ip) => strict.allows(ip))).toEqual([]);
    const allowed = ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'];
    expect(allowed.filter((ip) => !strict.allows(ip))).toEqual([]);
  });

  it('should judge an IPv6 address that carries an IPv4 address by the IPv4 address, in every form', () => {
    const refused = [
      '::ffff:7f00:1', // mapped, hex (what the URL parser makes of [::ffff:127.0.0.1])
      '::ffff:a9fe:a9fe',
      '0:0:0:0:0:ffff:c0a8:101',
      '::127.0.0.1', // IPv4-compatible
      '::7f00:1',
      '::a00:1',
      '::ffff:0:7f00:1', // IPv4-translated
      '64:ff9b::127.0.0.1', // NAT64
      '64:ff9b::a9fe:a9fe',
      '64:ff9b::a00:1',
      '64:ff9b:1::5db8:d822', // local-use NAT64: the operator's own network, whatever it embeds
      '2002:7f00:1::1', // 6to4 of 127.0.0.1
      '2002:c0a8:101::1', // 6to4 of 192.168.1.1
      '2002:a9fe:a9fe::', // 6to4 of the metadata service
      '2001:0:4136:e378:8000:63bf:80ff:fffe', // Teredo, client 127.0.0.1
      '2001:0:a00:1:8000:63bf:a2c7:bd35', // Teredo, server 10.0.0.1
      'fec0::1',
      '2001:db8::1',
    ];
    expect(refused.filter((ip) => strict.allows(ip))).toEqual([]);
    const allowed = [
      '64:ff9b::5db8:d822',
      '2002:5db8:d822::1',
      '::ffff:5db8:d822',
      '2001:0:4136:e378:8000:63bf:a247:2ddd',
    ];
    expect(allowed.filter((ip) => !strict.allows(ip))).toEqual([]);
    // The operator's allowed IPv4 network is allowed in its IPv6 spellings too.
    const inHouse = new CallbackAddressPolicy(['127.0.0.0/8'], lookup);
    expect(['::ffff:7f00:1', '64:ff9b::7f00:1'].filter((ip) => !inHouse.allows(ip))).toEqual([]);
    expect(inHouse.allows('::ffff:a00:1')).toBe(false);
  });

  it('should refuse IPv4 literals in any spelling and names with a trailing dot', async () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://127.0.0.1./',
      'http://0300.0250.0.1/',
      'http://0xa9.0xfe.0xa9.0xfe/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:0:127.0.0.1]/',
      'http://[64:ff9b::169.254.169.254]/',
      'http://[::127.0.0.1]/',
      'http://[2002:7f00:1::1]/',
      'http://localhost./',
      'http://api.localhost./',
    ]) {
      expect(strict.literalRefusal(new URL(url)) ?? (await strict.refusal(new URL(url))), url).not.toBeNull();
    }
  });

  it('should allow exactly the networks the operator lists', () => {
    const policy = new CallbackAddressPolicy(['10.20.0.0/16', '127.0.0.1', 'fd00::/8'], lookup);
    expect(policy.allows('10.20.5.6')).toBe(true);
    expect(policy.allows('10.21.0.1')).toBe(false);
    expect(policy.allows('127.0.0.1')).toBe(true);
    expect(policy.allows('127.0.0.2')).toBe(false);
    expect(policy.allows('fd12::1')).toBe(true);
    expect(() => new CallbackAddressPolicy(['10.0.0.0/33'])).toThrow('bad prefix length');
    expect(() => new CallbackAddressPolicy(['intranet'])).toThrow('not a network');
  });

  it('should judge a name by every address it resolves to', async () => {
    expect(await strict.refusal(new URL('https://hooks.example.com/dcsa'))).toBeNull();
    expect(await strict.refusal(new URL('https://intranet.example.com/x'))).toContain('resolved to 10.0.0.7');
    expect(await strict.refusal(new URL('https://split.example.com/x'))).toContain('169.254.169.254');
    expect(await strict.refusal(new URL('http://[::1]:8080/x'))).toContain('::1');
    // A name that does not resolve is not refused: the delivery fails and is retried like any unreachable host.
    expect(await strict.refusal(new URL('https://nowhere.example.com/x'))).toBeNull();
  });

  it('should connect only where it checked: a name that rebinds to a private address after the check fails', async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      const send = (policy: CallbackAddressPolicy, host: string) =>
        postCallback(
          new URL(`http://${host}:${port}/hook`),
          '[]',
          {},
          {
            signal: AbortSignal.timeout(5_000),
            lookup: policy.connectLookup(),
          },
        );
      // Allowed network: the name resolves through the policy and the request arrives.
      const inHouse = new CallbackAddressPolicy(['127.0.0.0/8'], async () => ['127.0.0.1']);
      expect(await send(inHouse, 'receiver.test')).toBe(204);
      // A resolver that answers a public address first (the check) and loopback next (the connection).
      let calls = 0;
      const rebinding = new CallbackAddressPolicy([], async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']));
      expect(await rebinding.refusal(new URL(`http://rebind.test:${port}/hook`))).toBeNull();
      await expect(send(rebinding, 'rebind.test')).rejects.toMatchObject({ code: 'ECALLBACKREFUSED' });
      expect(receiver.calls).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('should read the allowed networks from the environment and refuse a bad one at start', () => {
    expect(
      loadEnv({ OPENPCS_CALLBACK_ALLOW_NETWORKS: '10.20.0.0/16, 127.0.0.1/32' }).OPENPCS_CALLBACK_ALLOW_NETWORKS,
    ).toEqual(['10.20.0.0/16', '127.0.0.1/32']);
    expect(loadEnv({}).OPENPCS_CALLBACK_ALLOW_NETWORKS).toEqual([]);
    expect(() => loadEnv({ OPENPCS_CALLBACK_ALLOW_NETWORKS: '10.0.0.0/8,intranet' })).toThrow(
      /OPENPCS_CALLBACK_ALLOW_NETWORKS: not a network: "intranet"/,
    );
  });
});

describe.each(ENGINES)('callback addresses through the API and the worker on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let receiver: CallbackReceiver;
  let worker: SubscriptionDeliveryWorker | undefined;
  let carrier: string;
  const secret = Buffer.alloc(32, 7).toString('base64');
  beforeEach(async () => {
    platform = await testPlatform(engine);
    // The operator allowed nothing: even the test's own receiver on 127.0.0.1 is off limits.
    server = await buildServer({
      platform: { ...platform, callbacks: new CallbackAddressPolicy([], lookup) },
      logLevel: 'silent',
    });
    receiver = await startReceiver();
    carrier = (await orgWithKey(platform, 'mscu', 'carrier')).authorization;
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await server.shutdown();
    await platform.close();
    await receiver.close();
  });

  const subscribe = (callbackUrl: string) =>
    server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      payload: { callbackUrl, secret },
      headers: { authorization: carrier },
    });

  it('should refuse to subscribe a callback into the private network, with the reason', async () => {
    for (const url of [
      receiver.url,
      'http://localhost:9/x',
      'http://[::1]:9/x',
      'http://169.254.169.254/latest/meta-data/',
      'https://intranet.example.com/hook',
    ]) {
      const res = await subscribe(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json(), url).toMatchObject({
        code: 'PCS_SUBSCRIPTION_CALLBACK_REFUSED',
        errors: [{ pointer: '/body/callbackUrl' }],
      });
    }
    const ok = await subscribe('https://hooks.example.com/dcsa/callback');
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('should answer a malformed or embedded-address callback URL 400 with a pointer, never 500', async () => {
    for (const url of [
      'not a url',
      'http://',
      'http://[::1',
      'http://exa mple.com/',
      'http://%00/',
      'http://1.2.3.4.5/',
      'http://0x100000000/',
      'ftp://hooks.example.com/',
      'https://user:pw@hooks.example.com/',
      'http://[::ffff:127.0.0.1]/x',
      'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
      'http://2130706433/x',
      'http://localhost./x',
    ]) {
      const res = await subscribe(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ errors: [{ pointer: '/body/callbackUrl' }] });
    }
  });

  it('should not deliver to a callback that now points into the private network, and say why', async () => {
    // Made while their network was allowed (the name did not resolve then, which is not a refusal) …
    const allowed = await buildServer({
      platform: { ...platform, callbacks: new CallbackAddressPolicy(['127.0.0.0/8'], lookup) },
      logLevel: 'silent',
    });
    const byName = `http://receiver.test:${new URL(receiver.url).port}/hook`;
    const ids: string[] = [];
    for (const callbackUrl of [receiver.url, byName]) {
      const made = await allowed.app.inject({
        method: 'POST',
        url: '/v2/event-subscriptions',
        payload: { callbackUrl, secret },
        headers: { authorization: carrier },
      });
      expect(made.statusCode, made.body).toBe(201);
      ids.push(made.json<{ subscriptionID: string }>().subscriptionID);
    }
    await allowed.shutdown();
    await platform.events.append([gateMove(1)], {
      source: 'test',
      inboxId: null,
      sourceOrg: 'mscu',
      ownerOrgs: ['mscu'],
      visibility: 'private',
    });
    // … delivered by a worker whose operator no longer allows it, and whose resolver puts the name on loopback.
    const resolves: AddressLookup = async (name) => (name === 'receiver.test' ? ['127.0.0.1'] : lookup(name));
    worker = startSubscriptionDelivery(platform, {
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
      pollIntervalMs: 50,
      callbacks: new CallbackAddressPolicy([], resolves),
    });
    const deliveries = async (id: string) =>
      (
        await server.app.inject({
          url: `/v2/event-subscriptions/${id}/deliveries`,
          headers: { authorization: carrier },
        })
      ).json<{ delivered: boolean; error: string | null }[]>();
    await until(
      async () => (await deliveries(ids[0]!)).length >= 2 && (await deliveries(ids[1]!)).length >= 2,
      'two refused attempts of each',
    );
    const [literal, named] = [await deliveries(ids[0]!), await deliveries(ids[1]!)];
    expect(literal.every((d) => !d.delivered && d.error?.startsWith('callback refused: 127.0.0.1'))).toBe(true);
    expect(
      named.every(
        (d) => !d.delivered && d.error?.startsWith('callback refused: receiver.test is resolved to 127.0.0.1'),
      ),
    ).toBe(true);
    expect(receiver.calls).toEqual([]);
  });
});
