/**
 * Idempotency is scoped by sender (DESIGN §2): one organisation can neither pre-empt another's facts
 * (sending the victim's DCSA eventID first) nor probe another's data (re-sending its file and reading the
 * duplicate count). Two organisations reporting the same fact keep a record each; the read models show the
 * fact once and each organisation its own. A sender may change the visibility of what it sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { aisCsvOf, CALL_AT, callMinute, vesselOf } from '../cargo-api/access-matrix-fixture.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

interface EventView {
  readonly eventId: string;
  readonly idempotencyKey: string;
  readonly sourceOrg: string;
  readonly visibility: string;
}

const A_EVENT_ID = '0f7cd2a1-93b8-4ab0-a7f4-6c5bd1a08e2f';

describe.each(ENGINES)('tenancy of idempotency keys on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const auth: Record<string, string> = {};

  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    auth['a'] = (await orgWithKey(platform, 'carrier-a', 'carrier')).authorization;
    auth['b'] = (await orgWithKey(platform, 'carrier-b', 'carrier')).authorization;
    auth['c'] = (await orgWithKey(platform, 'bco-c', 'bco', ['read'])).authorization;
    auth['pa'] = (await orgWithKey(platform, 'pola', 'port_authority', ['read'])).authorization;
  });
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  const ingest = async (org: string, format: string, body: string | Buffer, query = '') => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}${query}`,
      headers: { authorization: auth[org]!, 'content-type': 'text/plain' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<{ inboxId: string; eventsAppended: number; eventsDuplicate: number }>();
  };
  const eventsSeenBy = async (org: string, query = '') => {
    const res = await server.app.inject({ url: `/events?limit=1000${query}`, headers: { authorization: auth[org]! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ events: EventView[] }>().events;
  };
  const get = (org: string, url: string) => server.app.inject({ url, headers: { authorization: auth[org]! } });
  const patch = (org: string, url: string, visibility: string) =>
    server.app.inject({
      method: 'PATCH',
      url,
      headers: { authorization: auth[org]!, 'content-type': 'application/json' },
      payload: { visibility },
    });

  it('should store the real event when another organisation sent a forged one with its eventID first', async () => {
    const real = fixture('dcsa/single-event.json');
    const forged = JSON.stringify({ ...JSON.parse(real.toString('utf8')), equipmentReference: 'CSQU3054383' });
    expect(await ingest('b', 'dcsa-events', forged)).toMatchObject({ eventsAppended: 1, eventsDuplicate: 0 });
    expect(await ingest('a', 'dcsa-events', real)).toMatchObject({ eventsAppended: 1, eventsDuplicate: 0 });

    const mine = await eventsSeenBy('a');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ sourceOrg: 'carrier-a', idempotencyKey: `dcsa:${A_EVENT_ID}` });
    const all = await eventsSeenBy('pa');
    expect(all.map((e) => e.sourceOrg).sort()).toEqual(['carrier-a', 'carrier-b']);
    // A's container is A's own fact: B's forged event under the same key does not stand in for it.
    await platform.projections.catchUpAll();
    const box = await get('a', '/containers/MSKU9070323');
    expect(box.statusCode, box.body).toBe(200);
  });

  it('should answer 0 duplicates to an organisation re-sending another’s private file, and keep its copy as its own', async () => {
    const file = fixture('dcsa/events-page.json');
    expect(await ingest('a', 'dcsa-events', file)).toMatchObject({ eventsAppended: 5, eventsDuplicate: 0 });
    expect(await ingest('b', 'dcsa-events', file)).toMatchObject({ eventsAppended: 5, eventsDuplicate: 0 });
    // The sender's own events sent again (in another message) are still recognised.
    expect(await ingest('b', 'dcsa-events', Buffer.concat([file, Buffer.from('\n')]))).toMatchObject({
      eventsAppended: 0,
      eventsDuplicate: 5,
    });
    const bs = await eventsSeenBy('b');
    expect(bs).toHaveLength(5);
    expect(new Set(bs.map((e) => e.sourceOrg))).toEqual(new Set(['carrier-b']));
    expect((await eventsSeenBy('a')).every((e) => e.sourceOrg === 'carrier-a')).toBe(true);
    expect(await eventsSeenBy('pa')).toHaveLength(10);
  });

  it('should keep both organisations’ reports of the same AIS positions and show the vessel once', async () => {
    const vessel = vesselOf(7);
    const csv = aisCsvOf(vessel);
    const first = await ingest('a', 'ais-csv-marinecadastre', csv);
    const second = await ingest('b', 'ais-csv-marinecadastre', csv);
    expect(first.eventsAppended).toBeGreaterThan(0);
    expect(second).toMatchObject({ eventsAppended: first.eventsAppended, eventsDuplicate: 0 });
    await platform.projections.catchUpAll();

    const callsOf = async (org: string) => {
      const res = await get(org, `/vessel-calls?mmsi=${vessel.mmsi}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ calls: { callId: string }[] }>().calls;
    };
    expect(await callsOf('pa')).toHaveLength(1);
    expect(await callsOf('a')).toHaveLength(1);
    expect(await callsOf('b')).toHaveLength(1);
    expect(await callsOf('c')).toHaveLength(0);
    for (const org of ['a', 'b', 'pa']) {
      const res = await get(org, `/vessels/${vessel.mmsi}`);
      expect(res.statusCode, `${org}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({
        mmsi: vessel.mmsi,
        imo: vessel.imo,
        name: vessel.name,
        position: { observedAt: callMinute(48) },
      });
      expect(res.json<{ mmsiHistory: unknown[] }>().mmsiHistory).toHaveLength(1);
    }
    expect((await get('c', `/vessels/${vessel.mmsi}`)).statusCode).toBe(404);
    const at = await get('pa', `/vessels?at=${callMinute(CALL_AT.berth)}`);
    expect(at.statusCode, at.body).toBe(200);
    const mmsis = at.json<{ vessels: { mmsi: string }[] }>().vessels.map((v) => v.mmsi);
    expect(mmsis.filter((m) => m === vessel.mmsi)).toHaveLength(1);
    // Each organisation's detected arrival is its own event, and only it sees it.
    const detectedBy = async (org: string) =>
      (await eventsSeenBy(org, '&source=vessel-call-detector')).map((e) => e.sourceOrg);
    expect(new Set(await detectedBy('a'))).toEqual(new Set(['carrier-a']));
    expect(new Set(await detectedBy('b'))).toEqual(new Set(['carrier-b']));
    expect(await detectedBy('c')).toEqual([]);
  });

  it('should let the sender share one event, audited, and answer others 404 as for a missing event', async () => {
    await ingest('a', 'dcsa-events', fixture('dcsa/single-event.json'));
    const [event] = await eventsSeenBy('a');
    expect(event!.visibility).toBe('private');
    expect(await eventsSeenBy('c')).toEqual([]);

    const refused = await patch('b', `/events/${event!.eventId}`, 'community');
    const missing = await patch('b', '/events/00000000-0000-4000-8000-000000000000', 'community');
    expect(refused.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(refused.json().code).toBe('PCS_EVENT_NOT_FOUND');
    expect({ ...refused.json(), detail: '', instance: '', errors: [] }).toEqual({
      ...missing.json(),
      detail: '',
      instance: '',
      errors: [],
    });
    expect((await patch('c', `/events/${event!.eventId}`, 'community')).statusCode).toBe(403); // no ingest scope
    expect(await eventsSeenBy('c')).toEqual([]);

    const shared = await patch('a', `/events/${event!.eventId}`, 'community');
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toEqual({
      visibility: 'community',
      previousVisibility: 'private',
      events: 1,
      eventsChanged: 1,
    });
    expect((await eventsSeenBy('c')).map((e) => e.eventId)).toEqual([event!.eventId]);
    await platform.projections.catchUpAll();
    const box = await get('c', '/containers/MSKU9070323');
    expect(box.statusCode, box.body).toBe(200);

    const audit = await platform.audit.list({ action: 'change-visibility' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      org_id: 'carrier-a',
      resource: `/events/${event!.eventId}`,
      detail: { from: 'private', to: 'community', events: 1, eventsChanged: 1 },
    });
  });

  it('should let the sender share a whole file, vessel read models included', async () => {
    const vessel = vesselOf(9);
    const message = await ingest('a', 'ais-csv-marinecadastre', aisCsvOf(vessel));
    await platform.projections.catchUpAll();
    expect((await get('c', `/vessels/${vessel.mmsi}`)).statusCode).toBe(404);
    // Re-sending it as community data is a duplicate: it changes nothing.
    await ingest('a', 'ais-csv-marinecadastre', aisCsvOf(vessel), '?visibility=community');
    await platform.projections.catchUpAll();
    expect((await get('c', `/vessels/${vessel.mmsi}`)).statusCode).toBe(404);

    expect((await patch('b', `/inbox/${message.inboxId}`, 'community')).statusCode).toBe(404);
    const shared = await patch('a', `/inbox/${message.inboxId}`, 'community');
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ previousVisibility: 'private', eventsChanged: message.eventsAppended });

    const seen = await get('c', `/vessels/${vessel.mmsi}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ name: vessel.name, position: { lat: expect.any(Number) } });
    const calls = await get('c', `/vessel-calls?mmsi=${vessel.mmsi}`);
    expect(calls.json<{ calls: unknown[] }>().calls).toHaveLength(1);
    expect(await platform.audit.list({ action: 'change-visibility' })).toHaveLength(1);
  });
});
