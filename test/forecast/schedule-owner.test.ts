/**
 * Who stated a call's schedule (migration 0029; api/forecasts/stated-schedule.ts), on both engines. Before,
 * `vessel_schedule` held one row per call whatever sent it: a second carrier's row for a vessel and voyage the first
 * had stated replaced its terminal and estimates, and an actual berthing it sent took the call out of the ETA and
 * berth-queue readers (they read calls not berthed yet). Now each sender has its own row; the ETA answer uses the row
 * of a sender that speaks for the call (the carrier of its SCAC, a terminal operating its berth, the port authority)
 * and says who stated it and as of when. Another sender's row is kept and used only while no speaking sender's is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const IMO = '9386483';
const HEADER = 'vessel_imo,vessel_name,carrier_scac,voyage,port,terminal,eta,etb,atb';

/** MarineCadastre rows of a container ship sailing north at 12 kn into the Long Beach pilot boarding area. */
function approachCsv(mmsi: string): string {
  const rows = [
    'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
  ];
  for (let m = 0; m < 30; m++) {
    const t = new Date(Date.UTC(2026, 2, 10, 12, m)).toISOString().slice(0, 19);
    const lat = (33.6 + (m * 12) / 60 / 60).toFixed(5);
    rows.push(`${mmsi},${t},${lat},-118.18300,12.0,0,0,OWNED CALL,IMO${IMO},A8RV3,70,0,300,48,14,70,A`);
  }
  return rows.join('\n') + '\n';
}

interface ScheduleUsed {
  statedBy: string;
  asOf: string;
  speaksForCall: boolean;
}

describe.each(ENGINES)('who stated the schedule of a call on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let matson: string;
  let intruder: string;
  let reader: string;
  let callId: string;

  const post = async (authorization: string, format: string, body: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}?visibility=community`,
      payload: body,
      headers: { authorization, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await platform.projections.catchUpAll();
  };
  const rows = () =>
    platform.database.db
      .selectFrom('vessel_schedule')
      .select(['source_org', 'terminal_code', 'eta', 'atb'])
      .orderBy('source_org')
      .execute();
  const eta = async () => {
    const res = await server.app.inject({ url: `/forecasts/eta/${callId}`, headers: { authorization: reader } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ forecast: { terminal: string | null; schedule: ScheduleUsed | null } }>().forecast;
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    matson = (await orgWithKey(platform, 'matson', 'carrier')).authorization;
    await platform.carrierScacs.replace('matson', ['MATS'], 'test');
    intruder = (await orgWithKey(platform, 'intruder', 'carrier')).authorization;
    await platform.carrierScacs.replace('intruder', ['ZZZZ'], 'test');
    reader = (await orgWithKey(platform, 'reader', 'bco', ['read'])).authorization;
    await post(matson, 'ais-csv-marinecadastre', approachCsv('477000011'));
    const calls = await server.app.inject({ url: '/vessel-calls?mmsi=477000011', headers: { authorization: reader } });
    callId = calls.json<{ calls: { callId: string }[] }>().calls[0]!.callId;
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('uses no schedule before anyone states one', async () => {
    expect((await eta()).schedule).toBeNull();
  });

  it("keeps another carrier's row of the call apart and uses it only while the call's carrier has stated none", async () => {
    // The intruder (SCAC ZZZZ) states Matson's voyage first: another terminal, a later ETA. Kept, used, flagged.
    await post(
      intruder,
      'csv-vessel-schedule',
      `${HEADER}\n${IMO},OWNED CALL,MATS,V1,USLGB,ITS,2026-03-10T20:00:00Z,2026-03-10T21:00:00Z,\n`,
    );
    let forecast = await eta();
    expect(forecast.terminal).toBe('ITS');
    expect(forecast.schedule).toMatchObject({ statedBy: 'intruder', speaksForCall: false });

    // Matson states its own call: its row is used from now on, with who stated it and as of when.
    await post(
      matson,
      'csv-vessel-schedule',
      `${HEADER}\n${IMO},OWNED CALL,MATS,V1,USLGB,MATU,2026-03-10T14:00:00Z,2026-03-10T15:00:00Z,\n`,
    );
    forecast = await eta();
    expect(forecast.terminal).toBe('MATU');
    expect(forecast.schedule).toMatchObject({ statedBy: 'matson', speaksForCall: true });
    expect(Number.isNaN(Date.parse(forecast.schedule!.asOf))).toBe(false);

    // The intruder now says the call berthed at its terminal: that neither rewrites Matson's row nor takes the call
    // out of the readers of calls not berthed yet.
    await post(
      intruder,
      'csv-vessel-schedule',
      `${HEADER}\n${IMO},OWNED CALL,MATS,V1,USLGB,ITS,2026-03-10T12:00:00Z,,2026-03-10T12:05:00Z\n`,
    );
    expect(
      (await rows()).map((r) => [r.source_org, r.terminal_code, r.eta?.toISOString(), r.atb?.toISOString()]),
    ).toEqual([
      ['intruder', 'ITS', '2026-03-10T12:00:00.000Z', '2026-03-10T12:05:00.000Z'],
      ['matson', 'MATU', '2026-03-10T14:00:00.000Z', undefined],
    ]);
    forecast = await eta();
    expect(forecast.terminal).toBe('MATU');
    expect(forecast.schedule).toMatchObject({ statedBy: 'matson', speaksForCall: true });
  });

  it('takes the row of the terminal operating the berth as speaking for the call', async () => {
    const lbct = (await orgWithKey(platform, 'lbct', 'terminal')).authorization;
    await operates(platform, 'lbct', ['LBCT']);
    await post(
      lbct,
      'csv-vessel-schedule',
      `${HEADER}\n${IMO},OWNED CALL,MATS,V1,USLGB,LBCT,2026-03-10T15:00:00Z,2026-03-10T16:00:00Z,\n`,
    );
    // Both Matson and the terminal speak for the call: the newer statement wins.
    const forecast = await eta();
    expect(forecast.terminal).toBe('LBCT');
    expect(forecast.schedule).toMatchObject({ statedBy: 'lbct', speaksForCall: true });
  });
});
