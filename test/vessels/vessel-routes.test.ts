import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { vesselsAtAnswer } from '../../src/cli/vessels-command.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { timedSampleLines } from '../transports/timed-sample.js';
import { coscoSpainCallEvents } from './cosco-spain-call.js';
import { EXPECTED_AT } from './expected-2022-01-03.js';

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
    await platform.pipeline.ingest({
      format: 'ais-csv-marinecadastre',
      body: extract,
      channel: 'test',
      sourceOrg: 'local',
      visibility: 'community',
    });
    // A complete call of another ship (the extract is 25 minutes: too short to see one).
    const call = coscoSpainCallEvents().map((e) => ({
      ...e,
      idempotencyKey: e.idempotencyKey.replace('477776200', '477000001'),
      references: { vesselMMSI: '477000001' },
      payload: { ...e.payload, mmsi: '477000001', imo: null, name: 'TEST CALLER' },
    }));
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
        vessel: { mmsi: '477000001', imo: null, name: 'TEST CALLER' },
        status: 'departed',
        anchorage: 'anchorage-f',
        timeAtAnchorMin: 120,
        terminal: 'polb-lbct',
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

  it('should take raw NMEA lines on POST /ingest/ais', async () => {
    const body = `${timedSampleLines().slice(0, 40).join('\n')}\n`;
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/ais',
      headers: { ...member, 'content-type': 'text/plain' },
      payload: body,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().eventsAppended).toBeGreaterThan(10);
    const inbox = await platform.inbox.get(res.json().inboxId as string);
    expect(inbox).toMatchObject({ format: 'ais-nmea', source_org: 'wbct', visibility: 'community' });
    const anonymous = await server.app.inject({ method: 'POST', url: '/ingest/ais', payload: body });
    expect(anonymous.statusCode).toBe(401);
  });
});
