/**
 * The dwell and turn time forecast API (docs/forecast.md "Dwell, turn time and anchorage queue", docs/api.md):
 * `GET /forecasts/dwell?terminal=` and `GET /forecasts/turn-time?terminal=` are published aggregates of the
 * boxes and truck visits that left before now (anonymous callers included); `GET /forecasts/dwell/{box}`
 * forecasts one box in the yard from its open holds and time already there, visible exactly like
 * `GET /containers/{reference}`. Histories have known medians, so every answer is checked against them. The
 * fitted model answers for a minute, then answers once more while it is refitted in the background with the boxes
 * that left since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { DwellReader, MODEL_TTL_MS } from '../../src/api/forecasts/dwell-reader.js';
import { localDateAndHour } from '../../src/domain/alerts/last-free-day-due.js';
import { LocalDates } from '../../src/domain/free-time/local-date.js';
import { loadTerminalRegistry } from '../../src/geo/load-terminal-registry.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'America/Los_Angeles';
const BOX = 'EGHU9345670';

/** Median as R's type 7 quantile (the mean of the middle two of an even sample). */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

/** `YYYYMMDDHHmm` and `YYYY-MM-DD HH:mm` of an instant in the port's zone. */
function localStamp(ms: number): { edi: string; csv: string } {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const v = (t: string) => p.find((x) => x.type === t)!.value;
  return {
    edi: `${v('year')}${v('month')}${v('day')}${v('hour')}${v('minute')}`,
    csv: `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`,
  };
}

interface DwellView {
  level: string;
  medianH: number;
  n: number;
  intervals: { level: number; lowerH: number; upperH: number }[];
}

