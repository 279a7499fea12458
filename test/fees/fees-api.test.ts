/**
 * `GET /fees` over the container story (EGHU8300218, 45G1, discharged at YUSEN Mon 2026-03-16 07:45 PDT, gated
 * out Wed 2026-03-18 09:03 PDT, empty not yet returned) with a configured tariff: the terminal-stated last free
 * day is the one demurrage uses, detention runs from gate-out under the carrier's tariff, weekends follow the
 * tariff, a box the caller may not see is `notFound`, and bad or unknown parameters are 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { FeeTariff } from '../../src/domain/fees/fee-tariff.js';
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
  ['yti', 'csv-availability', 'cargo-story/terminal-availability-0316.csv'],
  ['sbtl', 'csv-gate-transactions', 'cargo-story/trucker-gate-transactions.csv'],
] as const;

const base = {
  unLocationCode: 'USLAX',
  direction: 'IMPORT',
  currency: 'USD',
  chargeHolidays: true,
  holidays: [],
  effectiveFrom: '2026-01-01',
} as const;
const TARIFFS: FeeTariff[] = [
  {
    ...base,
    kind: 'DEMURRAGE',
    party: 'YUSEN',
    tiers: [{ fromDay: 1, ratePerDay: { '20': 90, '40': 120, '45': 140 } }],
    chargeWeekends: true,
    freeDays: 0,
    freeDayBasis: 'CALENDAR',
    source: 'YUSEN test tariff',
  },
  {
    ...base,
    kind: 'DETENTION',
    party: '*',
    tiers: [
      { fromDay: 1, ratePerDay: { '20': 100, '40': 150, '45': 175 } },
      { fromDay: 3, ratePerDay: { '20': 200, '40': 300, '45': 350 } },
    ],
    chargeWeekends: false,
    freeDays: 1,
    freeDayBasis: 'CALENDAR',
    source: 'carrier test tariff',
  },
];

interface Outcome {
  status: string;
  reason?: string;
  estimate?: Record<string, unknown> & { days: { date: string; rate: number }[] };
}
interface Fees {
  asOf: string;
  containers: { equipmentReference: string; demurrage: Outcome; detention: Outcome }[];
  notFound: string[];
}

describe.each(ENGINES)('GET /fees on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  const get = (url: string, org: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: keys.get(org)! } });

  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', feeTariffs: TARIFFS });
    for (const [org, role] of [
      ['pa', 'port_authority'],
      ['eglv', 'carrier'],
      ['yti', 'terminal'],
      ['sbtl', 'trucker'],
      ['maeu', 'carrier'],
    ] as const) {
      keys.set(org, (await orgWithKey(platform, org, role)).authorization);
    }
    await operates(platform, 'yti', ['YUSEN']);
    for (const [org, format, path] of STORY) {
      await platform.pipeline.ingest({
        format,
        body: fixture(path),
        channel: 'test',
        sourceOrg: org,
        ownerOrgs: [org],
        visibility: 'private',
        timeZone: 'America/Los_Angeles',
      });
    }
    await platform.projections.catchUpAll();
  }, 240_000);
  afterAll(async () => {
    await server.shutdown();
    await platform.close();
  });

  it("uses the terminal's stated last free day, stops demurrage at gate-out, and runs detention on weekdays only", async () => {
    // As of Mon 2026-03-23 12:00 PDT. Demurrage: LFD stated 2026-03-19, gated out 03-18 → nothing charged.
    // Detention: out Wed 18, 1 free day (Thu 19), charged Fri 20, (Sat, Sun free), Mon 23: 2 × $150 (45G1 is
    // a 40-foot box); tomorrow is day 3 of the second tier: $300.
    const res = await get(`/fees?equipmentReference=${BOX}&at=2026-03-23T19:00Z`, 'pa');
    expect(res.statusCode).toBe(200);
    const body = res.json<Fees>();
    expect(body.asOf).toBe('2026-03-23T19:00:00.000Z');
    const [box] = body.containers;
    expect(box?.demurrage).toMatchObject({
      status: 'ESTIMATED',
      estimate: {
        lastFreeDay: '2026-03-19',
        lastFreeDayFrom: expect.stringContaining('stated by terminal YUSEN'),
        chargedDays: 0,
        amountSoFar: 0,
        tomorrowsCharge: 0,
        clockStoppedAt: '2026-03-18T16:03:00.000Z',
        tariffSource: 'YUSEN test tariff',
      },
    });
    expect(box?.detention).toMatchObject({
      status: 'ESTIMATED',
      estimate: { length: '40', lastFreeDay: '2026-03-19', chargedDays: 2, amountSoFar: 300, tomorrowsCharge: 300 },
    });
    expect(box?.detention.estimate?.days.map((d) => d.date)).toEqual(['2026-03-20', '2026-03-23']);
    // Fees derive from restricted facts: the read is audited.
    const reads = await platform.audit.list({ orgId: 'pa', action: 'read', limit: 100 });
    expect(reads.map((e) => e.resource)).toContain('/fees');
  });

  it('charges demurrage from the day after the last free day while the box is still in the yard', async () => {
    // As of Tue 17 the box is on the terminal: nothing yet (LFD Thu 19); detention has not started.
    const body = (await get(`/fees?equipmentReference=${BOX}&at=2026-03-17T19:00Z`, 'pa')).json<Fees>();
    expect(body.containers[0]?.demurrage).toMatchObject({ status: 'ESTIMATED', estimate: { clockStoppedAt: null } });
    expect(body.containers[0]?.detention).toEqual({ status: 'NOT_STARTED', reason: 'not gated out (full) yet' });
  });

  it('finds the boxes of a bill of lading, and answers notFound for a box the caller may not see', async () => {
    const box = (await get(`/containers/${BOX}`, 'pa')).json<{ transportDocumentReferences: string[] }>();
    const bl = box.transportDocumentReferences[0]!;
    const byBl = (await get(`/fees?transportDocumentReference=${bl}&at=2026-03-23T19:00Z`, 'pa')).json<Fees>();
    const listed = (await get(`/containers?transportDocumentReference=${bl}`, 'pa')).json<{
      containers: { equipmentReference: string }[];
    }>();
    expect(byBl.containers.map((c) => c.equipmentReference)).toEqual(
      listed.containers.map((c) => c.equipmentReference),
    );
    expect(byBl.containers.map((c) => c.equipmentReference)).toContain(BOX);
    // Another carrier holds no fact about the box: it does not exist for them.
    const other = (await get(`/fees?equipmentReference=${BOX}`, 'maeu')).json<Fees>();
    expect(other).toMatchObject({ containers: [], notFound: [BOX] });
  });

  it('refuses a bad number, a missing selector and unknown parameters with a pointer', async () => {
    const bad = await get('/fees?equipmentReference=EGHU8300219', 'pa');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ pointer: '/query/equipmentReference' }] });
    const none = await get('/fees', 'pa');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ errors: [{ pointer: '/query/equipmentReference' }] });
    const unknown = await get(`/fees?equipmentReference=${BOX}&container=${BOX}`, 'pa');
    expect(unknown.statusCode).toBe(400);
  });
});
