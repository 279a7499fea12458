/**
 * Generated access matrix of the push paths (DESIGN §5, §6 "role-leak tests"): the community of
 * access-matrix.test.ts (two organisations of every role, each sending its own PRIVATE gate transactions and
 * holds), but read through what the port pushes: the live DCSA stream (`GET /v2/stream` over a real socket,
 * opened before the data arrives), the same stream resumed with `Last-Event-ID`, and DCSA event subscriptions
 * (`POST /v2/event-subscriptions`) delivered by the worker to a real HTTP receiver per organisation.
 * No organisation may be pushed an identifier of another's data; its own must arrive; the port authority gets
 * everything. Two PUBLIC marker boxes, sent before and after the private data, bound the waiting: every push
 * path is in store order, so a reader that got the closing marker was offered everything before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { verifyNotification } from '../../src/subscriptions/notification-signature.js';
import { startSubscriptionDelivery } from '../../src/subscriptions/start-subscription-delivery.js';
import type { SubscriptionDeliveryWorker } from '../../src/subscriptions/subscription-delivery-worker.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { acknowledged, startReceiver, until, type CallbackReceiver } from '../subscriptions/callback-receiver.js';
import { boxOf, createOrgs, ingestOwnData, SENDS_DATA, visitOf, type Org } from './access-matrix-fixture.js';

const FAST = { retry: { baseDelayMs: 20, maxDelayMs: 200 }, pollIntervalMs: 100, requestTimeoutMs: 2_000 };
const WAIT_MS = 30_000;

/** Someone who reads: an organisation of the matrix, or an anonymous caller (no key). */
interface Reader {
  readonly id: string;
  readonly org: Org | null;
  readonly headers: Record<string, string>;
  /** Sees every organisation's data. */
  readonly sees: boolean;
}

type Path = 'live stream' | 'resumed stream' | 'subscription';

