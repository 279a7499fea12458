/**
 * "As of and source on every record" for vessels (issue 13): `GET /vessels/{imoOrMmsi}` carries `asOf` — the time of
 * the newest report behind the answer the caller may see (the latest position or the static report) — `source`, the
 * organisation and event that stated it, and `stale` when that report is older than `OPENPCS_VESSEL_STALE_MINUTES`
 * (the server's `vesselStaleMinutes`) at the request. Reports are dated relative to the test's start, so `stale`
 * is judged against the real clock. The items of `GET /vessels?at=` (and `/vessels/stream`) carry the same three, dated by
 * the shown position or the registry's static report when newer, with `stale` judged at `at`. Vessel calls (`GET /vessel-calls`, `/vessel-calls/{callId}`) carry `asOf`, the
 * newest detection of the call, and `source`, the organisation whose report confirmed it and the detection event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { CanonicalEventOf } from '../../src/domain/canonical-event.js';
import { positionIdempotencyKey } from '../../src/domain/vessel-observation.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { coscoSpainCallEvents, type AisEvent } from './cosco-spain-call.js';

const MOVING = '477000002';
const BY_STATIC = '477000003';
const NOW = Math.floor(Date.now() / 1000) * 1000;
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function stat(mmsi: string, at: string, draughtM: number): CanonicalEventOf<'STAT'> {
  return {
    idempotencyKey: `test-static:${mmsi}:${at}`,
    eventType: 'VESSEL',
    eventTypeCode: 'STAT',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    references: { vesselMMSI: mmsi },
    payload: {
      mmsi,
      imo: null,
      callSign: null,
      name: `TEST ${mmsi}`,
      shipType: 71,
      lengthM: 300,
      beamM: 48,
      draughtM,
      destination: 'USLGB',
    },
  };
}

function posn(mmsi: string, at: string): CanonicalEventOf<'POSN'> {
  return {
    idempotencyKey: positionIdempotencyKey(mmsi, at),
    eventType: 'VESSEL',
    eventTypeCode: 'POSN',
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: { latitude: 33.6, longitude: -118.2 },
    references: { vesselMMSI: mmsi },
    payload: { mmsi, lat: 33.6, lon: -118.2, sogKn: 12, cogDeg: 0, headingDeg: null, navStatus: 0, aisType: 1 },
  };
}

interface Vessel {
  mmsi: string;
  draughtM: number | null;
  asOf: string;
  stale: boolean;
  source: { organisation: string; inboxId: string | null; eventId: string };
}

describe.each(ENGINES)('vessel asOf, source and stale on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let strict: Server;
  let lenient: Server;
  const keys = new Map<string, string>();
  const get = async (via: Server, mmsi: string, org: string) => {
    const res = await via.app.inject({ url: `/vessels/${mmsi}`, headers: { authorization: keys.get(org)! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Vessel>();
  };
  const append = async (
    org: string,
    visibility: 'community' | 'private',
    events: (CanonicalEventOf<'STAT'> | CanonicalEventOf<'POSN'>)[],
  ) => {
    await platform.events.append(events, {
      source: 'test-ais',
      inboxId: null,
      sourceOrg: org,
      ownerOrgs: [org],
      visibility,
    });
    await platform.projections.catchUpAll();
  };
  const eventId = async (key: string, org: string) =>
    (
      await platform.database.db
        .selectFrom('event')
        .select('event_id')
        .where('idempotency_key', '=', key)
        .where('source_org', '=', org)
        .executeTakeFirstOrThrow()
    ).event_id;

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    strict = await buildServer({ platform, logLevel: 'silent', vesselStaleMinutes: 10 });
    lenient = await buildServer({ platform, logLevel: 'silent', vesselStaleMinutes: 120 });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['wbct', 'terminal'],
      ['aisfeed', 'terminal'],
      ['privfeed', 'terminal'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await append('aisfeed', 'community', [stat(MOVING, ago(40), 12), posn(MOVING, ago(20))]);
    // Static report newer than the position; then an older static report arrives late (the row's last applied).
    await append('aisfeed', 'community', [posn(BY_STATIC, ago(60)), stat(BY_STATIC, ago(45), 13)]);
    await append('aisfeed', 'community', [stat(BY_STATIC, ago(90), 11)]);
  }, 240_000);
  afterAll(async () => {
    for (const s of [server, strict, lenient]) await s?.shutdown();
    await platform?.close();
  });

  it('should date a vessel by its newest position, name who reported it, and flag it stale by the setting', async () => {
    const seen = await get(server, MOVING, 'wbct');
    expect(seen.asOf).toBe(ago(20));
    expect(seen.source).toEqual({
      organisation: 'aisfeed',
      inboxId: null,
      eventId: await eventId(positionIdempotencyKey(MOVING, ago(20)), 'aisfeed'),
    });
    // 20 minutes old: fresh under the default 30, stale under 10.
    expect(seen.stale).toBe(false);
    expect((await get(strict, MOVING, 'wbct')).stale).toBe(true);
  });

  it('should date a vessel by its static report when that is newer, not by a late older one', async () => {
    const seen = await get(server, BY_STATIC, 'wbct');
    expect(seen.draughtM).toBe(13);
    expect(seen.asOf).toBe(ago(45));
    expect(seen.source).toMatchObject({
      organisation: 'aisfeed',
      eventId: await eventId(`test-static:${BY_STATIC}:${ago(45)}`, 'aisfeed'),
    });
    expect(seen.stale).toBe(true);
    expect((await get(lenient, BY_STATIC, 'wbct')).stale).toBe(false);
  });

  it('should not move asOf for a newer private report of another organisation', async () => {
    await append('privfeed', 'private', [posn(MOVING, ago(5))]);
    const member = await get(server, MOVING, 'wbct');
    expect(member).toMatchObject({ asOf: ago(20), source: { organisation: 'aisfeed' } });
    const privateKey = positionIdempotencyKey(MOVING, ago(5));
    for (const org of ['privfeed', 'pa']) {
      const seen = await get(server, MOVING, org);
      expect(seen.asOf, org).toBe(ago(5));
      expect(seen.source, org).toEqual({
        organisation: 'privfeed',
        inboxId: null,
        eventId: await eventId(privateKey, 'privfeed'),
      });
      expect((await get(strict, MOVING, org)).stale, org).toBe(false);
    }
  });

  it('should date each item of GET /vessels?at= by its newest visible report, with its source and stale flag', async () => {
    const BY_POSITION = '477000005';
    const STATIC_NEWER = '477000006';
    await append('aisfeed', 'community', [stat(BY_POSITION, ago(40), 12), posn(BY_POSITION, ago(12))]);
    await append('aisfeed', 'community', [posn(STATIC_NEWER, ago(25)), stat(STATIC_NEWER, ago(8), 14)]);
    const list = async (via: Server, org: string) => {
      const res = await via.app.inject({
        url: `/vessels?status=underway&at=${encodeURIComponent(new Date(NOW).toISOString())}`,
        headers: { authorization: keys.get(org)! },
      });
      expect(res.statusCode, res.body).toBe(200);
      const found = new Map(res.json<{ vessels: Vessel[] }>().vessels.map((v) => [v.mmsi, v]));
      return (mmsi: string) => found.get(mmsi)!;
    };
    const seen = await list(server, 'wbct');
    expect(seen(BY_POSITION)).toMatchObject({
      asOf: ago(12),
      stale: false,
      source: {
        organisation: 'aisfeed',
        inboxId: null,
        eventId: await eventId(positionIdempotencyKey(BY_POSITION, ago(12)), 'aisfeed'),
      },
    });
    expect(seen(STATIC_NEWER)).toMatchObject({
      asOf: ago(8),
      stale: false,
      source: { organisation: 'aisfeed', eventId: await eventId(`test-static:${STATIC_NEWER}:${ago(8)}`, 'aisfeed') },
    });
    // 12 minutes old at `at`: stale under a 10-minute setting; the 8-minute-old static report is not.
    const strictly = await list(strict, 'wbct');
    expect(strictly(BY_POSITION).stale).toBe(true);
    expect(strictly(STATIC_NEWER).stale).toBe(false);

    // Another organisation's newer private report moves neither asOf nor source for a member; its owner sees it.
    await append('privfeed', 'private', [posn(BY_POSITION, ago(3))]);
    expect((await list(server, 'wbct'))(BY_POSITION)).toMatchObject({
      asOf: ago(12),
      source: { organisation: 'aisfeed' },
    });
    expect((await list(strict, 'wbct'))(BY_POSITION).stale).toBe(true);
    for (const org of ['privfeed', 'pa']) {
      const own = (await list(strict, org))(BY_POSITION);
      expect(own, org).toMatchObject({
        asOf: ago(3),
        stale: false,
        source: {
          organisation: 'privfeed',
          eventId: await eventId(positionIdempotencyKey(BY_POSITION, ago(3)), 'privfeed'),
        },
      });
    }
  });

  it("should date a vessel call by its newest detection, and keep another organisation's private call out", async () => {
    const CALLER = '477000004';
    /** COSCO SPAIN's call under another MMSI, `days` later, with keys of its own. */
    const call = (days: number, tag: string) =>
      coscoSpainCallEvents().map((e): AisEvent => {
        const at = new Date(Date.parse(e.eventDateTime) + days * 86_400_000).toISOString();
        const moved = {
          eventDateTime: at,
          eventCreatedDateTime: at,
          idempotencyKey: `${tag}:${e.idempotencyKey}`,
          references: { vesselMMSI: CALLER },
        };
        return e.eventTypeCode === 'STAT'
          ? { ...e, ...moved, payload: { ...e.payload, mmsi: CALLER, imo: null } }
          : { ...e, ...moved, payload: { ...e.payload, mmsi: CALLER } };
      });
    await append('aisfeed', 'community', call(0, 'feed'));
    interface Call {
      callId: string;
      ata: string | null;
      atb: string | null;
      atd: string | null;
      atdPort: string | null;
      asOf: string;
      source: { organisation: string; inboxId: string | null; eventId: string } | null;
    }
    const calls = async (org: string) => {
      const res = await server.app.inject({
        url: `/vessel-calls?mmsi=${CALLER}`,
        headers: { authorization: keys.get(org)! },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ calls: Call[] }>().calls;
    };
    const [seen, ...more] = await calls('wbct');
    expect(more).toEqual([]);
    const times = [seen!.ata, seen!.atb, seen!.atd, seen!.atdPort].filter((t): t is string => t !== null).sort();
    expect(times.length).toBeGreaterThan(1);
    // The newest detection is the newest milestone: the departure, not the arrival.
    expect(seen!.asOf).toBe(times.at(-1));
    expect(seen!.asOf).not.toBe(seen!.ata);
    expect(seen!.source).toMatchObject({ organisation: 'aisfeed', inboxId: null });
    const detection = await platform.database.db
      .selectFrom('event')
      .select(['source', 'source_org', 'event_date_time', 'vessel_mmsi'])
      .where('event_id', '=', seen!.source!.eventId)
      .executeTakeFirstOrThrow();
    expect({ ...detection, event_date_time: new Date(detection.event_date_time).toISOString() }).toEqual({
      source: 'vessel-call-detector',
      source_org: 'aisfeed',
      event_date_time: seen!.asOf,
      vessel_mmsi: CALLER,
    });
    const one = await server.app.inject({
      url: `/vessel-calls/${seen!.callId}`,
      headers: { authorization: keys.get('wbct')! },
    });
    expect(one.json()).toMatchObject({ asOf: seen!.asOf, source: seen!.source });

    // privfeed's private report of a later call of the same ship: the member's call keeps its asOf and source.
    await append('privfeed', 'private', call(2, 'private'));
    expect(await calls('wbct')).toEqual([seen]);
    const authority = await calls('pa');
    expect(authority.map((c) => c.source?.organisation)).toEqual(['aisfeed', 'privfeed']);
    expect(authority[0]).toEqual(seen);
    expect(Date.parse(authority[1]!.asOf)).toBeGreaterThan(Date.parse(seen!.asOf));
  });
});
