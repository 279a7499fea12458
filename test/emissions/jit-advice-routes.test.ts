/**
 * Live just-in-time advice (issue 15; docs/emissions.md "Just-in-time arrival"): `GET
 * /vessel-calls/{callId}/jit-advice` and `GET /jit/advice`. Container ships come in through the Long Beach port
 * limits on their AIS (MarineCadastre CSV) and their carrier states the planned berthing in its schedule
 * (csv-vessel-schedule `etb`); the answer is the speed that meets the berth window from the newest position, with
 * fuel and CO2 against continuing at the current speed and waiting at anchor. Everything goes through ingest and
 * the projections, as a member would send it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

interface Advice {
  callId: string;
  status: string;
  asOf: string | null;
  source: string;
  berthWindow: { start: string; terminal: string | null; statedAt: string; pilotBoardingAreaAt: string } | null;
  distanceToPilotNm: number | null;
  currentSpeedKn: number | null;
  particulars: string | null;
  advice: {
    advisedSpeedKn: number;
    arrivalAtCurrentSpeed: string;
    advisedArrival: string;
    waitAtCurrentSpeedHours: number;
    remainingWaitHours: number;
    lateHours: number;
    fuelContinuingT: number;
    fuelAdvisedT: number;
    co2ContinuingT: number;
    co2AdvisedT: number;
    fuelSavedT: number;
    co2SavedT: number;
  } | null;
  reason: string | null;
}

/** Ten minutes of a 300 m container ship steaming north at `sogKn` inside the port limits towards the LB pilots. */
function approachCsv(mmsi: string, imo: string, sogKn: number): string {
  const rows = [
    'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
  ];
  for (let m = 0; m < 10; m++) {
    const t = new Date(Date.UTC(2026, 2, 10, 12, m)).toISOString().slice(0, 19);
    const lat = (33.6 + (m * sogKn) / 60 / 60).toFixed(5);
    rows.push(`${mmsi},${t},${lat},-118.18300,${sogKn.toFixed(1)},0,0,JIT ${mmsi},IMO${imo},A8RV3,70,0,300,48,14,70,A`);
  }
  return rows.join('\n') + '\n';
}

const schedule = (rows: string[]): string =>
  ['vessel_imo,vessel_name,carrier_scac,voyage,service,port,terminal,schedule_type,eta,etb,etd,ata,atb,atd', ...rows]
    .join('\n')
    .concat('\n');

const HOUR = 3_600_000;

