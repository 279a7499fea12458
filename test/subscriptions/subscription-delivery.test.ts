/**
 * Subscription delivery against a real local HTTP receiver: signed callbacks, filters and data ownership,
 * retries in order with exactly-once acknowledgement, and a restart in the middle of retrying.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { EventProvenance, NewCanonicalEvent } from '../../src/domain/canonical-event.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import type { StoreConfig } from '../../src/store/open-database.js';
import { verifyNotification } from '../../src/subscriptions/notification-signature.js';
import { startSubscriptionDelivery } from '../../src/subscriptions/start-subscription-delivery.js';
import type { SubscriptionDeliveryWorker } from '../../src/subscriptions/subscription-delivery-worker.js';
import { SubscriptionRepository } from '../../src/subscriptions/subscription-repository.js';
import { gateMove } from '../dcsa-api/gate-move.js';
import { createScratchDatabase, DATABASE_URL, ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { acknowledged, startReceiver, until, type CallbackReceiver } from './callback-receiver.js';

const SECRET = Buffer.from('openpcs-test-secret-of-at-least-32-bytes!!').toString('base64');
const FAST = { retry: { baseDelayMs: 20, maxDelayMs: 200 }, pollIntervalMs: 100, requestTimeoutMs: 2_000 };
const mine = (org: string, visibility: EventProvenance['visibility'] = 'private'): EventProvenance => ({
  source: 'test',
  inboxId: null,
  sourceOrg: org,
  ownerOrgs: [org],
  visibility,
});
const departure = (n: number): NewCanonicalEvent => ({
  ...gateMove(n),
  idempotencyKey: `test:depa:${n}`,
  eventType: 'TRANSPORT',
  eventTypeCode: 'DEPA',
  references: { vesselIMONumber: '9893890', carrierVoyageNumber: 'V100' },
});

describe.each(ENGINES)('subscription delivery on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let receiver: CallbackReceiver;
  let worker: SubscriptionDeliveryWorker | undefined;
  let carrier: string;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
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

  const subscribe = async (body: Record<string, unknown>, authorization = carrier) =>
    server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      payload: { callbackUrl: receiver.url, secret: SECRET, ...body },
      headers: { authorization },
    });

  it('should manage subscriptions per organisation and never return the secret', async () => {
    const created = await subscribe({ eventType: ['EQUIPMENT'], equipmentReference: 'MSCU1234565' });
    expect(created.statusCode, created.body).toBe(201);
    const sub = created.json();
    expect(sub).toMatchObject({
      callbackUrl: receiver.url,
      eventType: ['EQUIPMENT'],
      equipmentReference: 'MSCU1234565',
    });
    expect(JSON.stringify(sub)).not.toContain(SECRET);
    const other = (await orgWithKey(platform, 'maeu', 'carrier')).authorization;
    const get = (url: string, authorization = carrier) => server.app.inject({ url, headers: { authorization } });
    expect((await get(`/v2/event-subscriptions/${sub.subscriptionID}`)).json().subscriptionID).toBe(sub.subscriptionID);
    expect((await get(`/v2/event-subscriptions/${sub.subscriptionID}`, other)).statusCode).toBe(404);
    expect((await get('/v2/event-subscriptions', other)).json()).toEqual([]);
    expect((await get('/v2/event-subscriptions')).json()).toHaveLength(1);
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/v2/event-subscriptions',
      payload: { callbackUrl: receiver.url, secret: SECRET },
    });
    expect(anonymous.statusCode).toBe(401);
    const short = await subscribe({ secret: Buffer.from('too short').toString('base64') });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].pointer).toBe('/body/secret');
    const ftp = await subscribe({ callbackUrl: 'ftp://127.0.0.1/x' });
    expect(ftp.json().errors[0].pointer).toBe('/body/callbackUrl');
    const removed = await server.app.inject({
      method: 'DELETE',
      url: `/v2/event-subscriptions/${sub.subscriptionID}`,
      headers: { authorization: other },
    });
    expect(removed.statusCode).toBe(404);
    const deleted = await server.app.inject({
      method: 'DELETE',
      url: `/v2/event-subscriptions/${sub.subscriptionID}`,
      headers: { authorization: carrier },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await get(`/v2/event-subscriptions/${sub.subscriptionID}`)).statusCode).toBe(404);
  });

  it('should POST matching, visible events as signed DCSA JSON arrays', async () => {
    const sub = (await subscribe({ eventType: ['EQUIPMENT'] })).json();
    worker = startSubscriptionDelivery(platform, FAST);
    await platform.events.append([gateMove(1), departure(2), gateMove(3)], mine('mscu'));
    await platform.events.append([gateMove(4)], mine('maeu')); // another carrier's private move
    await platform.events.append([gateMove(5)], mine('maeu', 'community'));
    await until(() => acknowledged(receiver).length >= 3, 'three deliveries');
    await worker.stop();
    const events = acknowledged(receiver);
    expect(events.map((e) => e['equipmentEventTypeCode'])).toEqual(['GTOT', 'GTOT', 'GTOT']);
    expect(events.map((e) => e['eventDateTime'])).toEqual([
      '2026-03-01T10:01:00.000Z',
      '2026-03-01T10:03:00.000Z',
      '2026-03-01T10:05:00.000Z',
    ]);
    for (const call of receiver.calls) {
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['subscription-id']).toBe(sub.subscriptionID);
      expect(call.headers['api-version']).toBe('2.2.0');
      const signature = call.headers['notification-signature'] as string;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyNotification(Buffer.from(SECRET, 'base64'), call.body, signature)).toBe(true);
    }
  });

  it('should audit every delivery of non-public events (one entry per request, naming the subscriber and the count) and no public-only delivery', async () => {
    const sub = (await subscribe({})).json();
    receiver.answer = (n) => (n === 0 ? 503 : 204); // the refused first attempt reached the receiver too
    worker = startSubscriptionDelivery(platform, FAST);
    await platform.events.append([gateMove(1), gateMove(2)], mine('mscu'));
    await until(() => acknowledged(receiver).length >= 2, 'the private events');
    await platform.events.append([gateMove(3), gateMove(4)], mine('maeu', 'public'));
    await until(() => acknowledged(receiver).length >= 4, 'the public events');
    await worker.stop();
    worker = undefined;
    expect(receiver.calls.map((c) => (JSON.parse(c.body) as unknown[]).length)).toEqual([2, 2, 2]);
    const entries = (await platform.audit.list({ action: 'read', limit: 1000 }))
      .filter((e) => e.resource.startsWith('webhook:'))
      .reverse();
    expect(
      entries.map((e) => [
        e.org_id,
        e.api_key_id,
        e.resource,
        e.detail['events'],
        e.detail['nonPublicEvents'],
        e.detail['statusCode'],
      ]),
    ).toEqual([
      ['mscu', null, `webhook:${sub.subscriptionID}`, 2, 2, 503],
      ['mscu', null, `webhook:${sub.subscriptionID}`, 2, 2, 204],
    ]);
  });

  it('should let a callback in flight finish and record it when stopped, so nothing is sent twice', async () => {
    const sub = (await subscribe({})).json();
    receiver.delayMs = 300;
    worker = startSubscriptionDelivery(platform, FAST);
    await platform.events.append([gateMove(1)], mine('mscu'));
    await until(() => receiver.calls.length === 1, 'the callback to arrive');
    // Stopped while the receiver is still answering: the worker waits for the answer and records it.
    await worker.stop();
    worker = undefined;
    const log = await new SubscriptionRepository(platform.database.db).deliveries(sub.subscriptionID, 10);
    expect(log.map((d) => ({ delivered: d.delivered, events: d.event_count }))).toEqual([
      { delivered: true, events: 1 },
    ]);
    // Started again, it has nothing to send.
    receiver.delayMs = 0;
    worker = startSubscriptionDelivery(platform, FAST);
    await platform.events.append([gateMove(2)], mine('mscu'));
    await until(() => receiver.calls.length === 2, 'the next event');
    expect(acknowledged(receiver).map((e) => e['eventDateTime'])).toEqual([
      '2026-03-01T10:01:00.000Z',
      '2026-03-01T10:02:00.000Z',
    ]);
  });

  it('should retry a failing receiver with backoff and deliver every event exactly once, in order', async () => {
    const sub = (await subscribe({})).json();
    receiver.answer = (n) => (n < 3 ? 503 : 204);
    worker = startSubscriptionDelivery(platform, { ...FAST, batchSize: 2 });
    const appended: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { appended: stored } = await platform.events.append([gateMove(10 + i)], mine('mscu'));
      appended.push(stored[0]!.eventId);
    }
    const deliveries = async (): Promise<
      { attempt: number; delivered: boolean; statusCode: number; eventCount: number }[]
    > =>
      (
        await server.app.inject({
          url: `/v2/event-subscriptions/${sub.subscriptionID}/deliveries`,
          headers: { authorization: carrier },
        })
      ).json();
    await until(() => acknowledged(receiver).length >= 5, 'all five events');
    // The receiver answers before the worker records the success: stopping in between aborts the
    // callback, which is then logged as failed and re-sent later (at-least-once). Wait for the record.
    await until(
      async () => (await deliveries()).filter((d) => d.delivered).reduce((n, d) => n + d.eventCount, 0) >= 5,
      'the delivery log to record all five events',
    );
    await worker.stop();
    expect(acknowledged(receiver).map((e) => e['eventID'])).toEqual(appended);
    expect(receiver.calls.slice(0, 3).map((c) => c.status)).toEqual([503, 503, 503]);
    // each failed attempt re-sent the same first batch: nothing was skipped while failing
    expect(
      new Set(receiver.calls.slice(0, 4).map((c) => (JSON.parse(c.body) as { eventID: string }[])[0]!.eventID)).size,
    ).toBe(1);
    const oldestFirst = [...(await deliveries())].reverse();
    expect(oldestFirst.slice(0, 4).map((d) => [d.attempt, d.delivered, d.statusCode])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, false, 503],
      [4, true, 204],
    ]);
    expect(oldestFirst.filter((d) => d.delivered).reduce((n, d) => n + d.eventCount, 0)).toBe(5);
    const status = (
      await server.app.inject({
        url: `/v2/event-subscriptions/${sub.subscriptionID}`,
        headers: { authorization: carrier },
      })
    ).json();
    expect(status.deliveryStatus).toMatchObject({ failedAttempts: 0, lastError: null });
  });
});

describe.each(ENGINES)('subscription delivery across a restart on $name', (engine) => {
  let config: StoreConfig;
  let cleanup: () => Promise<void>;
  let receiver: CallbackReceiver;
  beforeEach(async () => {
    receiver = await startReceiver();
    if (engine.name === 'postgres') {
      const scratch = await createScratchDatabase(DATABASE_URL!, { migrated: true });
      config = { engine: 'postgres', url: scratch.url, poolSize: 4 };
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'openpcs-subs-'));
      config = { engine: 'pglite', dataDir: dir };
      cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
    }
  });
  afterEach(async () => {
    await receiver.close();
    await cleanup();
  });

  it('should lose nothing and repeat nothing when stopped while retrying and started again', async () => {
    // 1. A receiver that is down; the subscriber's events pile up while the worker retries.
    receiver.answer = () => 500;
    let platform = await openPlatform({ store: config, callbackAllowNetworks: ['127.0.0.0/8'] });
    const subscriptionId = (
      await new SubscriptionRepository(platform.database.db).create({
        orgId: 'local',
        callbackUrl: receiver.url,
        secret: Buffer.from(SECRET, 'base64'),
        filter: {},
        position: '0',
      })
    ).id;
    let worker = startSubscriptionDelivery(platform, FAST);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await platform.events.append([gateMove(20 + i)], mine('local'))).appended[0]!.eventId);
    }
    await until(() => receiver.calls.length >= 2, 'two failed attempts');
    // 2. Stop mid-retry and close the store, as a restart does.
    await worker.stop();
    await platform.close();
    const failedBefore = receiver.calls.length;
    expect(acknowledged(receiver)).toEqual([]);
    // 3. Reopen the same store; more events arrive; the receiver has recovered.
    receiver.answer = () => 204;
    platform = await openPlatform({ store: config, callbackAllowNetworks: ['127.0.0.0/8'] });
    for (let i = 3; i < 5; i++) {
      ids.push((await platform.events.append([gateMove(20 + i)], mine('local'))).appended[0]!.eventId);
    }
    worker = startSubscriptionDelivery(platform, FAST);
    const deliveries = () => new SubscriptionRepository(platform.database.db).deliveries(subscriptionId, 100);
    await until(() => acknowledged(receiver).length >= 5, 'all five events after the restart');
    // As above: wait for the worker to record the success before stopping it.
    await until(
      async () => (await deliveries()).filter((d) => d.delivered).reduce((n, d) => n + d.event_count, 0) >= 5,
      'the delivery log to record all five events',
    );
    await worker.stop();
    try {
      expect(acknowledged(receiver).map((e) => e['eventID'])).toEqual(ids);
      const log = await deliveries();
      expect(log.filter((d) => !d.delivered).length).toBeGreaterThanOrEqual(failedBefore);
      expect(log.filter((d) => d.delivered).reduce((n, d) => n + d.event_count, 0)).toBe(5);
    } finally {
      await platform.close();
    }
  });
});
