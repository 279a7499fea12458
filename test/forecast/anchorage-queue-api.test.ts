/**
 * `GET /forecasts/anchorage-queue` (docs/forecast.md "Anchorage queue route"): the ships at anchor now (AIS
 * positions the caller may see, in an anchorage or stopped outside every zone) and the container-ship queue at
 * anchor for the next days from the berth queue of each terminal. Known truth: Matson's terminal (MATU) has one
 * berth, busy until +30 h; QUEUE ONE is at anchor for it, QUEUE TWO is due at +10 h, and MATU's calls stayed 24 h.
 * Positions are stamped relative to the real clock (the route forecasts from now).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { anchorageQueueAnswer } from '../../src/cli/anchorage-queue-answer.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { anchoredCsv, ingestAisCsv, insertMatuSchedule } from './queue-fixtures.js';

const HOUR = 3_600_000;

interface QueueBody {
  generatedAt: string;
  asOf: string | null;
  days: number;
  atAnchor: {
    mmsi: string;
    name: string | null;
    status: string;
    anchorage: string | null;
    terminal: string | null;
    modelled: boolean;
  }[];
  notModelled: number;
  terminals: { terminal: string; berths: number; moored: number; atAnchor: number; due: number }[];
  forecast: {
    dayAhead: number;
    at: string;
    ships: number;
    intervals: { level: number; lower: number; upper: number }[];
  }[];
  backtest: {
    reportId: string;
    accuracy: { scenario: string; dayAhead: number; mae: number; persistenceMae: number }[];
  };
}

describe.each(ENGINES)('anchorage queue API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let carrier: string;
  let other: string;
  let nowMs: number;
  const get = (url: string, authorization?: string) =>
    server.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    carrier = (await orgWithKey(platform, 'queue-carrier', 'carrier')).authorization;
    other = (await orgWithKey(platform, 'queue-other', 'carrier')).authorization;
    nowMs = Date.now();
    // In Commercial Anchorage G, for MATU; in Anchorage F with no schedule; stopped off Huntington Beach, outside
    // every zone; and a private one only its owner sees. The last position a minute before now.
    const anchored = (mmsi: string, name: string, imo: string, lat: number, lon: number) =>
      anchoredCsv({ mmsi, name, imo }, { lat, lon }, nowMs - 60_000);
    await ingestAisCsv(server, carrier, 'community', anchored('477000021', 'QUEUE ONE', '9386500', 33.7, -118.21));
    await ingestAisCsv(server, carrier, 'community', anchored('477000022', 'NO SCHEDULE', '9386512', 33.68, -118.15));
    await ingestAisCsv(server, carrier, 'community', anchored('477000023', 'OVERFLOW', '9386524', 33.6, -118.05));
    await ingestAisCsv(server, carrier, 'private', anchored('477000024', 'PRIVATE QUEUE', '9386536', 33.69, -118.2));
    await platform.projections.catchUpAll();
    const at = (h: number): Date => new Date(nowMs + h * HOUR);
    await insertMatuSchedule(platform, at(-2), [
      { key: 'ANCHORED', imo: '9386500', times: { eta: at(-30) } },
      { key: 'MOORED', imo: '9000010', times: { atb: at(-20), etd: at(30) } },
      { key: 'DUE', imo: '9000011', times: { eta: at(10) } },
      { key: 'FAR', imo: '9000012', times: { eta: at(24 * 5) } },
      ...[1, 2, 3].map((k) => ({
        key: `PAST${k}`,
        imo: `900002${k}`,
        times: { atb: at(-24 * k - 30), atd: at(-24 * k - 6) },
      })),
    ]);
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('lists the ships at anchor now and forecasts the queue from the berth queue', async () => {
    const res = await get('/forecasts/anchorage-queue', other);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<QueueBody>();
    expect(body.days).toBe(3);
    expect(Date.parse(body.generatedAt)).toBeGreaterThanOrEqual(nowMs);
    expect(body.asOf).not.toBeNull();
    expect(body.atAnchor.map((a) => [a.name, a.status, a.anchorage, a.terminal, a.modelled])).toEqual([
      ['QUEUE ONE', 'at_anchor', 'Commercial Anchorage G', 'MATU', true],
      ['NO SCHEDULE', 'at_anchor', 'Commercial Anchorage F', null, false],
      ['OVERFLOW', 'anchored_outside', null, null, false],
    ]); // by `since` (the same here), then MMSI
    expect(body.notModelled).toBe(2);
    expect(body.terminals).toEqual([{ terminal: 'MATU', berths: 1, moored: 1, atAnchor: 1, due: 1 }]);
    // QUEUE ONE waits for the berth to free at +30 h; DUE waits from +10 h until QUEUE ONE's 24.5 h are over.
    expect(body.forecast.map((d) => [d.dayAhead, d.ships])).toEqual([
      [1, 2],
      [2, 1],
      [3, 0],
    ]);
    for (const d of body.forecast) {
      expect(d.intervals.map((iv) => iv.level)).toEqual([0.8, 0.95]);
      for (const iv of d.intervals) {
        expect(iv.lower).toBeGreaterThanOrEqual(0);
        expect(iv.lower).toBeLessThanOrEqual(d.ships);
        expect(iv.upper).toBeGreaterThanOrEqual(d.ships);
      }
    }
    expect(body.backtest.reportId).toBe('san-pedro-bay-anchorage-queue');
    const surge1 = body.backtest.accuracy.find((a) => a.scenario.startsWith('surge') && a.dayAhead === 1)!;
    expect(surge1.mae).toBeLessThan(surge1.persistenceMae);
  });

  it('counts the call due in a longer horizon and shows a private ship at anchor only to its owner', async () => {
    const week = (await get('/forecasts/anchorage-queue?days=7', other)).json<QueueBody>();
    expect(week.forecast).toHaveLength(7);
    expect(week.terminals[0]!.due).toBe(2);
    expect(week.atAnchor.map((a) => a.name)).not.toContain('PRIVATE QUEUE');
    const owner = (await get('/forecasts/anchorage-queue?days=1', carrier)).json<QueueBody>();
    expect(owner.atAnchor.map((a) => a.name)).toContain('PRIVATE QUEUE');
    expect(owner.forecast.map((d) => d.ships)).toEqual([2]);
  });

  it('openpcs forecast anchorage-queue answers as the route for the local operator, who sees every position', async () => {
    const cli = await anchorageQueueAnswer(platform, 1, new Date());
    const route = (await get('/forecasts/anchorage-queue?days=1', carrier)).json<QueueBody>();
    expect(cli.atAnchor.map((a) => a.name)).toEqual(route.atAnchor.map((a) => a.name));
    expect(cli.forecast.map((d) => d.ships)).toEqual([2]);
  });

  it('answers anonymous callers with no community positions: the queue of the public data only', async () => {
    const res = await get('/forecasts/anchorage-queue?days=2');
    expect(res.statusCode).toBe(200);
    const body = res.json<QueueBody>();
    expect(body.atAnchor).toEqual([]);
    // The moored ship and the due call (carrier schedules have no owner) still make a queue: DUE waits from +10 h
    // for the berth that frees at +30 h.
    expect(body.forecast.map((d) => d.ships)).toEqual([1, 0]);
  });

  it('refuses unknown parameters and days outside 1..14', async () => {
    const unknown = await get('/forecasts/anchorage-queue?terminal=MATU');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ code: string }>().code).toBe('PCS_API_UNKNOWN_PARAMETER');
    for (const url of ['?days=0', '?days=15', '?days=two', '?days=1.5']) {
      const res = await get(`/forecasts/anchorage-queue${url}`);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('PCS_API_VALIDATION');
    }
    expect((await get('/forecasts/anchorage-queue?days=14')).statusCode).toBe(200);
  });
});