describe.each(ENGINES)('dwell and turn time forecast API on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  let now: number;
  let newestLeft: string;
  let dischargedMs: number;
  const noHolds: number[] = [];
  const customs: number[] = [];
  let rush: { hour: number; turns: number[] };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['yti', 'terminal'],
      ['other', 'carrier'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role, ['read', 'ingest'])).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']);
    now = Date.now();
    const db = platform.database.db;
    // Import boxes that left in the last 28 days: at YUSEN 50 without holds (dwell 24-122 h) and 40 held by
    // customs from discharge until an hour before they left (100-178 h); 10 at WBCT (300 h); one that left 40
    // days ago and one export box, neither of which may count.
    const boxes: { ref: string; terminal: string; dwellH: number; leftMs: number; customs: boolean; dir: string }[] =
      [];
    for (let i = 0; i < 50; i++) {
      noHolds.push(24 + 2 * i);
      boxes.push({
        ref: `NH${i}`,
        terminal: 'YUSEN',
        dwellH: 24 + 2 * i,
        leftMs: now - (1 + (i % 20)) * DAY,
        customs: false,
        dir: 'IMPORT',
      });
    }
    for (let j = 0; j < 40; j++) {
      customs.push(100 + 2 * j);
      boxes.push({
        ref: `CU${j}`,
        terminal: 'YUSEN',
        dwellH: 100 + 2 * j,
        leftMs: now - (2 + (j % 20)) * DAY,
        customs: true,
        dir: 'IMPORT',
      });
    }
    for (let k = 0; k < 10; k++) {
      boxes.push({
        ref: `WB${k}`,
        terminal: 'WBCT',
        dwellH: 300,
        leftMs: now - (3 + k) * DAY,
        customs: false,
        dir: 'IMPORT',
      });
    }
    boxes.push({ ref: 'OLD', terminal: 'YUSEN', dwellH: 1000, leftMs: now - 40 * DAY, customs: false, dir: 'IMPORT' });
    boxes.push({ ref: 'EXP', terminal: 'YUSEN', dwellH: 900, leftMs: now - 2 * DAY, customs: false, dir: 'EXPORT' });
    newestLeft = new Date(Math.max(...boxes.filter((b) => b.dir === 'IMPORT').map((b) => b.leftMs))).toISOString();
    await db
      .insertInto('container_status')
      .values(
        boxes.map((b) => {
          const discharged = b.leftMs - b.dwellH * HOUR;
          return {
            equipment_reference: b.ref,
            size_teu: 2,
            direction: b.dir,
            status: 'GATED_OUT',
            holds: JSON.stringify(
              b.customs
                ? [
                    {
                      holdType: 'CUSTOMS',
                      placedAt: new Date(discharged).toISOString(),
                      releasedAt: new Date(b.leftMs - HOUR).toISOString(),
                    },
                  ]
                : [],
            ),
            holds_open: [],
            available: false,
            terminal_code: b.terminal,
            un_location_code: 'USLAX',
            discharged_at: new Date(discharged),
            gated_out_at: new Date(b.leftMs),
            carrier_codes: [],
            transport_document_references: [],
            carrier_booking_references: [],
            owner_orgs: [],
            last_event_seq: '1',
          };
        }),
      )
      .execute();

    // One box in the yard: discharged at YUSEN 49 hours ago (by the terminal, privately), then held by customs.
    dischargedMs = Math.floor((now - 49 * HOUR) / 60_000) * 60_000;
    const discharge = fixture('cargo-story/terminal-coarri-discharge.edi')
      .toString('utf8')
      .replaceAll('EGHU8300218', BOX)
      .replace('DTM+203:202603160745:203', `DTM+203:${localStamp(dischargedMs).edi}:203`);
    expect((await post('yti', 'edifact-coarri', discharge)).statusCode).toBe(202);
    const held = holds('HOLD', dischargedMs + HOUR);
    expect((await post('yti', 'csv-holds', held)).statusCode).toBe(202);
    await platform.projections.catchUpAll();

    // Truck visits at WBCT in the last 14 days: two a day gating in at 08:30 local (turns 60, 61, ... min),
    // five at 14:30 local (30 min), one still inside and one that left 20 days ago.
    const today = LocalDates.of(new Date(now), ZONE);
    const visits: { gateIn: number; gateOut: number | null }[] = [];
    const turns: number[] = [];
    let hour = 8;
    for (let d = 1; d <= 13; d++) {
      for (const m of [0, 20]) {
        const gateIn = Date.parse(LocalDates.startUtc(LocalDates.addDays(today, -d), ZONE)) + 8.5 * HOUR + m * 60_000;
        hour = localDateAndHour(gateIn, ZONE).hour;
        if (hour !== 8) continue; // a daylight-saving change that day
        const turn = 60 + turns.length;
        turns.push(turn);
        visits.push({ gateIn, gateOut: gateIn + turn * 60_000 });
      }
    }
    rush = { hour: 8, turns };
    for (let d = 1; d <= 5; d++) {
      const gateIn = Date.parse(LocalDates.startUtc(LocalDates.addDays(today, -d), ZONE)) + 14.5 * HOUR;
      visits.push({ gateIn, gateOut: gateIn + 30 * 60_000 });
    }
    visits.push({ gateIn: now - 10 * 60_000, gateOut: null });
    visits.push({ gateIn: now - 20 * DAY, gateOut: now - 20 * DAY + 500 * 60_000 });
    await db
      .insertInto('truck_visit')
      .values(
        visits.map((v, i) => ({
          visit_key: `TV${i}`,
          visit_id: `TV${i}`,
          terminal_code: 'WBCT',
          un_location_code: 'USLAX',
          trucking_company: null,
          truck_plate: null,
          appointment_id: null,
          appointment_ids: [],
          appointment_status: null,
          slot_start: null,
          slot_end: null,
          gate_in_at: new Date(v.gateIn),
          gate_out_at: v.gateOut === null ? null : new Date(v.gateOut),
          turn_time_minutes: v.gateOut === null ? null : (v.gateOut - v.gateIn) / 60_000,
          transactions: JSON.stringify([]),
          last_event_seq: '1',
        })),
      )
      .execute();
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  const post = (org: string, format: string, body: string) =>
    server.app.inject({
      method: 'POST',
      url: `/ingest/${format}?timeZone=${ZONE}`,
      payload: body,
      headers: { authorization: keys.get(org)!, 'content-type': 'text/plain' },
    });
  const holds = (action: 'HOLD' | 'RELEASE', at: number) =>
    [
      'hold_id,container_number,bill_of_lading,hold_type,action,timestamp,authority,reason,terminal',
      `HF${action},${BOX},,CUSTOMS,${action},${localStamp(at).csv},CBP,exam,YUSEN`,
      '',
    ].join('\n');

  it('should forecast the dwell of a box discharged now at a terminal, overall and by holds at discharge, for anyone', async () => {
    const res = await server.app.inject({ url: '/forecasts/dwell?terminal=yusen' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      terminal: string;
      port: string;
      asOf: string;
      source: string;
      cohort: { boxes: number };
      forecast: DwellView;
      byHoldsAtDischarge: (DwellView & { holds: string })[];
    }>();
    expect(body).toMatchObject({ terminal: 'YUSEN', port: 'USLAX', asOf: newestLeft, cohort: { boxes: 100 } });
    expect(body.source).toContain('container_status');
    expect(body.forecast.level).toBe('terminal');
    expect(body.forecast.n).toBe(90);
    expect(body.forecast.medianH).toBeCloseTo(median([...noHolds, ...customs]), 6);
    const [i80, i95] = body.forecast.intervals;
    expect(i80).toMatchObject({ level: 0.8 });
    expect(i95!.lowerH).toBeLessThanOrEqual(i80!.lowerH);
    expect(i95!.upperH).toBeGreaterThanOrEqual(i80!.upperH);
    const byHolds = new Map(body.byHoldsAtDischarge.map((h) => [h.holds, h]));
    expect(byHolds.get('none')).toMatchObject({ level: 'terminal+holds', n: 50, medianH: 73 });
    expect(byHolds.get('customs')).toMatchObject({ level: 'terminal+holds', n: 40, medianH: 139 });

    // WBCT has 10 boxes, fewer than the model's 30: the port's cohort answers, and says so.
    const wbct = (await server.app.inject({ url: '/forecasts/dwell?terminal=WBCT' })).json<{ forecast: DwellView }>();
    expect(wbct.forecast).toMatchObject({ level: 'port', n: 100 });
  });

  it('should forecast the gate-out of a held box in the yard from its holds and time there, and only for those who may see it', async () => {
    const url = `/forecasts/dwell/${BOX}`;
    const res = await server.app.inject({ url, headers: { authorization: keys.get('yti')! } });
    expect(res.statusCode, res.body).toBe(200);
    type Box = {
      terminal: string;
      dischargedAt: string;
      forecast: { elapsedH: number; holdsOpen: string; gateOut: string; dwell: DwellView } | null;
    };
    const held = res.json<Box>();
    expect(held).toMatchObject({ terminal: 'YUSEN', dischargedAt: new Date(dischargedMs).toISOString() });
    expect(held.forecast!.holdsOpen).toBe('customs');
    expect(held.forecast!.elapsedH).toBeGreaterThanOrEqual(49);
    // Customs boxes still in the yard after 48 h: all 40, median 139 h after discharge.
    expect(held.forecast!.dwell).toMatchObject({ level: 'terminal+holds', n: 40, medianH: 139 });
    expect(held.forecast!.gateOut).toBe(new Date(dischargedMs + 139 * HOUR).toISOString());

    // Another organisation and an anonymous caller get the container routes' 404.
    for (const headers of [{ authorization: keys.get('other')! }, {}]) {
      const hidden = await server.app.inject({ url, headers });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toMatchObject({ code: 'PCS_CARGO_CONTAINER_NOT_FOUND' });
      const detail = await server.app.inject({ url: `/containers/${BOX}`, headers });
      expect(detail.statusCode).toBe(404);
    }

    // Released: the boxes without holds that stayed over 48 h (50-122 h) answer.
    expect((await post('yti', 'csv-holds', holds('RELEASE', dischargedMs + 2 * HOUR))).statusCode).toBe(202);
    await platform.projections.catchUpAll();
    const released = (await server.app.inject({ url, headers: { authorization: keys.get('yti')! } })).json<Box>();
    expect(released.forecast!.holdsOpen).toBe('none');
    expect(released.forecast!.dwell).toMatchObject({ level: 'terminal+holds', n: 37, medianH: 86 });
  });

  it('should forecast truck turn time by local hour of in-gate, falling back to the terminal for a quiet hour', async () => {
    const res = await server.app.inject({ url: '/forecasts/turn-time?terminal=WBCT' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      timeZone: string;
      asOf: string;
      window: { visits: number };
      hours: { hour: number; level: string; medianMin: number; n: number }[];
    }>();
    expect(body.timeZone).toBe(ZONE);
    expect(body.window.visits).toBe(rush.turns.length + 5);
    expect(body.hours).toHaveLength(24);
    expect(body.hours[rush.hour]).toMatchObject({
      hour: 8,
      level: 'terminal+hour',
      n: rush.turns.length,
      medianMin: median(rush.turns),
    });
    // Five visits at 14 h are too few: every visit of the terminal answers.
    expect(body.hours[14]).toMatchObject({ level: 'terminal', n: rush.turns.length + 5 });
    expect(body.hours[14]!.medianMin).toBeCloseTo(median([...rush.turns, 30, 30, 30, 30, 30]), 6);
    expect(body.hours[3]).toMatchObject({ level: 'terminal' });
  });

  it('should answer 404 for a terminal without history and 400 for bad or undeclared parameters', async () => {
    for (const url of ['/forecasts/dwell?terminal=TTI', '/forecasts/dwell?terminal=NOWHERE']) {
      const res = await server.app.inject({ url });
      // TTI has no box of its own: the port's cohort answers; an unknown code is a 404.
      if (url.endsWith('TTI')) expect(res.json<{ forecast: DwellView }>().forecast.level).toBe('port');
      else expect(res.json()).toMatchObject({ code: 'PCS_FORECAST_NO_DWELL_HISTORY' });
    }
    const noTurn = await server.app.inject({ url: '/forecasts/turn-time?terminal=NOWHERE' });
    expect(noTurn.statusCode).toBe(404);
    expect(noTurn.json()).toMatchObject({ code: 'PCS_FORECAST_NO_TURN_HISTORY' });
    for (const url of [
      '/forecasts/dwell',
      '/forecasts/dwell?terminal=WB-CT',
      '/forecasts/dwell?terminal=WBCT&extra=1',
      '/forecasts/turn-time',
      '/forecasts/turn-time?terminal=WBCT&hour=8',
      '/forecasts/dwell/EGHU9345671',
      `/forecasts/dwell/${BOX}?terminal=WBCT`,
    ]) {
      const res = await server.app.inject({ url, headers: { authorization: keys.get('yti')! } });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe.each(ENGINES)('dwell model reuse on $name', (engine) => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform(engine);
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('should answer from the fitted model for a minute, then at once while it refits, then see the boxes that left since', async () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const insert = (ref: string, leftMs: number, dwellH: number) =>
      platform.database.db
        .insertInto('container_status')
        .values({
          equipment_reference: ref,
          direction: 'IMPORT',
          status: 'GATED_OUT',
          holds: JSON.stringify([]),
          holds_open: [],
          available: false,
          terminal_code: 'YUSEN',
          discharged_at: new Date(leftMs - dwellH * HOUR),
          gated_out_at: new Date(leftMs),
          carrier_codes: [],
          transport_document_references: [],
          carrier_booking_references: [],
          owner_orgs: [],
          last_event_seq: '1',
        })
        .execute();
    await insert('FIRST', now - DAY, 48);
    const reader = new DwellReader(platform.database.db, loadTerminalRegistry());
    const first = await reader.terminal('YUSEN', new Date(now));
    expect(first).toMatchObject({ cohort: { boxes: 1 }, forecast: { medianH: 48 } });
    await insert('LATER', now + 10_000, 96);
    const within = await reader.terminal('YUSEN', new Date(now + MODEL_TTL_MS - 1));
    expect(within).toMatchObject({ cohort: { boxes: 1, to: new Date(now).toISOString() } });
    // The first request after the minute does not wait: the older model answers (its origin says so) ...
    const stale = await reader.terminal('YUSEN', new Date(now + MODEL_TTL_MS));
    expect(stale).toMatchObject({ cohort: { boxes: 1, to: new Date(now).toISOString() } });
    // ... while the refit runs in the background; the next request gets the refitted model.
    await reader.refitsIdle();
    const after = await reader.terminal('YUSEN', new Date(now + MODEL_TTL_MS + 1));
    expect(after).toMatchObject({
      cohort: { boxes: 2, to: new Date(now + MODEL_TTL_MS).toISOString() },
      forecast: { medianH: 72 },
    });
    expect(after!.asOf).toBe(new Date(now + 10_000).toISOString());
  });
});
