import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { vesselsAtAnswer } from '../../src/cli/vessels-command.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey, operatesEveryTerminal } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { timedSampleLines } from '../transports/timed-sample.js';
import { coscoSpainCallEvents, type AisEvent } from './cosco-spain-call.js';
import { EXPECTED_AT, TANKERS_AT_ANCHOR, TANKERS_AT_BERTH } from './expected-2022-01-03.js';

interface VesselCall {
  callId: string;
  vessel: { mmsi: string; imo: string | null; name: string | null; shipType: number | null; shipCategory: string };
  port: string | null;
  status: string;
  ata: string | null;
  ataAnchorage: string | null;
  atb: string | null;
}

const extract = readFileSync(
  new URL('../vessel-calls/fixtures/marinecadastre-2022-01-03-san-pedro-bay.csv', import.meta.url),
);

describe.each(ENGINES)('vessel API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let member: { authorization: string };
  const get = (url: string, headers: Record<string, string> = member) =>
    server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    member = await orgWithKey(platform, 'wbct', 'terminal');
    await operatesEveryTerminal(platform, 'wbct');
    await platform.pipeline.ingest({
      format: 'ais-csv-marinecadastre',
      body: extract,
      channel: 'test',
      sourceOrg: 'local',
      visibility: 'community',
    });
    // A complete call of another ship (the extract is 25 minutes: too short to see one).
    const call = coscoSpainCallEvents().map((e): AisEvent => {
      const renamed = {
        idempotencyKey: e.idempotencyKey.replace('477776200', '477000001'),
        references: { vesselMMSI: '477000001' },
      };
      return e.eventTypeCode === 'STAT'
        ? { ...e, ...renamed, payload: { ...e.payload, mmsi: '477000001', imo: null, name: 'TEST CALLER' } }
        : { ...e, ...renamed, payload: { ...e.payload, mmsi: '477000001' } };
    });
    await platform.events.append(call, {
      source: 'test-ais',
      inboxId: null,
      sourceOrg: 'local',
      ownerOrgs: ['local'],
      visibility: 'community',
    });
    await platform.projections.catchUpAll();
  });
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should answer GET /vessels?at= exactly as the CLI does', async () => {
    const res = await get(`/vessels?at=${EXPECTED_AT}`);
    expect(res.statusCode).toBe(200);
    const cli = await vesselsAtAnswer(platform, EXPECTED_AT);
    const body = res.json();
    expect(body.vessels.filter((v: { status: string }) => v.status === 'at_anchor')).toEqual(cli.atAnchor);
    expect(body.vessels.filter((v: { status: string }) => v.status === 'at_berth')).toEqual(cli.atBerth);
    const anchored = await get(`/vessels?at=${EXPECTED_AT}&status=at_anchor&port=USLGB`);
    expect(anchored.json().vessels.map((v: { mmsi: string }) => v.mmsi)).toEqual(
      cli.atAnchor.filter((v) => v.zone?.port === 'USLGB').map((v) => v.mmsi),
    );
  });

  it('should take instants without seconds, with fractions or offsets, and default ?at= to now', async () => {
    const full = await get('/vessels?at=2022-01-03T00:20:00Z');
    expect(full.json().vessels.length).toBeGreaterThan(30);
    // As docs/ais-feeds.md writes it: no seconds.
    for (const at of ['2022-01-03T00:20Z', '2022-01-03T00:20:00.000Z', '2022-01-02T16:20-08:00']) {
      const res = await get(`/vessels?at=${encodeURIComponent(at)}`);
      expect(res.statusCode, at).toBe(200);
      expect(res.json(), at).toEqual(full.json());
    }
    const departed = await get('/vessel-calls?status=departed&to=2022-01-03T01:00Z&from=2022-01-03T00:00Z');
    expect(departed.json().calls.map((c: { callId: string }) => c.callId)).toContain('477000001:2022-01-03T00:09');
    const before = Date.now();
    const now = await get('/vessels');
    const after = Date.now();
    expect(now.statusCode).toBe(200);
    expect(Date.parse(now.json().at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(now.json().at)).toBeLessThanOrEqual(after);
    const impossible = await get('/vessels?at=2022-02-30T00:20Z');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().errors[0].pointer).toBe('/query/at');
  });

  it('should date a waiting ship from the first report of its run, not from its last report', async () => {
    /*
     * Derived by hand from marinecadastre-2022-01-03-san-pedro-bay.csv (rows of 2022-01-03 up to 00:20:00;
     * the track keeps the first report of each UTC minute, and every row below is the only one of its minute):
     *
     * ATLANTIS TRADE, MMSI 210185000, VesselType 70, Status 1 (at anchor), at 33.7287 N 118.1457 W throughout:
     *   00:02:36 SOG 0.1 | 00:05:36 0 | 00:08:32 0.1 | 00:11:38 0.1 | 00:17:39 0   (next row 00:20:34 is after `at`)
     *   no earlier row that day, every gap <= 6 min (limit 30)  =>  at anchor since 00:02:36, last report 00:17:39.
     * CMA CGM OPAL, MMSI 636014168, VesselType 70:
     *   00:00:00 SOG 10.1 Status 0 at 33.5388 N 118.1424 W (under way, out at sea)
     *   00:01:22 SOG 0.1 Status 5 (moored) at 33.7665 N 118.2734 W, then 00:04:22, 00:07:22, 00:10:22, 00:13:22,
     *   00:19:22 all SOG <= 0.1 Status 5 at the same spot    =>  at berth since 00:01:22, last report 00:19:22.
     */
    const vessels = (await get(`/vessels?at=${EXPECTED_AT}`)).json<{
      vessels: { mmsi: string; status: string; since: string; observedAt: string }[];
    }>().vessels;
    const pick = (mmsi: string) => vessels.find((v) => v.mmsi === mmsi);
    expect(pick('210185000')).toMatchObject({
      status: 'at_anchor',
      since: '2022-01-03T00:02:36.000Z',
      observedAt: '2022-01-03T00:17:39.000Z',
    });
    expect(pick('636014168')).toMatchObject({
      status: 'at_berth',
      since: '2022-01-03T00:01:22.000Z',
      observedAt: '2022-01-03T00:19:22.000Z',
    });
    // No ship that waited the whole extract is dated from its last report.
    const waiting = vessels.filter((v) => v.status === 'at_anchor');
    expect(waiting.filter((v) => v.since < '2022-01-03T00:05:00.000Z').length).toBeGreaterThan(waiting.length / 2);
  });

  it('should filter vessels by ship type and list the ships anchored outside the anchorages', async () => {
    type At = { mmsi: string; status: string; shipType: number | null; shipCategory: string; lengthM: number | null };
    const all = (await get(`/vessels?at=${EXPECTED_AT}`)).json<{ vessels: At[] }>().vessels;
    const tankers = (await get(`/vessels?at=${EXPECTED_AT}&type=tanker`)).json<{ vessels: At[] }>().vessels;
    expect(tankers.map((v) => v.mmsi)).toEqual(
      all.filter((v) => v.shipType !== null && v.shipType >= 80 && v.shipType <= 89).map((v) => v.mmsi),
    );
    // Tankers of 60 m or more at anchor / at berth, as derived by hand in expected-2022-01-03.ts.
    const big = (status: string) =>
      tankers.filter((v) => v.status === status && (v.lengthM ?? Infinity) >= 60).map((v) => v.mmsi);
    expect(big('at_berth')).toEqual(TANKERS_AT_BERTH);
    expect(big('at_anchor')).toEqual(TANKERS_AT_ANCHOR);
    expect(tankers.every((v) => v.shipCategory === 'tanker')).toBe(true);
    const cargo = (await get(`/vessels?at=${EXPECTED_AT}&type=cargo&status=anchored_outside`)).json<{
      vessels: At[];
    }>().vessels;
    expect(cargo.map((v) => v.mmsi)).toEqual(expect.arrayContaining(['538003093', '565132000', '565653000']));
    expect(all.filter((v) => v.status === 'anchored_outside').length).toBeGreaterThanOrEqual(3);
    expect((await get(`/vessels?at=${EXPECTED_AT}&type=submarine`)).json().errors[0].pointer).toBe('/query/type');
  });

  it('should not show community vessel data to an anonymous caller', async () => {
    const res = await get(`/vessels?at=${EXPECTED_AT}`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().vessels).toEqual([]);
    expect((await get('/vessels/477776200', {})).statusCode).toBe(404);
    expect((await get('/vessel-calls', {})).json().calls).toEqual([]);
  });

  it('should find a vessel by MMSI or IMO number with its latest position', async () => {
    const byMmsi = await get('/vessels/477776200');
    expect(byMmsi.statusCode).toBe(200);
    expect(byMmsi.json()).toMatchObject({
      mmsi: '477776200',
      imo: '9516442',
      name: 'COSCO SPAIN',
      callSign: 'VRMX2',
      draughtM: 12.8,
      mmsiHistory: [{ mmsi: '477776200' }],
      position: { navStatus: 5 },
    });
    expect((await get('/vessels/9516442')).json()).toEqual(byMmsi.json());
  });

  it('should answer problem+json for an unknown vessel and a malformed id', async () => {
    const missing = await get('/vessels/1234567');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('PCS_VESSEL_NOT_FOUND');
    const bad = await get('/vessels/12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PCS_API_VALIDATION');
    expect((await get('/vessels?at=yesterday')).json().errors[0].pointer).toBe('/query/at');
  });

  it('should list detected vessel calls by terminal, status and time', async () => {
    const res = await get('/vessel-calls?terminal=polb-lbct');
    expect(res.statusCode).toBe(200);
    const called = res.json().calls.filter((c: { vessel: { mmsi: string } }) => c.vessel.mmsi === '477000001');
    expect(called).toEqual([
      expect.objectContaining({
        // The ship type from its AIS static data (71: cargo, hazard category A): a berth line-up tells a container
        // ship waiting from a tug in port limits by it.
        vessel: { mmsi: '477000001', imo: null, name: 'TEST CALLER', shipType: 71, shipCategory: 'cargo' },
        status: 'departed',
        anchorage: 'anchorage-f',
        timeAtAnchorMin: 120,
        terminal: 'polb-lbct',
        terminalSmdgCode: 'LBCT',
        atb: '2022-01-03T02:50:00.000Z',
        atd: '2022-01-03T12:50:00.000Z',
        draughtInM: 14.5,
        draughtOutM: 12.8,
      }),
    ]);
    const later = await get('/vessel-calls?terminal=polb-lbct&from=2022-01-04T00:00:00Z');
    expect(later.json().calls.some((c: { vessel: { mmsi: string } }) => c.vessel.mmsi === '477000001')).toBe(false);
    const departed = await get('/vessel-calls?status=departed&to=2022-01-03T01:00:00Z');
    expect(departed.json().calls.map((c: { callId: string }) => c.callId)).toContain('477000001:2022-01-03T00:09');
  });

  it('should page through every call with the cursor, in start order, and export the same pages', async () => {
    const all = (await get('/vessel-calls?limit=1000')).json<{ calls: VesselCall[]; nextCursor: null }>();
    expect(all.nextCursor).toBeNull();
    expect(all.calls.length).toBeGreaterThan(3);
    const starts = all.calls.map((c) => c.ata ?? c.ataAnchorage ?? c.atb);
    expect(starts).toEqual([...starts].sort());

    const paged: VesselCall[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/vessel-calls?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ calls: VesselCall[]; nextCursor: string | null }>();
      expect(page.calls.length).toBeLessThanOrEqual(2);
      paged.push(...page.calls);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    expect(paged).toEqual(all.calls);
    expect(pages).toBe(Math.ceil(all.calls.length / 2));

    const csv = await get('/vessel-calls?limit=2&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'callId,mmsi,imo,vesselName,shipType,shipCategory,port,status,ata,ataAnchorage,anchorage,timeAtAnchorMin,terminal,terminalSmdgCode,atb,atd,atdPort,draughtInM,draughtOutM,asOf,sourceOrganisation,sourceEventId',
    );
    const first = all.calls[0]!;
    expect(lines[1]!.split(',').slice(0, 8)).toEqual([
      first.callId,
      first.vessel.mmsi,
      first.vessel.imo ?? '',
      first.vessel.name ?? '',
      String(first.vessel.shipType ?? ''),
      first.vessel.shipCategory,
      first.port ?? '',
      first.status,
    ]);
    expect(lines).toHaveLength(3);
    // The next page of an export is in the header; the same cursor works for JSON.
    const next = csv.headers['next-page-cursor'] as string;
    expect((await get(`/vessel-calls?limit=2&cursor=${next}`)).json().calls).toEqual(all.calls.slice(2, 4));

    const ndjson = await get('/vessel-calls?limit=1000', { ...member, accept: 'application/x-ndjson' });
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(
      ndjson.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as VesselCall),
    ).toEqual(all.calls);

    const bad = await get('/vessel-calls?cursor=bm90LW91cnM');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'PCS_API_BAD_CURSOR', errors: [{ pointer: '/query/cursor' }] });
  });

  it('should filter vessel calls and vessels by IMO number', async () => {
    const all = (await get('/vessel-calls?limit=1000')).json<{ calls: VesselCall[] }>().calls;
    const byImo = (await get('/vessel-calls?imo=9516442&limit=1000')).json<{ calls: VesselCall[] }>().calls;
    expect(byImo.length).toBeGreaterThan(0);
    expect(byImo).toEqual(all.filter((c) => c.vessel.imo === '9516442'));
    expect(all.length).toBeGreaterThan(byImo.length);
    const vessels = (await get(`/vessels?at=${EXPECTED_AT}&imo=9516442`)).json<{ vessels: { mmsi: string }[] }>();
    expect(vessels.vessels.map((v) => v.mmsi)).toEqual(['477776200']);
    expect((await get('/vessel-calls?imo=95164')).json().errors[0].pointer).toBe('/query/imo');
  });

  it('should show one call by its id, and 404 for an unknown or malformed one', async () => {
    const res = await get('/vessel-calls/477000001:2022-01-03T00:09');
    expect(res.statusCode).toBe(200);
    const listed = (await get('/vessel-calls?mmsi=477000001')).json<{ calls: VesselCall[] }>().calls;
    expect(listed).toEqual([res.json()]);
    expect(res.json()).toMatchObject({ terminal: 'polb-lbct', status: 'departed', timeAtAnchorMin: 120 });

    const missing = await get('/vessel-calls/477000001:2022-01-04T00:09');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('PCS_VESSEL_CALL_NOT_FOUND');
    // Community data: members only.
    expect((await get('/vessel-calls/477000001:2022-01-03T00:09', {})).statusCode).toBe(404);
    const malformed = await get('/vessel-calls/yesterday');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].pointer).toBe('/params/callId');
  });

  it('should take raw NMEA lines on POST /ingest/ais-nmea, the one route of the format', async () => {
    const body = `${timedSampleLines().slice(0, 40).join('\n')}\n`;
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/ais-nmea?visibility=community',
      headers: { ...member, 'content-type': 'text/plain' },
      payload: body,
    });
    // The sample holds some sentences a receiver logged broken: stored parts plus listed rejections is a 207.
    expect(res.statusCode).toBe(207);
    expect(res.json().eventsAppended).toBeGreaterThan(10);
    expect(res.json().rejected).toBeGreaterThan(0);
    const inbox = await platform.inbox.get(res.json().inboxId as string);
    expect(inbox).toMatchObject({ format: 'ais-nmea', source_org: 'wbct', visibility: 'community' });
    const anonymous = await server.app.inject({ method: 'POST', url: '/ingest/ais-nmea', payload: body });
    expect(anonymous.statusCode).toBe(401);
    // The second AIS route that answered differently is gone: `ais` is not a format.
    const old = await server.app.inject({
      method: 'POST',
      url: '/ingest/ais',
      headers: { ...member, 'content-type': 'text/plain' },
      payload: body,
    });
    expect(old.statusCode).toBe(404);
    expect(old.json().code).toBe('PCS_INGEST_UNKNOWN_FORMAT');
  });
});
