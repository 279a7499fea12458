/**
 * The forecast API (docs/forecast.md, docs/api.md): `openpcs forecast backtest` writes its reports into a data
 * directory and `GET /forecasts/backtests` serves them; `GET /forecasts/volume` forecasts a port's monthly TEU
 * from the shipped dataset with intervals. Readable anonymously (community aggregates of published port
 * statistics); bad values and undeclared parameters are 400s, unknown reports and ports without history 404s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { buildProgram, overrideExits } from '../../src/cli/program.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

interface Volume {
  port: string;
  asOf: string;
  historyFrom: string;
  historyMonths: number;
  model: string;
  months: { month: string; teu: number; intervals: { level: number; lower: number; upper: number }[] }[];
}

describe.each(ENGINES)('forecast API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let dir: string;
  let member: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openpcs-forecast-'));
    const out = join(dir, 'forecasts', 'backtests');
    const log = console.log;
    console.log = () => {};
    try {
      await overrideExits(buildProgram()).parseAsync(['forecast', 'backtest', '--out', out], { from: 'user' });
    } finally {
      console.log = log;
    }
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', forecastReportDir: out });
    member = (await orgWithKey(platform, 'forecast-reader', 'carrier', ['read'])).authorization;
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI writes the report as JSON and markdown; the API lists and serves it, anonymous callers included', async () => {
    const md = readFileSync(join(dir, 'forecasts', 'backtests', 'san-pedro-bay-monthly-teu.md'), 'utf8');
    expect(md).toContain('| USLAX | 2018 | 78 |');
    const list = await server.app.inject({ url: '/forecasts/backtests' });
    expect(list.statusCode).toBe(200);
    const { backtests } = list.json<{ backtests: { id: string; summary: string }[] }>();
    expect(backtests.map((b) => b.id)).toEqual(['san-pedro-bay-monthly-teu', 'san-pedro-bay-vessel-eta']);
    expect(backtests[0]!.summary).toMatch(/USLAX 2018.*MAPE 9\.\d\d% vs seasonal naive 9\.\d\d%/);
    expect(backtests[1]!.summary).toMatch(/pilot ETA 24 h ahead, MAE minutes: normal \d+ vs schedule \d+; surge \d+/);
    const one = await server.app.inject({
      url: '/forecasts/backtests/san-pedro-bay-monthly-teu',
      headers: { authorization: member },
    });
    expect(one.statusCode).toBe(200);
    const report = one.json<{
      study: {
        selection: { chosen: string };
        results: { series: string; holdoutYear: number; ratioToSeasonalNaive: number | null }[];
      };
    }>();
    expect(report.study.selection.chosen).toBe('holt-winters(multiplicative,trend=none,12)');
    const headline = report.study.results.find((r) => r.series === 'USLAX' && r.holdoutYear === 2018)!;
    expect(headline.ratioToSeasonalNaive).toBeGreaterThan(0.9);
    expect(report.study.results.find((r) => r.series === 'USLGB')!.ratioToSeasonalNaive).toBeNull();
  });

  it('serves the vessel ETA backtest: per scenario, target and horizon, the model beside its baselines', async () => {
    const md = readFileSync(join(dir, 'forecasts', 'backtests', 'san-pedro-bay-vessel-eta.md'), 'utf8');
    expect(md).toContain('| pilot | 24 h |');
    const res = await server.app.inject({ url: '/forecasts/backtests/san-pedro-bay-vessel-eta' });
    expect(res.statusCode).toBe(200);
    type Score = { n: number; maeMin: number | null };
    const { study } = res.json<{
      study: {
        parts: {
          scenario: string;
          arrivals: number;
          scores: { target: string; horizonH: number; model: Score; schedule: Score; ownEta: Score }[];
        }[];
      };
    }>();
    expect(study.parts.map((p) => p.scenario.split(' ')[0])).toEqual(['normal', 'surge']);
    for (const part of study.parts) {
      expect(part.arrivals).toBeGreaterThan(60);
      expect(part.scores).toHaveLength(6);
      for (const sc of part.scores) expect(sc.model.maeMin!).toBeLessThan(sc.schedule.maeMin!);
    }
  });

  it('an unknown report is a 404, a malformed id and undeclared parameters are 400s', async () => {
    const missing = await server.app.inject({ url: '/forecasts/backtests/no-such-report' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PCS_FORECAST_BACKTEST_NOT_FOUND' });
    for (const url of [
      '/forecasts/backtests/..%2F..%2Fetc',
      '/forecasts/backtests/UPPER',
      `/forecasts/backtests/${'a'.repeat(65)}`,
      '/forecasts/backtests?limit=1',
    ]) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('problem+json');
    }
  });

  it('forecasts USLAX monthly TEU after the newest complete stretch of data, with nested intervals', async () => {
    const res = await server.app.inject({ url: '/forecasts/volume?port=USLAX&months=3' });
    expect(res.statusCode).toBe(200);
    const v = res.json<Volume>();
    expect(v).toMatchObject({ port: 'USLAX', asOf: '2018-12', historyFrom: '2017-01', historyMonths: 24 });
    expect(v.months.map((m) => m.month)).toEqual(['2019-01', '2019-02', '2019-03']);
    for (const m of v.months) {
      const [i80, i95] = m.intervals;
      expect(i80!.level).toBe(0.8);
      expect(i95!.lower).toBeLessThan(i80!.lower);
      expect(i80!.lower).toBeLessThan(m.teu);
      expect(m.teu).toBeLessThan(i80!.upper);
      expect(i80!.upper).toBeLessThan(i95!.upper);
      // POLA month volumes of the period are 0.55-1.0 M TEU (forecast-and-scale.md Tables 3, 8).
      expect(m.teu).toBeGreaterThan(500_000);
      expect(m.teu).toBeLessThan(1_100_000);
    }
    const longer = (await server.app.inject({ url: '/forecasts/volume?port=USLAX' })).json<Volume>();
    expect(longer.months).toHaveLength(12);
  });

  it('USLGB has no 12 consecutive months in the data: 404 with the reason', async () => {
    const res = await server.app.inject({ url: '/forecasts/volume?port=USLGB' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'PCS_FORECAST_NOT_AVAILABLE' });
  });

  it('refuses missing, wrong-typed, out-of-range and undeclared parameters with a 400 problem', async () => {
    for (const query of [
      '',
      'port=XXXXX',
      'port=USLAX&months=0',
      'port=USLAX&months=25',
      'port=USLAX&months=abc',
      'port=USLAX&months=1.5',
      'port=USLAX&terminal=WBCT',
      `port=${'U'.repeat(5000)}`,
    ]) {
      const res = await server.app.inject({ url: `/forecasts/volume?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('problem+json');
    }
  });

  it('serves no reports when the server has no report directory', async () => {
    const bare = await buildServer({ platform, logLevel: 'silent' });
    try {
      const res = await bare.app.inject({ url: '/forecasts/backtests' });
      expect(res.json()).toEqual({ backtests: [] });
      expect((await bare.app.inject({ url: '/forecasts/backtests/san-pedro-bay-monthly-teu' })).statusCode).toBe(404);
    } finally {
      await bare.app.close();
    }
  });
});

interface EtaBody {
  callId: string;
  status: string;
  port: string | null;
  asOf: string | null;
  source: string;
  forecast: {
    method: string;
    pilotBoardingArea: { eta: string };
    berth: { eta: string };
    toPilotNm: number | null;
  } | null;
  actual: { atb: string | null } | null;
  ownEta: null;
}

/** MarineCadastre rows of a container ship sailing north at 12 kn into the Long Beach pilot boarding area. */
function approachCsv(mmsi: string, name: string): string {
  const rows = [
    'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
  ];
  for (let m = 0; m < 30; m++) {
    const t = new Date(Date.UTC(2026, 2, 10, 12, m)).toISOString().slice(0, 19);
    const lat = (33.6 + (m * 12) / 60 / 60).toFixed(5);
    rows.push(`${mmsi},${t},${lat},-118.18300,12.0,0,0,${name},IMO9386483,A8RV3,70,0,300,48,14,70,A`);
  }
  return rows.join('\n') + '\n';
}

