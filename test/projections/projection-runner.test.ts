import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewCanonicalEvent, StoredEvent } from '../../src/domain/canonical-event.js';
import type { Platform } from '../../src/platform.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { vesselScheduleProjection } from '../../src/projections/vessel-schedule/vessel-schedule-projection.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { testPlatform } from '../support/test-platform.js';

const good = fixture('csv-vessel-schedule/schedule-good.csv');
const ingest = (platform: Platform, csv: Buffer | string) =>
  platform.pipeline.ingest({
    format: 'csv-vessel-schedule',
    body: Buffer.from(csv),
    channel: 'test',
    sourceOrg: 'local',
  });

async function scheduleRows(platform: Platform) {
  const rows = await platform.database.db.selectFrom('vessel_schedule').selectAll().orderBy('call_key').execute();
  return rows.map(({ updated_at: _, ...rest }) => rest);
}

describe.each(ENGINES)('projections on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should build one schedule row per vessel call with estimates and actuals', async () => {
    await ingest(platform, good);
    await platform.projections.catchUpAll();
    const rows = await scheduleRows(platform);
    expect(rows.map((r) => r.call_key)).toEqual([
      '9321483:2247W:USLAX',
      '9454448:0MX5DE1MA:USLAX',
      '9811000:1164-038E:USLAX',
      '9839179:0021E:USLGB',
    ]);
    const emma = rows[0]!;
    expect(emma.ata?.toISOString()).toBe('2026-11-20T04:10:00.000Z');
    expect(emma.atb?.toISOString()).toBe('2026-11-20T09:45:00.000Z');
    expect(emma.atd?.toISOString()).toBe('2026-11-23T21:30:00.000Z');
    expect(emma.eta).toBeNull();
    expect(rows[2]).toMatchObject({ vessel_name: 'EVER ACE', carrier_code: 'EGLV' });
    expect(rows[2]!.eta?.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect((await platform.projections.status('vessel-schedule'))?.position).toBe(await platform.events.head());
  });

  it('should move every projection to the head, filtered ones past the events they do not take', async () => {
    await ingest(platform, good);
    await platform.projections.catchUpAll();
    const head = await platform.events.head();
    expect(head).not.toBe('0');
    const checkpoints = await platform.database.db
      .selectFrom('projection_checkpoint')
      .select(['name', 'position'])
      .orderBy('name')
      .execute();
    // Among them `vessel-calls`, which takes only the call detector's events: none of these.
    expect(checkpoints.map((c) => c.name)).toContain('vessel-calls');
    expect(checkpoints.filter((c) => c.position !== head)).toEqual([]);
    // Nothing new: a second run applies nothing and leaves every checkpoint where it is.
    await platform.projections.catchUpAll();
    const again = await platform.database.db.selectFrom('projection_checkpoint').select(['name', 'position']).execute();
    expect(again.every((c) => c.position === head)).toBe(true);
  });

  it('should replace an estimate by a newer one and keep the actuals', async () => {
    await ingest(platform, good);
    await platform.projections.catchUpAll();
    await ingest(
      platform,
      'vessel_imo,voyage,port,eta,ata\n9811000,1164-038E,USLAX,2026-12-02T20:00:00Z,2026-12-02T19:30:00Z\n',
    );
    expect(await platform.projections.catchUp(vesselScheduleProjection)).toBe(2);
    const row = (await scheduleRows(platform)).find((r) => r.call_key === '9811000:1164-038E:USLAX')!;
    expect(row.eta?.toISOString()).toBe('2026-12-02T20:00:00.000Z');
    expect(row.ata?.toISOString()).toBe('2026-12-02T19:30:00.000Z');
    expect(row.vessel_name).toBe('EVER ACE');
  });

  it('should give identical tables when rebuilt from zero', async () => {
    await ingest(platform, good);
    await ingest(platform, 'vessel_imo,voyage,port,etb\n9454448,0MX5DE1MA,USLAX,2026-12-01T18:00:00Z\n');
    await platform.projections.catchUpAll();
    const before = await scheduleRows(platform);
    expect(await platform.projections.rebuild('vessel-schedule')).toBe(13);
    expect(await scheduleRows(platform)).toEqual(before);
  });

  it('should rebuild a projection whose code version changed when it starts', async () => {
    await ingest(platform, good);
    await platform.projections.catchUpAll();
    await platform.database.db.deleteFrom('vessel_schedule').execute(); // a stale read model…
    const next = new ProjectionRunner(platform.database.db, platform.events, [
      { ...vesselScheduleProjection, version: vesselScheduleProjection.version + 1 },
    ]);
    await next.start();
    expect(await scheduleRows(platform)).toHaveLength(4); // …rebuilt because the version moved
    expect((await next.status('vessel-schedule'))?.version).toBe(vesselScheduleProjection.version + 1);
  });

  /**
   * A runner of one projection taking only departures (`DEPA`), recording what it is handed, pages of `pageSize`, and
   * how many events it had been handed each time it was told to settle a rebuild.
   */
  const departuresOnly = (pageSize: number, record: (e: StoredEvent) => string) => {
    const handed: string[] = [];
    const settled: number[] = [];
    const runner = new ProjectionRunner(
      platform.database.db,
      platform.events,
      [
        {
          name: 'departures-only',
          version: 1,
          tables: [],
          sources: ['DEPA'],
          copiesVisibility: false,
          async apply(_trx, events) {
            handed.push(...events.map(record));
          },
          async settle() {
            settled.push(handed.length);
          },
        },
      ],
      pageSize,
    );
    return { runner, handed, settled };
  };

  it('should settle a rebuild once, on the page that reaches the head, and after an interruption on the next catch-up', async () => {
    await ingest(platform, good);
    const { runner: departures, handed, settled } = departuresOnly(2, (e) => e.idempotencyKey);
    await departures.catchUpAll();
    const all = handed.length;
    expect(all).toBeGreaterThan(2);
    expect(settled).toEqual([]); // catching up is not a rebuild
    await departures.rebuild('departures-only');
    expect(settled).toEqual([2 * all]); // once, after every page of the replay
    await departures.catchUpAll();
    expect(settled).toHaveLength(1);

    // Interrupted after its reset (a lost connection on its first page): nothing settles until a catch-up ends it.
    const projection = departures.projections[0]!;
    const apply = vi
      .spyOn(projection, 'apply')
      .mockRejectedValueOnce(Object.assign(new Error('connection lost'), { code: '08006' }));
    await expect(departures.rebuild('departures-only')).rejects.toThrow('connection lost');
    apply.mockRestore();
    expect(settled).toHaveLength(1);
    await departures.catchUpAll();
    expect(settled).toEqual([2 * all, 3 * all]);
    expect((await departures.status('departures-only'))?.position).toBe(await platform.events.head());
  });

  it('should hand a projection only the events of its source codes, its checkpoint past the others', async () => {
    await ingest(platform, good);
    const codes = async () =>
      (await platform.database.db.selectFrom('event').select('event_type_code').orderBy('seq').execute()).map(
        (e) => e.event_type_code,
      );
    expect(new Set(await codes())).toEqual(new Set(['ARRI', 'DEPA']));
    // Pages of two: a page of departures reaches past the arrivals between them.
    const { runner: departures, handed } = departuresOnly(2, (e) => e.eventTypeCode);
    await departures.catchUpAll();
    expect(handed).toEqual((await codes()).filter((c) => c === 'DEPA'));
    expect(handed.length).toBeGreaterThan(0);
    expect((await departures.status('departures-only'))?.position).toBe(await platform.events.head());
  });

  it('should catch a projection up in one call across a backlog longer than a page’s scan window', async () => {
    // 60 arrivals, then 3 departures: with pages of one event, a page looks through 20 positions, so the first
    // three pages find no departure, and catching up must go on past them to the head.
    const event = (i: number, code: 'ARRI' | 'DEPA'): NewCanonicalEvent => ({
      idempotencyKey: `backlog:${i}`,
      eventType: 'TRANSPORT',
      eventTypeCode: code,
      eventClassifierCode: 'ACT',
      eventDateTime: new Date(Date.UTC(2026, 2, 16, 0, i)).toISOString(),
      eventCreatedDateTime: new Date(Date.UTC(2026, 2, 16, 0, i)).toISOString(),
      location: { unLocationCode: 'USLAX', facilityCode: 'WBCT', facilityTypeCode: 'POTE' },
      references: { vesselIMONumber: '9321483' },
      payload: { transportEventTypeCode: code },
    });
    await platform.events.append(
      Array.from({ length: 63 }, (_, i) => event(i, i < 60 ? 'ARRI' : 'DEPA')),
      { source: 'test', inboxId: null, sourceOrg: 'local', ownerOrgs: ['local'], visibility: 'community' },
    );
    const { runner: departures, handed } = departuresOnly(1, (e) => e.idempotencyKey);
    expect(await departures.catchUp(departures.projections[0]!)).toBe(3);
    expect(handed).toEqual(['backlog:60', 'backlog:61', 'backlog:62']);
    expect((await departures.status('departures-only'))?.position).toBe(await platform.events.head());
  });

  it('should follow new events through the bus once started', async () => {
    await platform.projections.start(platform.bus);
    await ingest(platform, good);
    await platform.projections.idle();
    expect(await scheduleRows(platform)).toHaveLength(4);
  });
});
