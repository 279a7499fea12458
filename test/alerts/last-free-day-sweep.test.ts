/**
 * The daily "last free day tomorrow" sweep (issue 13; docs/alerts.md) with an injected clock: EGHU8300218 sits at
 * YUSEN (Los Angeles) with a terminal-stated last free day of Thu 2026-03-19 and no message after Mon 16. The
 * sweep raises the alert on Wed 18 from the configured local hour on — not the day before, not before the hour —
 * once per rule and last free day however often it runs, for the box's owner and the port authority, and never for
 * an organisation that does not own the box; a box that left the yard is not announced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { sweepLastFreeDays } from '../../src/projections/alerts/last-free-day-sweep.js';
import { AlertRepository } from '../../src/store/alert-repository.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const BOX = 'EGHU8300218';
const at = (local: string) => Date.parse(`${local}-07:00`); // PDT

describe.each(ENGINES)('last-free-day sweep on $name', (engine) => {
  let platform: Platform;
  let alerts: AlertRepository;
  const reasonsOf = async (org: string) => (await alerts.alerts(org, 100)).map((a) => a.reason);

  beforeAll(async () => {
    platform = await testPlatform(engine);
    alerts = new AlertRepository(platform.database.db);
    await orgWithKey(platform, 'eglv', 'carrier', ['read', 'ingest']);
    await orgWithKey(platform, 'yti', 'terminal', ['read', 'ingest']);
    await orgWithKey(platform, 'bco', 'bco', ['read']);
    await orgWithKey(platform, 'dray', 'trucker', ['read']);
    await orgWithKey(platform, 'pa', 'port_authority', ['read']);
    await operates(platform, 'yti', ['YUSEN']);
    for (const [org, format, path] of [
      ['eglv', 'dcsa-events', 'cargo-story/carrier-dcsa-events.json'],
      ['yti', 'edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi'],
      ['yti', 'csv-availability', 'cargo-story/terminal-availability-0316.csv'],
    ] as const) {
      const outcome = await platform.pipeline.ingest({
        format,
        body: fixture(path),
        channel: 'test',
        sourceOrg: org,
        ownerOrgs: [org, 'bco'],
        visibility: 'private',
        timeZone: 'America/Los_Angeles',
      });
      expect(outcome.rejected, JSON.stringify(outcome)).toBe(0);
    }
    await platform.projections.catchUpAll();
    const head = await platform.events.head();
    for (const orgId of ['bco', 'dray', 'pa']) {
      await alerts.createRule({
        orgId,
        rule: { kind: 'last-free-day-tomorrow', parameters: { equipmentReference: BOX } },
        callback: null,
        startSeq: head,
      });
    }
  }, 240_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('should announce the last free day the day before, from the configured hour, once', async () => {
    const db = platform.database.db;
    // Tue 17, late evening: the LFD is the day after tomorrow.
    expect(await sweepLastFreeDays(db, at('2026-03-17T23:30:00'), 0)).toBe(0);
    // Wed 18 05:00 with the alert hour at 06:00: not yet.
    expect(await sweepLastFreeDays(db, at('2026-03-18T05:00:00'), 6)).toBe(0);
    expect(await reasonsOf('bco')).toEqual([]);
    // 06:10: the owner and the port authority hear it; the trucker that does not own the box does not.
    expect(await sweepLastFreeDays(db, at('2026-03-18T06:10:00'), 6)).toBe(2);
    const reason = `last free day of ${BOX} is tomorrow (2026-03-19)`;
    expect(await reasonsOf('bco')).toEqual([reason]);
    expect(await reasonsOf('pa')).toEqual([reason]);
    expect(await reasonsOf('dray')).toEqual([]);
    // The alert carries the fact behind the last free day: YUTI's availability statement (Mon 16 12:00 PDT).
    const [alert] = await alerts.alerts('bco', 1);
    expect(alert?.payload).toMatchObject({
      kind: 'last-free-day-tomorrow',
      details: { equipmentReference: BOX, lastFreeDay: '2026-03-19' },
      source: { organisation: 'yti' },
    });
    // Later sweeps the same day, or at midnight with hour 0, add nothing.
    expect(await sweepLastFreeDays(db, at('2026-03-18T06:11:00'), 6)).toBe(0);
    expect(await sweepLastFreeDays(db, at('2026-03-18T22:00:00'), 0)).toBe(0);
    expect(await reasonsOf('bco')).toHaveLength(1);
    // On the last free day itself it is no longer "tomorrow".
    expect(await sweepLastFreeDays(db, at('2026-03-19T08:00:00'), 0)).toBe(0);
  });

  it('should not announce a box that has left the yard', async () => {
    const outcome = await platform.pipeline.ingest({
      format: 'edifact-codeco',
      body: fixture('cargo-story/terminal-codeco-gate-out.edi'),
      channel: 'test',
      sourceOrg: 'yti',
      ownerOrgs: ['yti', 'bco'],
      visibility: 'private',
      timeZone: 'America/Los_Angeles',
    });
    expect(outcome.rejected, JSON.stringify(outcome)).toBe(0);
    await platform.projections.catchUpAll();
    await platform.database.db.deleteFrom('alert').execute();
    expect(await sweepLastFreeDays(platform.database.db, at('2026-03-18T12:00:00'), 0)).toBe(0);
  });
});