/** MarineCadastre rows of a container ship moored at a Los Angeles berth (where CMA CGM OPAL lay on 2022-01-03). */
function mooredCsv(mmsi: string): string {
  const rows = [approachCsv(mmsi, 'X').split('\n')[0]!];
  for (let m = 0; m < 20; m++) {
    const t = new Date(Date.UTC(2026, 2, 10, 12, m)).toISOString().slice(0, 19);
    rows.push(`${mmsi},${t},33.76647,-118.27344,0.0,0,82,ETA MOORED,IMO9386484,A8RV4,70,5,259,32,12.6,70,A`);
  }
  return rows.join('\n') + '\n';
}

describe.each(ENGINES)('vessel ETA API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let carrier: string;
  let other: string;
  const get = (url: string, authorization: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization } });
  const ingest = async (authorization: string, visibility: string, body: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/ais-csv-marinecadastre?visibility=${visibility}`,
      payload: body,
      headers: { authorization, 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    carrier = (await orgWithKey(platform, 'eta-carrier', 'carrier')).authorization;
    other = (await orgWithKey(platform, 'eta-other', 'carrier')).authorization;
    await ingest(carrier, 'community', approachCsv('477000011', 'ETA COMMUNITY'));
    await ingest(carrier, 'private', approachCsv('477000012', 'ETA PRIVATE'));
    await ingest(carrier, 'community', mooredCsv('477000013'));
    await platform.projections.catchUpAll();
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const callOf = async (mmsi: string, authorization: string): Promise<string> => {
    const res = await get(`/vessel-calls?mmsi=${mmsi}`, authorization);
    expect(res.statusCode, res.body).toBe(200);
    const calls = res.json<{ calls: { callId: string }[] }>().calls;
    expect(calls).toHaveLength(1);
    return calls[0]!.callId;
  };

  it('forecasts an approaching call after its newest position, pilot boarding before berth', async () => {
    const callId = await callOf('477000011', other);
    const res = await get(`/forecasts/eta/${callId}`, other);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<EtaBody>();
    expect(body.callId).toBe(callId);
    expect(body.port).toBe('USLGB');
    expect(body.asOf).toBe('2026-03-10T12:29:00.000Z');
    expect(body.ownEta).toBeNull();
    expect(body.actual).toBeNull();
    expect(body.source).toMatch(/AIS/);
    const f = body.forecast!;
    expect(['track', 'harbour']).toContain(f.method);
    const pilot = Date.parse(f.pilotBoardingArea.eta);
    const berth = Date.parse(f.berth.eta);
    expect(pilot).toBeGreaterThanOrEqual(Date.parse(body.asOf!));
    expect(berth).toBeGreaterThan(Date.parse(body.asOf!));
    expect(berth).toBeGreaterThan(pilot);
    // Inner fairway of Long Beach is about 7 nm from the last position: at 7 kn in the harbour, under 2 h.
    expect(berth - Date.parse(body.asOf!)).toBeLessThan(2 * 3_600_000);
  });

  it('answers a call at berth with its actual berthing time and no forecast', async () => {
    const callId = await callOf('477000013', other);
    const res = await get(`/forecasts/eta/${callId}`, other);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<EtaBody>();
    expect(body.forecast).toBeNull();
    expect(body.actual!.atb).toBe('2026-03-10T12:00:00.000Z');
  });

  it('answers 404 with its own code for an unknown call and for another organisation’s private call', async () => {
    const unknown = await get('/forecasts/eta/999999999:2026-03-10T12:00', carrier);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ code: string }>().code).toBe('PCS_FORECAST_CALL_NOT_FOUND');
    const privateCall = await callOf('477000012', carrier);
    expect((await get(`/forecasts/eta/${privateCall}`, carrier)).statusCode).toBe(200);
    const hidden = await get(`/forecasts/eta/${privateCall}`, other);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<{ code: string }>().code).toBe('PCS_FORECAST_CALL_NOT_FOUND');
    const bad = await get(`/forecasts/eta/${privateCall}?at=2026-03-10T12:00Z`, carrier);
    expect(bad.statusCode).toBe(400);
    expect((await get('/forecasts/eta/not-a-call', carrier)).statusCode).toBe(400);
  });
});
