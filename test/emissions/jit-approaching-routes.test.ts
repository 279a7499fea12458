/**
 * Live just-in-time advice before the call (issue 15; docs/emissions.md "Advice before the call"): `GET
 * /jit/approaching` and `GET /vessels/{mmsi}/jit-advice`. Container ships still 100 nm south of the Long Beach
 * pilots send their AIS (MarineCadastre CSV) and their carrier states the planned berthing in its schedule
 * (csv-vessel-schedule `etb`), hours before the call detector would open a call at the port limits. Everything
 * goes through ingest and the projections, as a member would send it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { insertMatuSchedule } from '../forecast/queue-fixtures.js';

interface VesselAdvice {
  vessel: { mmsi: string; imo: string | null };
  callId: string | null;
  asOf: string | null;
  berthWindow: { start: string; basis: string; terminal: string | null; pilotBoardingAreaAt: string } | null;
  distanceToPilotNm: number | null;
  currentSpeedKn: number | null;
  advice: {
    advisedSpeedKn: number;
    slowDownAt: string | null;
    arrivalAtCurrentSpeed: string;
    advisedArrival: string;
    waitAtCurrentSpeedHours: number;
    lateHours: number;
    fuelSavedT: number;
    co2SavedT: number;
  } | null;
  reason: string | null;
}

interface Listing {
  at: string;
  asOf: string | null;
  vesselsApproaching: number;
  vesselsAdvised: number;
  vesselsInCall: number;
  fuelSavedT: number;
  co2SavedT: number;
  vessels: VesselAdvice[];
}

const HEADER =
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';
/** Long Beach pilot boarding area (forecast/eta/san-pedro-bay-approach.ts). */
const PILOT = { lat: 33.7, lon: -118.183 };
const LAST_FIX = Date.UTC(2026, 2, 10, 2, 9);
const AT = '2026-03-10T02:10Z';
const HOUR = 3_600_000;

/**
 * Ten minutes of a 300 m container ship on the meridian of the LB pilots at `sogKn`, its last position (02:09)
 * `nmSouth` nautical miles south of them; northbound (towards the pilots) unless `outbound`.
 */
function track(mmsi: string, imo: number, nmSouth: number, sogKn: number, outbound = false): string {
  const rows = [HEADER];
  const dir = outbound ? -1 : 1;
  for (let m = 0; m < 10; m++) {
    const t = new Date(LAST_FIX - (9 - m) * 60_000).toISOString().slice(0, 19);
    const lat = (PILOT.lat - nmSouth / 60 - (dir * (9 - m) * sogKn) / 60 / 60).toFixed(5);
    const cog = outbound ? 180 : 0;
    rows.push(
      `${mmsi},${t},${lat},${PILOT.lon},${sogKn.toFixed(1)},${cog},${cog},JIT ${mmsi},IMO${imo},A8R${mmsi.slice(-2)},70,0,300,48,14,70,A`,
    );
  }
  return rows.join('\n') + '\n';
}

const schedule = (rows: string[]): string =>
  ['vessel_imo,vessel_name,carrier_scac,voyage,service,port,terminal,schedule_type,eta,etb,etd,ata,atb,atd', ...rows]
    .join('\n')
    .concat('\n');

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';