describe.each(ENGINES)('live just-in-time advice on $name', (engine) => {
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
  const callOf = async (mmsi: string, authorization: string): Promise<string> => {
    const calls = (await get(`/vessel-calls?mmsi=${mmsi}`, authorization)).json<{ calls: { callId: string }[] }>()
      .calls;
    expect(calls).toHaveLength(1);
    return calls[0]!.callId;
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    carrier = (await orgWithKey(platform, 'jit-carrier', 'carrier')).authorization;
    other = (await orgWithKey(platform, 'jit-other', 'carrier')).authorization;
    // Early: berth at 16:00, hours after it reaches the pilots. Late: berth at 12:15. No window: no etb stated.
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', approachCsv('477000021', '9386483', 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', approachCsv('477000022', '9454448', 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'community', approachCsv('477000023', '9811000', 18));
    await ingest(carrier, 'ais-csv-marinecadastre', 'private', approachCsv('477000024', '9839179', 18));
    await ingest(
      carrier,
      'csv-vessel-schedule',
      'community',
      schedule([
        '9386483,JIT 477000021,CMDU,001N,,USLGB,LBCT,EST,2026-03-10T12:30:00Z,2026-03-10T16:00:00Z,,,,',
        '9454448,JIT 477000022,CMDU,002N,,USLGB,LBCT,EST,2026-03-10T12:10:00Z,2026-03-10T12:15:00Z,,,,',
        '9811000,JIT 477000023,CMDU,003N,,USLGB,LBCT,EST,2026-03-10T12:30:00Z,,,,,',
        '9839179,JIT 477000024,CMDU,004N,,USLGB,LBCT,EST,2026-03-10T12:30:00Z,2026-03-10T16:00:00Z,,,,',
      ]),
    );
    await platform.projections.catchUpAll();
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('advises an early ship the speed that meets its berth window, and the fuel and CO2 that saves', async () => {
    const callId = await callOf('477000021', other);
    const res = await get(`/vessel-calls/${callId}/jit-advice`, other);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json<Advice>();
    expect(a.status).toBe('arrived');
    expect(a.asOf).toBe('2026-03-10T12:09:00.000Z');
    expect(a.berthWindow!.start).toBe('2026-03-10T16:00:00.000Z');
    expect(a.berthWindow!.terminal).toBe('LBCT');
    const pilotAt = Date.parse(a.berthWindow!.pilotBoardingAreaAt);
    // The harbour transit (pilot → entrance → inner fairway → LBCT at 7 kn) is under 2 hours.
    expect(pilotAt).toBeLessThan(Date.parse('2026-03-10T16:00:00Z'));
    expect(pilotAt).toBeGreaterThan(Date.parse('2026-03-10T14:00:00Z'));
    expect(a.currentSpeedKn).toBe(18);
    // 33.645 °N (12:09, 9 min at 18 kn from 33.600 °N) to the pilot area centre at 33.700 °N, same meridian: 3.30 nm.
    expect(a.distanceToPilotNm).toBeCloseTo(3.3, 1);
    expect(a.particulars).toBe('estimated');
    const adv = a.advice!;
    // Hours ahead of the window at 18 kn, so the advice is the 10 kn minimum and it still waits the rest.
    expect(adv.advisedSpeedKn).toBe(10);
    expect(adv.lateHours).toBe(0);
    expect(Date.parse(adv.advisedArrival)).toBeLessThanOrEqual(pilotAt);
    expect(Date.parse(adv.advisedArrival) - Date.parse(a.asOf!)).toBeCloseTo((a.distanceToPilotNm! / 10) * HOUR, -4);
    expect(adv.remainingWaitHours).toBeLessThan(adv.waitAtCurrentSpeedHours);
    expect(adv.fuelSavedT).toBeGreaterThan(0);
    expect(adv.fuelSavedT).toBeCloseTo(adv.fuelContinuingT - adv.fuelAdvisedT, 2);
    // Estimated particulars burn MDO: CO2 = fuel × 3.206 (MEPC.364(79)).
    expect(adv.co2SavedT / adv.fuelSavedT).toBeCloseTo(3.206, 1);
    expect(a.reason).toBeNull();
  });

  it('tells a ship already late for its window to keep its speed, saving nothing', async () => {
    const a = (await get(`/vessel-calls/${await callOf('477000022', other)}/jit-advice`, other)).json<Advice>();
    expect(a.advice!.advisedSpeedKn).toBe(18);
    expect(a.advice!.lateHours).toBeGreaterThan(0);
    expect(a.advice!.fuelSavedT).toBe(0);
    expect(a.advice!.co2SavedT).toBe(0);
  });

  it('gives no advice without a berth window, and says why', async () => {
    const a = (await get(`/vessel-calls/${await callOf('477000023', other)}/jit-advice`, other)).json<Advice>();
    expect(a.advice).toBeNull();
    expect(a.reason).toMatch(/no berth window/);
    expect(a.currentSpeedKn).toBe(18);
  });

  it('totals the advice over the approaching calls the caller may see', async () => {
    const res = await get('/jit/advice', other);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ callsApproaching: number; callsAdvised: number; co2SavedT: number; calls: Advice[] }>();
    expect(body.calls.map((c) => c.callId.split(':')[0]).sort()).toEqual(['477000021', '477000022', '477000023']);
    expect(body.callsApproaching).toBe(3);
    expect(body.callsAdvised).toBe(2);
    const sum = body.calls.reduce((s, c) => s + (c.advice?.co2SavedT ?? 0), 0);
    expect(body.co2SavedT).toBeCloseTo(sum, 3);
    expect(body.co2SavedT).toBeGreaterThan(0);
    // The owner also sees its private call.
    const own = (await get('/jit/advice', carrier)).json<{ callsApproaching: number }>();
    expect(own.callsApproaching).toBe(4);
  });

  it('answers 404 for a call the caller may not see, 400 for an unknown query parameter', async () => {
    const hidden = await callOf('477000024', carrier);
    expect((await get(`/vessel-calls/${hidden}/jit-advice`, carrier)).statusCode).toBe(200);
    const res = await get(`/vessel-calls/${hidden}/jit-advice`, other);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('PCS_VESSEL_CALL_NOT_FOUND');
    expect((await get('/jit/advice?terminal=LBCT', other)).statusCode).toBe(400);
  });
});
