/**
 * A derived event is visible to exactly those who may see every event it was derived from
 * (`access/derived-visibility.ts`). The vessel-call detector derives a call and its arrivals and departures from a
 * carrier's shared AIS file; when the carrier hides the file, another member no longer sees the call nor its
 * ARRI/DEPA events — on `/vessel-calls`, `/events`, `/v2/events` and the `/v2/stream` — while the carrier still
 * does; shown again, the member sees them again. Before, the detected events kept the visibility the file had when
 * they were detected, and the call stayed in every member's answers.
 *
 * A rebuild of the detector (what a change of visibility runs) keeps the events it derives again in sight while it
 * runs: interrupted after its reset, the member still sees them (before, the reset narrowed every detected event to
 * `private` until the replay widened it again), and what it no longer derives is hidden once a catch-up finishes it.
 * An owner cannot change a detected event's visibility itself (`PCS_EVENT_DERIVED`): it follows its positions.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { encodeCursor } from '../../src/api/cursor.js';
import type { Platform } from '../../src/platform.js';
import { changeVisibility } from '../../src/store/visibility-change.js';
import { aisCsvOf, vesselOf } from '../cargo-api/access-matrix-fixture.js';
import { ENGINES } from '../support/engines.js';
import { connectSse } from '../support/sse-client.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const VESSEL = vesselOf(41);
/** Shared after the hidden one: the stream has sent everything before it once it sent this vessel's arrival. */
const MARKER = vesselOf(43);

interface Seen {
  calls: number;
  events: number;
  dcsa: number;
}

