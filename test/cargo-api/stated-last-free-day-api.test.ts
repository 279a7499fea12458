/**
 * A terminal's availability list (`csv-availability`) over the container story: the terminal-stated last free
 * day wins over the computed one and the API says where it came from; the newest statement (by the time the
 * terminal stated it) wins, so an older list that arrives late changes nothing; the computed day stays
 * visible; a trucker sees a statement only under the usual visibility rule; bad rows are rejected with a
 * pointer; statements never reach `/v2/events`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Visibility } from '../../src/domain/canonical-event.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const BOX = 'EGHU8300218';
const STORY = [
  ['eglv', 'dcsa-events', 'cargo-story/carrier-dcsa-events.json'],
  ['yti', 'edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi'],
  ['yti', 'edifact-codeco', 'cargo-story/terminal-codeco-gate-out.edi'],
  ['cbp-broker', 'csv-holds', 'cargo-story/customs-holds.csv'],
  ['cbp-broker', 'csv-holds', 'cargo-story/customs-releases.csv'],
  ['sbtl', 'csv-gate-transactions', 'cargo-story/trucker-gate-transactions.csv'],
] as const;
/** What the default USLAX import rule gives (container-story-api.test.ts): 4 business days from discharge. */
const COMPUTED = '2026-03-20';

