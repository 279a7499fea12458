/**
 * `GET /v2/stream` over a real socket: events appended after connecting arrive as SSE messages, filtered and
 * access-checked; reconnecting with Last-Event-ID resumes without gaps or repeats.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { EventProvenance } from '../../src/domain/canonical-event.js';
import type { Platform } from '../../src/platform.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../subscriptions/callback-receiver.js';
import { gateMove } from './gate-move.js';

const mine = (org: string): EventProvenance => ({
  source: 'test',
  inboxId: null,
  sourceOrg: org,
  ownerOrgs: [org],
  visibility: 'private',
});

describe.each(ENGINES)('DCSA live stream on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let base: string;
  let carrier: string;
  const clients: SseClient[] = [];
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    carrier = (await orgWithKey(platform, 'mscu', 'carrier')).authorization;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.shutdown();
    await platform.close();
  });

  const open = async (query = '', headers: Record<string, string> = {}) => {
    const client = await connectSse(`${base}/v2/stream${query}`, { authorization: carrier, ...headers });
    clients.push(client);
    return client;
  };

  it('should push events appended after connecting, filtered and visible to the caller only', async () => {
    await platform.events.append([gateMove(0)], mine('mscu')); // before connecting: not replayed
    const client = await open('?eventType=EQUIPMENT');
    expect(client.response.statusCode).toBe(200);
    expect(client.response.headers['content-type']).toContain('text/event-stream');
    await platform.events.append([gateMove(1)], mine('mscu'));
    await platform.events.append([gateMove(2)], mine('maeu')); // another carrier's private move
    await platform.events.append(
      [{ ...gateMove(3), idempotencyKey: 'test:depa', eventType: 'TRANSPORT', eventTypeCode: 'DEPA' }],
      mine('mscu'),
    );
    await platform.events.append([gateMove(4)], mine('mscu'));
    await until(() => client.messages.length >= 2, 'two messages');
    expect(client.messages.map((m) => [m.event, m.data['equipmentEventTypeCode'], m.data['eventDateTime']])).toEqual([
      ['EQUIPMENT', 'GTOT', '2026-03-01T10:01:00.000Z'],
      ['EQUIPMENT', 'GTIN', '2026-03-01T10:04:00.000Z'],
    ]);
    expect(client.messages.every((m) => typeof m.id === 'string' && m.id.length > 0)).toBe(true);
  });

  it('should resume after Last-Event-ID without gaps or repeats', async () => {
    const first = await open();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await platform.events.append([gateMove(i)], mine('mscu'))).appended[0]!.eventId);
    }
    await until(() => first.messages.length >= 3, 'three messages');
    first.close();
    const lastId = first.messages[1]!.id!; // pretend the third message was lost with the connection
    for (let i = 3; i < 5; i++) {
      ids.push((await platform.events.append([gateMove(i)], mine('mscu'))).appended[0]!.eventId);
    }
    const resumed = await open('', { 'last-event-id': lastId });
    await until(() => resumed.messages.length >= 3, 'the missed messages');
    for (let i = 5; i < 6; i++) {
      ids.push((await platform.events.append([gateMove(i)], mine('mscu'))).appended[0]!.eventId);
    }
    await until(() => resumed.messages.length >= 4, 'the live message');
    const seen = [...first.messages.slice(0, 2), ...resumed.messages].map((m) => m.data['eventID']);
    expect(seen).toEqual(ids);
    const byQuery = await open(`?lastEventId=${lastId}`);
    await until(() => byQuery.messages.length >= 4, 'resume by query parameter');
    expect(byQuery.messages.map((m) => m.data['eventID'])).toEqual(ids.slice(2));
  });

  it('should refuse a Last-Event-ID it did not issue', async () => {
    const res = await server.app.inject({
      url: '/v2/stream',
      headers: { authorization: carrier, 'last-event-id': 'nope' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PCS_API_BAD_CURSOR', errors: [{ pointer: '/headers/last-event-id' }] });
  });
});