describe.each(ENGINES)('push access matrix on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let worker: SubscriptionDeliveryWorker | undefined;
  const clients: SseClient[] = [];
  const receivers = new Map<string, CallbackReceiver>();
  const subscriptionIds = new Map<string, string>();
  /** What each reader was pushed, per path: the raw text it received. */
  const pushed = new Map<string, Map<Path, string>>();
  const readers: Reader[] = [];
  let anonymousSubscription: { statusCode: number; body: string };

  // The markers: public boxes of the port authority, before (n = 21) and after (n = 22) all private data.
  const opening = { n: 21, box: boxOf(21), visitId: visitOf(21) };
  const closing = { n: 22, box: boxOf(22), visitId: visitOf(22) };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const orgs = await createOrgs(platform);
    readers.push(
      ...orgs.map((org) => ({
        id: org.id,
        org,
        headers: { authorization: org.authorization },
        sees: org.role === 'port_authority',
      })),
      { id: 'anonymous', org: null, headers: {}, sees: false },
    );
    const open = async (reader: Reader, headers: Record<string, string> = {}) => {
      const client = await connectSse(`${base}/v2/stream`, { ...reader.headers, ...headers });
      clients.push(client);
      expect(client.response.statusCode, reader.id).toBe(200);
      expect(client.response.headers['content-type']).toContain('text/event-stream');
      return client;
    };
    const has = (client: SseClient, box: string) => client.messages.some((m) => m.text.includes(box));

    // 1. Everyone listens before any data exists: live streams and subscriptions (from the current head).
    const live = new Map<string, SseClient>();
    for (const reader of readers) live.set(reader.id, await open(reader));
    const secrets = new Map<string, Buffer>();
    for (const reader of readers) {
      if (!reader.org) continue;
      const receiver = await startReceiver();
      receivers.set(reader.id, receiver);
      const secret = Buffer.from(`access-matrix-secret-of-${reader.id}`.padEnd(40, '!'));
      secrets.set(reader.id, secret);
      const created = await server.app.inject({
        method: 'POST',
        url: '/v2/event-subscriptions',
        headers: reader.headers,
        payload: { callbackUrl: receiver.url, secret: secret.toString('base64') },
      });
      expect(created.statusCode, `${reader.id}: ${created.body}`).toBe(201);
      subscriptionIds.set(reader.id, created.json<{ subscriptionID: string }>().subscriptionID);
    }
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      payload: { callbackUrl: 'http://127.0.0.1:9/never', secret: Buffer.alloc(32, 1).toString('base64') },
    });
    anonymousSubscription = { statusCode: anonymous.statusCode, body: anonymous.body };
    worker = startSubscriptionDelivery(platform, FAST);

    // 2. The opening marker, every organisation's private data, the closing marker.
    const portAuthority = orgs.find((o) => o.role === 'port_authority')!;
    const marker = (m: typeof opening) =>
      ingestOwnData(server, { ...m, authorization: portAuthority.authorization }, 'public');
    await marker(opening);
    for (const [id, client] of live) await until(() => has(client, opening.box), `${id}'s opening marker`, WAIT_MS);
    for (const org of orgs) if (SENDS_DATA(org.role)) await ingestOwnData(server, org);
    await marker(closing);

    // 3. Resume every stream after the opening marker, as a reconnecting EventSource does.
    const resumed = new Map<string, SseClient>();
    for (const reader of readers) {
      const lastEventId = live.get(reader.id)!.messages.find((m) => m.text.includes(opening.box))!.id!;
      resumed.set(reader.id, await open(reader, { 'last-event-id': lastEventId }));
    }

    // 4. Wait until every path has pushed the closing marker: then it has offered everything before it.
    for (const reader of readers) {
      await until(() => has(live.get(reader.id)!, closing.box), `${reader.id}'s live closing marker`, WAIT_MS);
      await until(() => has(resumed.get(reader.id)!, closing.box), `${reader.id}'s resumed closing marker`, WAIT_MS);
      const receiver = receivers.get(reader.id);
      if (receiver) {
        await until(
          () => acknowledged(receiver).some((e) => e['equipmentReference'] === closing.box),
          `${reader.id}'s delivered closing marker`,
          WAIT_MS,
        );
      }
    }
    await worker.stop();
    for (const client of clients) client.close();

    for (const reader of readers) {
      const text = (client: SseClient) => client.messages.map((m) => m.text).join('\n');
      const paths = new Map<Path, string>([
        ['live stream', text(live.get(reader.id)!)],
        ['resumed stream', text(resumed.get(reader.id)!)],
      ]);
      const receiver = receivers.get(reader.id);
      if (receiver) {
        // Every callback it was sent, acknowledged or not, belongs to its own subscription, signed with its secret.
        for (const call of receiver.calls) {
          expect(call.headers['subscription-id'], reader.id).toBe(subscriptionIds.get(reader.id));
          const signature = call.headers['notification-signature'] as string;
          expect(verifyNotification(secrets.get(reader.id)!, call.body, signature), reader.id).toBe(true);
        }
        paths.set('subscription', receiver.calls.map((c) => c.body).join('\n'));
      }
      pushed.set(reader.id, paths);
    }
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    for (const client of clients.splice(0)) client.close();
    await server?.shutdown();
    for (const receiver of receivers.values()) await receiver.close();
    await platform?.close();
  });

  it('should push no organisation’s data to any other, and the port authority everything', () => {
    const owners = readers.flatMap((r) => (r.org && SENDS_DATA(r.org.role) ? [r.org] : []));
    let cells = 0;
    const leaks: string[] = [];
    const missing: string[] = [];
    for (const reader of readers) {
      for (const [path, body] of pushed.get(reader.id)!) {
        // The resumed stream starts after the opening marker.
        if (path !== 'resumed stream' && !body.includes(opening.box)) {
          missing.push(`${reader.id}: no opening marker in ${path}`);
        }
        if (!body.includes(closing.box)) missing.push(`${reader.id}: no closing marker in ${path}`);
        for (const owner of owners) {
          cells += 1;
          const mine = owner.id === reader.id;
          const found = owner.tokens.filter((t) => body.includes(t));
          if (!mine && !reader.sees && found.length > 0) {
            leaks.push(`${owner.id} → ${reader.id} via ${path}: ${found.join(' ')}`);
          }
          if ((mine || reader.sees) && !body.includes(owner.box)) {
            missing.push(`${reader.id} misses ${owner.id}'s box in ${path}`);
          }
        }
      }
    }
    console.info(
      `[push access matrix ${engine.name}] ${readers.length} readers × paths × ${owners.length} owners = ${cells} cells, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(missing).toEqual([]);
    // 21 readers (20 organisations and an anonymous caller) on both streams; the 20 organisations subscribed.
    expect(cells).toBe((21 * 2 + 20) * 18);
  });

  it('should refuse a subscription without an API key', () => {
    expect(anonymousSubscription.statusCode).toBe(401);
    expect(JSON.parse(anonymousSubscription.body)).toMatchObject({ code: 'PCS_AUTH_REQUIRED' });
  });
});
