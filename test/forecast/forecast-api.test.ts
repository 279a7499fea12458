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
import { checksum, encodeStaticVoyage, toSentences } from '../../src/sim/ais/ais-encoder.js';
import { weekStartOf } from '../../src/api/cargo/operations-statistics-reader.js';
import { LocalDates } from '../../src/domain/free-time/local-date.js';
import type { Platform } from '../../src/platform.js';
import { lookAheadWeeks } from '../../web/src/dashboard-data.js';
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
      await overrideExits(buildProgram()).parseAsync(['forecast', 'backtest', '--quick', '--out', out], {
        from: 'user',
      });
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
    // --quick leaves out the dwell and turn time study (minutes of simulated cargo).
    expect(backtests.map((b) => b.id)).toEqual([
      'san-pedro-bay-anchorage-queue',
      'san-pedro-bay-monthly-teu',
      'san-pedro-bay-vessel-eta',
    ]);
    expect(backtests[0]!.summary).toMatch(/surge, 1 day ahead: MAE \d+\.\d ships vs persistence \d+\.\d/);
    expect(backtests[1]!.summary).toMatch(
      /USLAX 2018.*MAPE 9\.03% vs seasonal naive 9\.77% \(ratio 0\.92, goal <= 0\.80; selection-set ratio 0\.51\)/,
    );
    expect(backtests[2]!.summary).toMatch(/pilot ETA 24 h ahead, MAE minutes: normal \d+ vs schedule \d+; surge \d+/);
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
    expect(report.study.selection.chosen).toMatch(
      /^mean\(lny-refit\(holt-winters\(multiplicative,trend=none,12\)\) \+ /,
    );
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
    // The model the backtest chose, with split-conformal intervals: ±8.45% (80%) for horizons 1-3.
    expect(v.model).toMatch(/^conformal\(mean\(lny-refit\(/);
    for (const m of v.months) {
      expect((m.intervals[0]!.upper - m.teu) / m.teu).toBeCloseTo(0.0845, 4);
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
    pilotBoardingArea: { eta: string; intervals: { level: number; lower: string; upper: string }[] };
    berth: { eta: string; intervals: { level: number; lower: string; upper: string }[] };
    toPilotNm: number | null;
    withOwnEta: {
      pilotBoardingArea: string;
      berth: string;
      weight: number;
      pilotIntervals: { level: number; lower: string; upper: string }[];
      berthIntervals: { level: number; lower: string; upper: string }[];
    } | null;
  } | null;
  actual: { atb: string | null } | null;
  ownEta: { at: string; reportedAt: string } | null;
}

/** An AIS type 5 report (NMEA, receiver time tag `at`) with the master's ETA (month, day, hour, minute; UTC). */
function staticNmea(mmsi: string, at: string, eta: [number, number, number, number] | null): string {
  const bits = encodeStaticVoyage({
    type: 5,
    repeat: 0,
    mmsi: Number(mmsi),
    aisVersion: 2,
    imo: 9386483,
    callsign: 'A8RV3',
    name: 'ETA COMMUNITY',
    shipType: 70,
    toBow: 150,
    toStern: 150,
    toPort: 24,
    toStarboard: 24,
    epfd: 1,
    etaMonth: eta?.[0] ?? null,
    etaDay: eta?.[1] ?? null,
    etaHour: eta?.[2] ?? null,
    etaMinute: eta?.[3] ?? null,
    draught: 14,
    destination: 'USLGB',
    dte: false,
  });
  const tag = `c:${Date.parse(at) / 1000}`;
  return toSentences(bits, 'B')
    .map((s) => `\\${tag}*${checksum(tag)}\\${s}\n`)
    .join('');
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
  const ingest = async (authorization: string, visibility: string, body: string, format = 'ais-csv-marinecadastre') => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/ingest/${format}?visibility=${visibility}`,
      payload: body,
      headers: { authorization, 'content-type': format === 'ais-nmea' ? 'text/plain' : 'text/csv' },
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
    // The master's ETA: 14:00 on 10 March (community), then the carrier's private report of 15:30.
    await ingest(carrier, 'community', staticNmea('477000011', '2026-03-10T11:54:00Z', [3, 10, 14, 0]), 'ais-nmea');
    await ingest(carrier, 'private', staticNmea('477000011', '2026-03-10T12:10:00Z', [3, 10, 15, 30]), 'ais-nmea');
    // 477000013 broadcasts "not available" (month 0, day 0, hour 24, minute 60).
    await ingest(carrier, 'community', staticNmea('477000013', '2026-03-10T11:50:00Z', null), 'ais-nmea');
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
    expect(body.ownEta).toEqual({ at: '2026-03-10T14:00:00.000Z', reportedAt: '2026-03-10T11:54:00.000Z' });
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
    // The own ETA (14:00) blended in: between the model's pilot time and the ship's; at berth between the model's
    // berth time and the own ETA plus the model's harbour passage (each target has its own weight).
    const blended = f.withOwnEta!;
    expect(blended.weight).toBeGreaterThanOrEqual(0);
    expect(blended.weight).toBeLessThanOrEqual(1);
    const own = Date.parse('2026-03-10T14:00:00.000Z');
    const bp = Date.parse(blended.pilotBoardingArea);
    expect(bp).toBeGreaterThanOrEqual(Math.min(pilot, own) - 1000);
    expect(bp).toBeLessThanOrEqual(Math.max(pilot, own) + 1000);
    expect(Math.abs(bp - (pilot + blended.weight * (own - pilot)))).toBeLessThan(1000);
    const bb = Date.parse(blended.berth);
    expect(bb).toBeGreaterThanOrEqual(Math.min(berth, own + berth - pilot) - 1000);
    expect(bb).toBeLessThanOrEqual(Math.max(berth, own + berth - pilot) + 1000);
    // 80% and 95% intervals from the shipped error model, and from the blend's own: the 95% one holds the 80% one.
    for (const intervals of [
      f.pilotBoardingArea.intervals,
      f.berth.intervals,
      blended.pilotIntervals,
      blended.berthIntervals,
    ]) {
      expect(intervals.map((i) => i.level)).toEqual([0.8, 0.95]);
      const [i80, i95] = intervals.map((i) => [Date.parse(i.lower), Date.parse(i.upper)] as const);
      expect(i80![0]).toBeLessThan(i80![1]);
      expect(i95![0]).toBeLessThanOrEqual(i80![0]);
      expect(i95![1]).toBeGreaterThanOrEqual(i80![1]);
    }
  });

  it('answers a call at berth with its actual berthing time and no forecast', async () => {
    const callId = await callOf('477000013', other);
    const res = await get(`/forecasts/eta/${callId}`, other);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<EtaBody>();
    expect(body.forecast).toBeNull();
    expect(body.actual!.atb).toBe('2026-03-10T12:00:00.000Z');
    expect(body.ownEta).toBeNull();
  });

  it('serves the ship’s own ETA from the newest type 5 report the caller may see', async () => {
    const callId = await callOf('477000011', carrier);
    const own = (await get(`/forecasts/eta/${callId}`, carrier)).json<EtaBody>().ownEta;
    expect(own).toEqual({ at: '2026-03-10T15:30:00.000Z', reportedAt: '2026-03-10T12:10:00.000Z' });
    const seen = (await get(`/forecasts/eta/${callId}`, other)).json<EtaBody>().ownEta;
    expect(seen).toEqual({ at: '2026-03-10T14:00:00.000Z', reportedAt: '2026-03-10T11:54:00.000Z' });
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

interface Weekly {
  terminal: string;
  port: string;
  granularity: string;
  asOf: string | null;
  history: { weeks: number; calls: number; meanCallImportTeu: number; meanCallExportTeu: number };
  weeks: {
    weekStart: string;
    weekAhead: number;
    calls: number;
    teu: number;
    intervals: { level: number; lower: number; upper: number }[];
    import: { teu: number; intervals: { level: number; lower: number; upper: number }[] };
    export: { teu: number; intervals: { level: number; lower: number; upper: number }[] };
  }[];
  accuracy: { weeks: { weekAhead: number; mape: number; naiveMape: number; coverage80: number }[] };
}

describe.each(ENGINES)('weekly terminal look-ahead API on $name', (engine) => {
  const ZONE = 'America/Los_Angeles';
  const DAY = 86_400_000;
  let platform: Platform;
  let server: Server;
  let thisWeek: string;
  let newestFact: string;
  /** A local Monday `k` weeks from this week's, as the UTC instant `days` days after its start. */
  const inWeek = (k: number, days: number): Date =>
    new Date(Date.parse(LocalDates.startUtc(LocalDates.addDays(thisWeek, 7 * k), ZONE)) + days * DAY);

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    thisWeek = weekStartOf(LocalDates.of(new Date(), ZONE));
    const db = platform.database.db;
    const schedule = (key: string, terminal: string, eta: Date, atb: Date | null, updated: Date) => ({
      call_key: key,
      source_org: 'maersk',
      vessel_imo_number: '9386483',
      vessel_name: 'LOOKAHEAD',
      carrier_code: 'MAEU',
      carrier_voyage_number: key,
      un_location_code: 'USLAX',
      terminal_code: terminal,
      eta,
      etb: null,
      etd: null,
      ata: null,
      atb,
      atd: null,
      last_event_seq: '1',
      updated_at: updated,
    });
    const rows = [];
    const boxes: { ref: string; code: 'DISC' | 'LOAD'; at: Date }[] = [];
    // Four weeks of history: two calls berthed each week, 50 boxes of 2 TEU discharged and 25 loaded.
    for (let k = -4; k <= -1; k++) {
      for (const c of [0, 1]) {
        const atb = inWeek(k, 1.5 + c * 2);
        rows.push(schedule(`H${-k}${c}`, 'WBCT', atb, atb, atb));
      }
      for (let b = 0; b < 75; b++) {
        boxes.push({ ref: `WK${-k}${String(b).padStart(3, '0')}`, code: b < 50 ? 'DISC' : 'LOAD', at: inWeek(k, 2) });
      }
    }
    // The newest fact used: the schedule statement of the last call berthed last week.
    newestFact = inWeek(-1, 3.5).toISOString();
    // Due: two calls in week 1, one in week 2, none in week 3; one berthed already, one at another terminal.
    rows.push(schedule('D1', 'WBCT', inWeek(1, 1), null, inWeek(-1, 0)));
    rows.push(schedule('D2', 'WBCT', inWeek(1, 5), null, inWeek(-1, 0)));
    rows.push(schedule('D3', 'WBCT', inWeek(2, 3), null, inWeek(-1, 0)));
    rows.push(schedule('D4', 'WBCT', inWeek(1, 2), inWeek(0, 0.5), inWeek(0, 0.5)));
    rows.push(schedule('D5', 'APMT', inWeek(1, 2), null, inWeek(-1, 0)));
    await db.insertInto('vessel_schedule').values(rows).execute();
    await db
      .insertInto('container_status')
      .values(
        boxes.map((b) => ({
          equipment_reference: b.ref,
          size_teu: 2,
          status: 'ON_VESSEL',
          holds: JSON.stringify([]),
          holds_open: [],
          available: false,
          carrier_codes: [],
          transport_document_references: [],
          carrier_booking_references: [],
          owner_orgs: [],
          last_event_seq: '1',
        })),
      )
      .execute();
    await db
      .insertInto('container_milestone')
      .values(
        boxes.map((b) => ({
          equipment_reference: b.ref,
          ordinal: 0,
          code: b.code,
          at: b.at,
          un_location_code: 'USLAX',
          terminal_code: 'WBCT',
          mode: 'VESSEL',
          empty_indicator: null,
          vessel_imo_number: null,
          carrier_voyage_number: null,
          fact_keys: [],
        })),
      )
      .execute();
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('forecasts the three weeks after this one from the schedule and the terminal’s mean call', async () => {
    const res = await server.app.inject({ url: '/forecasts/volume?port=USLAX&terminal=wbct&granularity=week' });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<Weekly>();
    expect(v).toMatchObject({ terminal: 'WBCT', port: 'USLAX', granularity: 'week', asOf: newestFact });
    expect(v.history).toEqual({ weeks: 4, calls: 8, meanCallImportTeu: 50, meanCallExportTeu: 25 });
    expect(v.weeks.map((w) => [w.weekStart, w.calls, w.import.teu, w.export.teu, w.teu])).toEqual([
      [LocalDates.addDays(thisWeek, 7), 2, 100, 50, 150],
      [LocalDates.addDays(thisWeek, 14), 1, 50, 25, 75],
      [LocalDates.addDays(thisWeek, 21), 0, 0, 0, 0],
    ]);
    const [i80, i95] = v.weeks[0]!.intervals;
    expect(i80!.level).toBe(0.8);
    expect(i95!.lower).toBeLessThanOrEqual(i80!.lower);
    expect(i80!.lower).toBeLessThan(150);
    expect(150).toBeLessThan(i80!.upper);
    expect(i80!.upper).toBeLessThanOrEqual(i95!.upper);
    expect(v.accuracy.weeks.map((a) => a.weekAhead)).toEqual([1, 2, 3]);
    for (const a of v.accuracy.weeks) expect(a.mape).toBeLessThan(a.naiveMape);
    // The portal's operations dashboard reads these weeks (web/src/dashboard-data.ts).
    expect(lookAheadWeeks(v)[0]).toEqual({
      weekStart: LocalDates.addDays(thisWeek, 7),
      teu: 150,
      lower80: i80!.lower,
      upper80: i80!.upper,
    });
  });

  it('answers 404 for a terminal without history, 400 for bad or mismatched parameters', async () => {
    const none = await server.app.inject({ url: '/forecasts/volume?terminal=TTI&granularity=week' });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'PCS_FORECAST_NO_TERMINAL_HISTORY' });
    const unknown = await server.app.inject({ url: '/forecasts/volume?terminal=NOPE&granularity=week' });
    expect(unknown.statusCode).toBe(404);
    for (const query of [
      'terminal=WBCT&granularity=day',
      'terminal=WBCT&granularity=',
      'granularity=week',
      'port=USLAX&granularity=week',
      'terminal=WBCT&granularity=week&months=3',
      'port=USLGB&terminal=WBCT&granularity=week',
      'terminal=WBCT&granularity=week&from=2026-01-01',
      'terminal=W&granularity=week',
    ]) {
      const res = await server.app.inject({ url: `/forecasts/volume?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('problem+json');
    }
  });
});