describe.each(ENGINES)('terminal-stated last free day on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const get = (url: string, org: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: keys.get(org)! } });
  const state = async (org: string) => {
    const res = await get(`/containers/${BOX}`, org);
    expect(res.statusCode).toBe(200);
    return res.json<Record<string, unknown>>();
  };
  const send = async (
    org: string,
    format: string,
    path: string,
    visibility: Visibility = 'private',
    catchUp = true,
  ) => {
    const outcome = await platform.pipeline.ingest({
      format,
      body: fixture(path),
      channel: 'test',
      sourceOrg: org,
      ownerOrgs: [org],
      visibility,
      timeZone: 'America/Los_Angeles',
    });
    if (catchUp) await platform.projections.catchUpAll();
    return outcome;
  };

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['eglv', 'carrier'],
      ['yti', 'terminal'],
      ['cbp-broker', 'customs_broker'],
      ['sbtl', 'trucker'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']); // Yusen Terminals operates its terminal
    for (const [org, format, path] of STORY) await send(org, format, path, 'private', false);
    await platform.projections.catchUpAll();
  }, 240_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should compute the last free day from the free-time rule while no terminal has stated one', async () => {
    expect(await state('pa')).toMatchObject({
      lastFreeDay: COMPUTED,
      computedLastFreeDay: COMPUTED,
      demurrageStarts: '2026-03-21',
      lastFreeDaySource: { kind: 'rule' },
    });
  });

  it("should let the terminal's stated day win, newest statement first, an older one sent late ignored", async () => {
    const first = await send('yti', 'csv-availability', 'cargo-story/terminal-availability-0316.csv');
    expect(first).toMatchObject({ status: 'processed', appended: 1, rejected: 0 });
    expect(await state('pa')).toMatchObject({
      lastFreeDay: '2026-03-19',
      demurrageStarts: '2026-03-20',
      computedLastFreeDay: COMPUTED,
      lastFreeDaySource: {
        kind: 'terminal',
        terminal: 'YUSEN',
        statedAt: '2026-03-16T19:00:00.000Z',
        statedBy: 'yti',
        inboxId: first.inboxId,
        line: 2,
        available: false,
        holds: ['CUSTOMS', 'FREIGHT'],
      },
      partialView: false,
    });

    const newer = await send('yti', 'csv-availability', 'cargo-story/terminal-availability-0317.csv');
    expect((await state('pa'))['lastFreeDaySource']).toMatchObject({
      kind: 'terminal',
      statedAt: '2026-03-17T19:00:00.000Z',
      inboxId: newer.inboxId,
      available: true,
      holds: [],
    });

    // Stated on the 16th at 09:00, before both others, but received last: it does not override them.
    const late = await send('yti', 'csv-availability', 'cargo-story/terminal-availability-0316-early.csv');
    expect(late).toMatchObject({ status: 'processed', appended: 1 });
    expect(await state('pa')).toMatchObject({
      lastFreeDay: '2026-03-23',
      demurrageStarts: '2026-03-24',
      computedLastFreeDay: COMPUTED,
      lastFreeDaySource: { kind: 'terminal', inboxId: newer.inboxId },
    });
    // The list view and its CSV export say the same.
    const list = await get('/containers?terminal=YUSEN', 'pa');
    const box = list
      .json<{ containers: Record<string, unknown>[] }>()
      .containers.find((c) => c['equipmentReference'] === BOX);
    expect(box).toMatchObject({ lastFreeDay: '2026-03-23', computedLastFreeDay: COMPUTED });
    const csv = await get('/containers?terminal=YUSEN&format=csv', 'pa');
    const [header, ...rows] = csv.body.trim().split(/\r?\n/);
    const cells = rows.find((r) => r.startsWith(BOX))!.split(',');
    const column = (name: string) => cells[header!.split(',').indexOf(name)];
    expect([column('lastFreeDay'), column('lastFreeDaySourceKind'), column('computedLastFreeDay')]).toEqual([
      '2026-03-23',
      'terminal',
      COMPUTED,
    ]);
  });

  it("should show a trucker the terminal's private statement only once the terminal shares it", async () => {
    const before = await state('sbtl');
    expect(before['partialView']).toBe(true);
    expect(before['lastFreeDay']).not.toBe('2026-03-23');
    expect((before['lastFreeDaySource'] as { kind?: string } | null)?.kind).not.toBe('terminal');
    expect(JSON.stringify(before)).not.toContain('"statedBy"');

    await send('yti', 'csv-availability', 'cargo-story/terminal-availability-0318-community.csv', 'community');
    const after = await state('sbtl');
    expect(after).toMatchObject({
      lastFreeDay: '2026-03-24',
      lastFreeDaySource: { kind: 'terminal', statedAt: '2026-03-18T13:00:00.000Z', statedBy: 'yti' },
      partialView: true,
    });
    // The port authority sees every statement: the shared one is also the newest.
    expect((await state('pa'))['lastFreeDay']).toBe('2026-03-24');
  });

  it('should reject bad availability rows over HTTP with line and column, and store the good one', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-availability',
      payload: fixture('csv-cargo/availability-bad.csv'),
      // The list names ETS and TRAP: the port authority may state for any terminal (yti operates YUSEN only).
      headers: { authorization: keys.get('pa')!, 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(207);
    const body = res.json<{ eventsAppended: number; rejected: number; rejectedByCode: Record<string, number> }>();
    expect(body).toMatchObject({ eventsAppended: 1, rejected: 10 });
    expect(body.rejectedByCode).toEqual({
      PCS_ID_CONTAINER_CHECK_DIGIT: 1,
      PCS_CSV_MISSING_VALUE: 3,
      PCS_CSV_BAD_VALUE: 2,
      PCS_CSV_INCONSISTENT_ROW: 2,
      PCS_CSV_BAD_DATE: 1,
      PCS_CSV_BAD_DATETIME: 1,
    });
    const missing = await server.app.inject({
      method: 'POST',
      url: '/ingest/csv-availability',
      payload: 'container_number,terminal,available\nEGHU8300218,YUSEN,Y\n',
      headers: { authorization: keys.get('yti')!, 'content-type': 'text/csv' },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ errors: [{ detail: expect.stringContaining('stated_at') }] });
  });

  it('should never serve an availability statement on /v2/events, only on /events', async () => {
    const v2 = await get(`/v2/events?equipmentReference=${BOX}&limit=1000`, 'pa');
    expect(v2.statusCode).toBe(200);
    expect(v2.json<{ equipmentEventTypeCode?: string }[]>().map((e) => e.equipmentEventTypeCode)).not.toContain('AVLB');
    const own = await get(`/events?equipmentReference=${BOX}&limit=1000`, 'pa');
    expect(own.statusCode).toBe(200);
    expect(JSON.stringify(own.json())).toContain('"AVLB"');
  });
});