describe.each(ENGINES)('events derived from a hidden AIS file are hidden with it on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let base: string;
  const auth: Record<string, string> = {};
  let inboxId: string;
  let markerInboxId: string;

  const get = (org: string, url: string) => server.app.inject({ url, headers: { authorization: auth[org]! } });
  const post = async (org: string, vessel: typeof VESSEL) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/ais-csv-marinecadastre?visibility=community',
      payload: aisCsvOf(vessel),
      headers: { authorization: auth[org]!, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await platform.projections.catchUpAll();
    return String(res.json<{ inboxId: string }>().inboxId);
  };
  const setVisibility = async (visibility: string) => {
    const res = await server.app.inject({
      method: 'PATCH',
      url: `/inbox/${inboxId}`,
      headers: { authorization: auth['carrier-a']!, 'content-type': 'application/json' },
      payload: { visibility },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** What `org` sees of the vessel's call (read without catching up: the PATCH rebuilt what follows it). */
  const seen = async (org: string, vessel = VESSEL): Promise<Seen> => {
    const calls = await get(org, `/vessel-calls?mmsi=${vessel.mmsi}`);
    expect(calls.statusCode, calls.body).toBe(200);
    const events = await get(org, '/events?source=vessel-call-detector&limit=100');
    expect(events.statusCode, events.body).toBe(200);
    const dcsa = await get(org, '/v2/events?eventType=TRANSPORT&limit=100');
    expect(dcsa.statusCode, dcsa.body).toBe(200);
    return {
      calls: calls.json<{ calls: unknown[] }>().calls.length,
      events: events
        .json<{ events: { references?: { vesselMMSI?: string } }[] }>()
        .events.filter((e) => e.references?.vesselMMSI === vessel.mmsi).length,
      dcsa: dcsa.json<unknown[]>().filter((e) => JSON.stringify(e).includes(vessel.imo)).length,
    };
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    auth['carrier-a'] = (await orgWithKey(platform, 'carrier-a', 'carrier', ['read', 'ingest'])).authorization;
    auth['bco-c'] = (await orgWithKey(platform, 'bco-c', 'bco', ['read'])).authorization;
    auth['carrier-b'] = (await orgWithKey(platform, 'carrier-b', 'carrier', ['read', 'ingest'])).authorization;
    inboxId = await post('carrier-a', VESSEL);
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should show another member the call and its arrivals and departures while the AIS file is shared', async () => {
    const shared = await seen('bco-c');
    expect(shared.calls).toBe(1);
    expect(shared.events).toBeGreaterThanOrEqual(2);
    expect(shared.dcsa).toBe(shared.events);
    expect(await seen('carrier-a')).toEqual(shared);
  });

  it('should hide the call and the detected events from the member once the file is hidden, not from the carrier', async () => {
    const shared = await seen('carrier-a');
    await setVisibility('private');
    expect(await seen('bco-c')).toEqual({ calls: 0, events: 0, dcsa: 0 });
    const own = await seen('carrier-a');
    expect(own.calls).toBe(1);
    expect(own.events).toBeGreaterThanOrEqual(shared.events);

    // The live stream, replayed from the start, holds none of them either, up to a call shared afterwards.
    markerInboxId = await post('carrier-a', MARKER);
    const stream = await connectSse(`${base}/v2/stream?lastEventId=${encodeCursor('0')}`, {
      authorization: auth['bco-c']!,
    });
    try {
      expect(stream.response.statusCode).toBe(200);
      for (let i = 0; i < 300 && !stream.messages.some((m) => m.text.includes(MARKER.imo)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stream.messages.some((m) => m.text.includes(MARKER.imo))).toBe(true);
      expect(stream.messages.filter((m) => m.text.includes(VESSEL.imo))).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('should show them to the member again once the file is shared again', async () => {
    await setVisibility('community');
    const again = await seen('bco-c');
    expect(again.calls).toBe(1);
    expect(again.events).toBeGreaterThanOrEqual(2);
    expect(again.dcsa).toBe(again.events);
  });

  /**
   * The detector's next rebuild stops after its reset, as a lost connection stops it (a transient failure: the
   * runner retries the page later), so a reader can look at what the rebuild left between its reset and its replay.
   */
  const interruptNextRebuild = (): (() => void) => {
    const detector = platform.projections.projections.find((p) => p.name === 'vessel-call-detector')!;
    const spy = vi
      .spyOn(detector, 'apply')
      .mockRejectedValueOnce(Object.assign(new Error('connection lost'), { code: '08006' }));
    return () => spy.mockRestore();
  };

  it('should keep showing the member the detected events a rebuild derives again while it runs', async () => {
    const before = await seen('bco-c');
    expect(before.events).toBeGreaterThanOrEqual(2);
    const restore = interruptNextRebuild();
    try {
      await expect(platform.projections.rebuild('vessel-call-detector')).rejects.toThrow('connection lost');
    } finally {
      restore();
    }
    // Between the reset and the replay: the call's events, derived again with the same visibility, stay in sight.
    expect((await seen('bco-c')).events).toBe(before.events);
    expect((await seen('bco-c')).dcsa).toBe(before.dcsa);
    await platform.projections.catchUpAll();
    expect((await seen('bco-c')).events).toBe(before.events);
  });

  it('should hide what an interrupted rebuild no longer derives once it has caught up, and only that', async () => {
    const marker = await seen('bco-c', MARKER);
    expect(marker.events).toBeGreaterThanOrEqual(2);
    const vessel = await seen('bco-c');
    await changeVisibility(platform.database.db, { inboxId: markerInboxId }, 'carrier-a', 'private');
    const restore = interruptNextRebuild();
    try {
      await expect(platform.projections.rebuild('vessel-call-detector')).rejects.toThrow('connection lost');
    } finally {
      restore();
    }
    // The next catch-up (any wake-up) finishes the rebuild: the marker's public detections are no longer derived.
    await platform.projections.catchUpAll();
    expect((await seen('bco-c', MARKER)).events).toBe(0);
    expect((await seen('carrier-a', MARKER)).events).toBeGreaterThanOrEqual(marker.events);
    expect((await seen('bco-c')).events).toBe(vessel.events);
  });

  it('should refuse to change the visibility of a detected event: it follows the positions it comes from', async () => {
    // One the member sees (shared with the community): hiding it would take it out of the member's answers.
    const listed = await get('bco-c', '/events?source=vessel-call-detector&limit=100');
    const detected = listed
      .json<{ events: { eventId: string; references?: { vesselMMSI?: string } }[] }>()
      .events.find((e) => e.references?.vesselMMSI === VESSEL.mmsi)!;
    const before = await seen('bco-c');
    const patch = (org: string) =>
      server.app.inject({
        method: 'PATCH',
        url: `/events/${detected.eventId}`,
        headers: { authorization: auth[org]!, 'content-type': 'application/json' },
        payload: { visibility: 'private' },
      });
    const refused = await patch('carrier-a');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('PCS_EVENT_DERIVED');
    // Not an owner (who may change what it sent): the same 404 as for an event that does not exist.
    const other = await patch('carrier-b');
    expect(other.statusCode, other.body).toBe(404);
    expect(await seen('bco-c')).toEqual(before);
  });
});
