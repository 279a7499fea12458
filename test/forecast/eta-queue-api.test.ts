/**
 * `GET /forecasts/eta/{callId}` with the live berth queue of the call's terminal (docs/forecast.md
 * "`GET /forecasts/eta/{callId}`"), known truth: Matson's terminal (MATU, one berth) is busy until T + 30 h (the
 * moored ship's planned departure), its calls stayed 24 h (24.5 h with the turnaround gap), QUEUE AHEAD is at
 * anchor for it since before the call arrives, and the approaching call (newest position T) would reach the berth
 * within 2 h. The berth frees at T + 30 h, QUEUE AHEAD takes it until T + 54.5 h, so the call berths at
 * T + 54.5 h. A private ship at anchor for the same terminal moves only its owner's forecast: the other
 * organisation's queue is built from the positions it may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { anchoredCsv, ingestAisCsv, insertMatuSchedule, MARINECADASTRE_HEADER } from './queue-fixtures.js';

const HOUR = 3_600_000;
/** The newest position of every ship. */
const T = Date.UTC(2026, 2, 10, 12, 29);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A container ship sailing north at 12 kn into the Long Beach pilot boarding area, 30 minutes up to T. */
function approachCsv(mmsi: string, imo: string): string {
  const rows = [MARINECADASTRE_HEADER];
  for (let m = 29; m >= 0; m--) {
    const lat = (33.697 - (m * 12) / 3600).toFixed(5);
    rows.push(
      `${mmsi},${iso(T - m * 60_000).slice(0, 19)},${lat},-118.18300,12.0,0,0,QUEUED CALL,IMO${imo},A8Q01,70,0,300,48,14,70,A`,
    );
  }
  return rows.join('\n') + '\n';
}

interface QueueEta {
  forecast: {
    method: string;
    pilotBoardingArea: { eta: string };
    berth: { eta: string; intervals: { level: number; lower: string; upper: string }[] };
    queue: {
      terminal: string;
      berths: number;
      occupiedUntil: string[];
      shipsAhead: { readyAt: string; stayH: number }[];
      asOf: string | null;
    } | null;
    queueWaitH: number;
    terminal: string | null;
  } | null;
}

describe.each(ENGINES)('vessel ETA with the berth queue on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  let carrier: string;
  let other: string;
  const get = (url: string, authorization: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization } });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    carrier = (await orgWithKey(platform, 'eta-queue-carrier', 'carrier')).authorization;
    other = (await orgWithKey(platform, 'eta-queue-other', 'carrier')).authorization;
    // Ships lying at anchor in Commercial Anchorage G over the 20 minutes up to T.
    const anchored = (mmsi: string, name: string, imo: string, lat: number) =>
      anchoredCsv({ mmsi, name, imo }, { lat, lon: -118.21 }, T);
    await ingestAisCsv(server, carrier, 'community', approachCsv('477000031', '9386603'));
    await ingestAisCsv(server, carrier, 'community', anchored('477000032', 'QUEUE AHEAD', '9386615', 33.7));
    await ingestAisCsv(server, carrier, 'private', anchored('477000033', 'PRIVATE AHEAD', '9386627', 33.69));
    await platform.projections.catchUpAll();
    const at = (h: number): Date => new Date(T + h * HOUR);
    await insertMatuSchedule(platform, at(-2), [
      // The call itself, an hour late by its schedule: not a ship ahead of itself.
      { key: 'CALL', imo: '9386603', times: { eta: at(-1) } },
      { key: 'AHEAD', imo: '9386615', times: { eta: at(-30) } },
      // Arrived by the schedule: only its (private) position puts it in the line.
      { key: 'PRIVATE', imo: '9386627', times: { eta: at(-20), ata: at(-20) } },
      { key: 'MOORED', imo: '9000030', times: { atb: at(-20), etd: at(30) } },
      ...[1, 2, 3].map((k) => ({
        key: `PAST${k}`,
        imo: `900003${k}`,
        times: { atb: at(-24 * k - 30), atd: at(-24 * k - 6) },
      })),
    ]);
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const etaOf = async (authorization: string): Promise<NonNullable<QueueEta['forecast']>> => {
    const calls = await get('/vessel-calls?mmsi=477000031', authorization);
    expect(calls.statusCode, calls.body).toBe(200);
    const [call] = calls.json<{ calls: { callId: string }[] }>().calls;
    const res = await get(`/forecasts/eta/${call!.callId}`, authorization);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<QueueEta>().forecast!;
  };

  it('berths the call after the moored ship and the ship at anchor ahead of it', async () => {
    const f = await etaOf(other);
    expect(f.method).toBe('track');
    expect(f.terminal).toBe('MATU');
    expect(f.queue).toEqual({
      terminal: 'MATU',
      berths: 1,
      occupiedUntil: [iso(T + 30 * HOUR)],
      // Alongside at the earliest two hours (anchorage → berth) after the origin (T + 1 ms), 24.5 h at berth.
      shipsAhead: [{ readyAt: iso(T + 2 * HOUR + 1), stayH: 24.5 }],
      asOf: iso(T),
    });
    const berth = Date.parse(f.berth.eta);
    expect(berth).toBe(T + 54.5 * HOUR);
    // The wait is what the queue adds to the unhindered arrival (under 2 h away): more than 52.5 h.
    expect(f.queueWaitH).toBeGreaterThan(52.5);
    expect(f.queueWaitH).toBeLessThan(54.5);
    // The pilot is ordered for the berth: the harbour passage (under an hour) before it.
    const pilot = Date.parse(f.pilotBoardingArea.eta);
    expect(berth - pilot).toBeGreaterThan(0);
    expect(berth - pilot).toBeLessThan(HOUR);
    expect(f.berth.intervals.map((i) => i.level)).toEqual([0.8, 0.95]);
  });

  it('counts a private ship at anchor in its owner’s queue only', async () => {
    const f = await etaOf(carrier);
    expect(f.queue!.shipsAhead).toHaveLength(2);
    expect(Date.parse(f.berth.eta)).toBe(T + (54.5 + 24.5) * HOUR);
  });
});
