/**
 * `GET /vessels/stream` over a real socket (what the portal's live map reads): the first message is every vessel
 * the caller may see (public AIS for anonymous callers, also its own private AIS for the organisation that sent
 * it); a position stored after connecting arrives as a new message without the client asking again; bad and
 * unknown query parameters are 400s with a pointer, never a stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { positionReport as report, SEED_VESSELS, seedAis } from '../../bench/portal-seed.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

interface Picture {
  at: string;
  vessels: {
    mmsi: string;
    status: string;
    lat: number;
    lon: number;
    observedAt: string;
    asOf: string;
    stale: boolean;
    source: { organisation: string; inboxId: string | null; eventId: string } | null;
  }[];
}

describe.each(ENGINES)('live vessel stream on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let base: string;
  const keys = new Map<string, string>();
  const clients: SseClient[] = [];
  const ingest = async (org: string, visibility: string, body: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/ais-nmea?visibility=${visibility}`,
      payload: body,
      headers: { authorization: keys.get(org)!, 'content-type': 'text/plain' },
    });
    expect(res.statusCode, res.body).toBe(202);
  };
  const open = async (org?: string) => {
    const client = await connectSse(`${base}/vessels/stream?interval=1`, org ? { authorization: keys.get(org)! } : {});
    clients.push(client);
    return client;
  };
  const picture = (client: SseClient, n: number) => client.messages[n]!.data as unknown as Picture;

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    keys.set('pa', (await orgWithKey(platform, 'pa', 'port_authority', ['read', 'ingest'])).authorization);
    keys.set('mscu', (await orgWithKey(platform, 'mscu', 'carrier', ['read', 'ingest'])).authorization);
    await ingest('pa', 'public', seedAis(Date.now()));
    // A carrier's own AIS receiver, kept private: only the carrier (and the port authority) see that ship.
    const [lon, lat] = SEED_VESSELS[0]!.at;
    await ingest('mscu', 'private', report(366000009, lon + 0.01, lat - 0.01, Date.now() - 60_000, 8, 0));
    await platform.projections.catchUpAll();
  }, 120_000);
  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.shutdown();
    await platform.close();
  });

  it('should send every vessel the caller may see on connect: public ones to anyone, private ones to their owner', async () => {
    const anonymous = await open();
    const owner = await open('mscu');
    expect(anonymous.response.statusCode).toBe(200);
    expect(anonymous.response.headers['content-type']).toContain('text/event-stream');
    await until(() => anonymous.messages.length >= 1 && owner.messages.length >= 1, 'first pictures');
    expect(anonymous.messages[0]!.event).toBe('vessels');
    const seen = (client: SseClient) =>
      picture(client, 0)
        .vessels.map((v) => v.mmsi)
        .sort();
    const seeded = SEED_VESSELS.map((v) => String(v.mmsi)).sort();
    expect(seen(anonymous)).toEqual(seeded);
    expect(seen(owner)).toEqual([...seeded, '366000009'].sort());
    // Each item is dated and sourced like GET /vessels: the private ship by its owner's own report (its inbox message).
    const own = picture(owner, 0).vessels.find((v) => v.mmsi === '366000009')!;
    expect(own).toMatchObject({ asOf: own.observedAt, stale: false, source: { organisation: 'mscu' } });
    expect(own.source!.inboxId).not.toBeNull();
    for (const v of picture(anonymous, 0).vessels) expect(v.source?.organisation, v.mmsi).toBe('pa');
    // Underway, at anchor, anchored outside and at berth: every state the map colours.
    expect(new Set(picture(anonymous, 0).vessels.map((v) => v.status))).toEqual(
      new Set(['underway', 'at_anchor', 'anchored_outside', 'at_berth']),
    );
  });

  it('should push a position stored after connecting, without the client asking again', async () => {
    const client = await open();
    await until(() => client.messages.length >= 1, 'the first picture');
    const underway = SEED_VESSELS.find((v) => v.sog > 0)!;
    const before = picture(client, 0).vessels.find((v) => v.mmsi === String(underway.mmsi))!;
    const lat = before.lat + 0.005;
    await ingest('pa', 'public', report(underway.mmsi, before.lon, lat, Date.now(), underway.sog, 0));
    // The projection runs in the background in a served process; here the test drives it.
    await until(async () => {
      await platform.projections.catchUpAll();
      return client.messages.some((m) =>
        (m.data as unknown as Picture).vessels.some(
          (v) => v.mmsi === String(underway.mmsi) && Math.abs(v.lat - lat) < 1e-4,
        ),
      );
    }, 'the moved vessel');
    const last = picture(client, client.messages.length - 1);
    expect(Date.parse(last.at)).toBeGreaterThanOrEqual(Date.parse(picture(client, 0).at));
  });

  it('should refuse a bad interval and unknown parameters with 400 and a pointer, not a stream', async () => {
    for (const [query, pointer] of [
      ['interval=0', '/query/interval'],
      ['interval=61', '/query/interval'],
      ['interval=soon', '/query/interval'],
      ['mmsi=366000001', '/query/mmsi'],
    ] as const) {
      const res = await server.app.inject({ url: `/vessels/stream?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res.json<{ errors?: { pointer: string }[] }>().errors?.map((e) => e.pointer),
        query,
      ).toContain(pointer);
    }
  });
});