describe.each(ENGINES)('just-in-time advice before the call on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let carrier: string;
  let other: string;
  const get = (url: string, authorization?: string) =>
    server.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
  const ingest = async (authorization: string, format: string, visibility: string, body: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}?visibility=${visibility}`,
      payload: body,
      headers: { authorization, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    carrier = (await orgWithKey(platform, 'jita-carrier', 'carrier')).authorization;
    other = (await orgWithKey(platform, 'jita-other', 'carrier')).authorization;
    // 031: 100 nm out at 18 kn, berth window 10 h after its last position. 032: no window stated (and a terminal
    // without a berth count: no queue). 033: as 031 but private to the carrier. 034: inside the port limits, in a
    // call. 035: 100 nm out, steaming away. 036: 100 nm out for Matson's terminal (MATU, one berth), no planned
    // berthing, the berth taken by a moored ship until 30 h after 036's last position: the queue is the window.
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', track('477000031', 9500003, 100, 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', track('477000032', 9501007, 100, 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'private', track('477000033', 9502013, 100, 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', track('477000034', 9503017, 3, 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', track('477000035', 9504023, 100, 18, true));
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', track('477000036', 9505027, 100, 18));
    const window = iso(LAST_FIX + 10 * HOUR);
    const eta = iso(LAST_FIX + 6 * HOUR);
    await ingest(
      carrier,
      'csv-vessel-schedule',
      'community',
      schedule([
        `9500003,JIT 477000031,CMDU,101N,,USLGB,LBCT,EST,${eta},${window},,,,`,
        `9501007,JIT 477000032,CMDU,102N,,USLGB,XXXX,EST,${eta},,,,,`,
        `9502013,JIT 477000033,CMDU,103N,,USLGB,LBCT,EST,${eta},${window},,,,`,
        `9503017,JIT 477000034,CMDU,104N,,USLGB,LBCT,EST,${iso(LAST_FIX)},${window},,,,`,
        `9504023,JIT 477000035,CMDU,105N,,USLGB,LBCT,EST,${eta},${window},,,,`,
      ]),
    );
    await insertMatuSchedule(platform, new Date(LAST_FIX - HOUR), [
      { key: 'QUEUED', imo: '9505027', times: { eta: new Date(LAST_FIX + 6 * HOUR) } },
      {
        key: 'MOORED',
        imo: '9000030',
        times: { atb: new Date(LAST_FIX - 20 * HOUR), etd: new Date(LAST_FIX + 30 * HOUR) },
      },
    ]);
    await platform.projections.catchUpAll();
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('tells a ship 100 nm out at 18 kn with a berth window 10 h away to slow down now, and what that saves', async () => {
    const res = await get(`/vessels/477000031/jit-advice?at=${AT}`, other);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json<VesselAdvice>();
    expect(a.callId).toBeNull();
    expect(a.asOf).toBe('2026-03-10T02:09:00.000Z');
    expect(a.distanceToPilotNm).toBeCloseTo(100, 0);
    expect(a.currentSpeedKn).toBe(18);
    expect(a.berthWindow).toMatchObject({ start: '2026-03-10T12:09:00.000Z', basis: 'planned berthing' });
    const adv = a.advice!;
    expect(adv.advisedSpeedKn).toBeLessThan(18);
    // Not slower than needed: it still reaches the pilots when the window needs it there.
    expect(adv.advisedSpeedKn).toBeGreaterThan(10);
    expect(Math.abs(Date.parse(adv.advisedArrival) - Date.parse(a.berthWindow!.pilotBoardingAreaAt))).toBeLessThan(
      60_000,
    );
    expect(adv.slowDownAt).toBe(a.asOf);
    expect(adv.waitAtCurrentSpeedHours).toBeGreaterThan(2);
    expect(adv.lateHours).toBe(0);
    expect(adv.fuelSavedT).toBeGreaterThan(0);
    expect(adv.co2SavedT).toBeGreaterThan(adv.fuelSavedT);
    expect(a.reason).toBeNull();
  });

  it('lists the approaching ships the caller may see, with or without advice, and totals the savings', async () => {
    const res = await get(`/jit/approaching?at=${AT}`, other);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Listing>();
    expect(body.at).toBe('2026-03-10T02:10:00.000Z');
    // Not the private ship (033), not the one in a call (034, counted), not the one steaming away (035).
    expect(body.vessels.map((v) => v.vessel.mmsi).sort()).toEqual(['477000031', '477000032', '477000036']);
    expect(body.vesselsApproaching).toBe(3);
    expect(body.vesselsAdvised).toBe(2);
    expect(body.vesselsInCall).toBe(1);
    const noWindow = body.vessels.find((v) => v.vessel.mmsi === '477000032')!;
    expect(noWindow.advice).toBeNull();
    expect(noWindow.reason).toMatch(/no berth window/);
    const sum = body.vessels.reduce((t, v) => t + (v.advice?.co2SavedT ?? 0), 0);
    expect(body.co2SavedT).toBeCloseTo(sum, 3);
    expect(body.co2SavedT).toBeGreaterThan(0);
    // The owner of the private ship sees it too.
    const own = (await get(`/jit/approaching?at=${AT}`, carrier)).json<Listing>();
    expect(own.vessels.map((v) => v.vessel.mmsi).sort()).toEqual(['477000031', '477000032', '477000033', '477000036']);
  });

  it('takes the berth the live queue frees as the window when no berthing is planned', async () => {
    const a = (await get(`/vessels/477000036/jit-advice?at=${AT}`, other)).json<VesselAdvice>();
    expect(a.berthWindow).toMatchObject({
      basis: 'berth queue',
      terminal: 'MATU',
      start: new Date(LAST_FIX + 30 * HOUR).toISOString(),
    });
    // Some 28 h ahead of the berth at 18 kn: the advice is the 10 kn minimum, and it saves fuel and CO2.
    expect(a.advice!.advisedSpeedKn).toBe(10);
    expect(a.advice!.co2SavedT).toBeGreaterThan(0);
  });

  it('answers 404 for a vessel whose positions the caller may not see', async () => {
    expect((await get(`/vessels/477000033/jit-advice?at=${AT}`, carrier)).statusCode).toBe(200);
    const res = await get(`/vessels/477000033/jit-advice?at=${AT}`, other);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('PCS_VESSEL_NOT_FOUND');
    expect((await get(`/vessels/477000033/jit-advice?at=${AT}`)).statusCode).toBe(404);
  });

  it('answers a ship already in a call with its call, and lists it under /jit/advice only', async () => {
    const a = (await get(`/vessels/477000034/jit-advice?at=${AT}`, other)).json<VesselAdvice>();
    expect(a.callId).toMatch(/^477000034:/);
    const calls = (await get('/jit/advice', other)).json<{ calls: { callId: string }[] }>().calls;
    expect(calls.map((c) => c.callId)).toContain(a.callId);
  });

  it('gives no advice to a ship steaming away, nor before its first position, and says why', async () => {
    const away = (await get(`/vessels/477000035/jit-advice?at=${AT}`, other)).json<VesselAdvice>();
    expect(away.advice).toBeNull();
    expect(away.reason).toMatch(/not heading for the pilot boarding area/);
    // Seven hours after its last position the ship is no longer seen approaching.
    const late = await get('/jit/approaching?at=2026-03-10T09:10Z', other);
    expect(late.json<Listing>().vessels).toEqual([]);
    expect(
      (await get('/vessels/477000031/jit-advice?at=2026-03-10T09:10Z', other)).json<VesselAdvice>().reason,
    ).toMatch(/no AIS position in the 6 hours before/);
    expect((await get('/vessels/477000031/jit-advice?at=2026-03-09T00:00Z', other)).statusCode).toBe(404);
  });

  it('rejects unknown query parameters and malformed instants', async () => {
    expect((await get('/jit/approaching?terminal=LBCT', other)).statusCode).toBe(400);
    expect((await get('/vessels/477000031/jit-advice?at=yesterday', other)).statusCode).toBe(400);
    expect((await get('/vessels/47700003/jit-advice', other)).statusCode).toBe(400);
  });
});
