import { LOCAL_OPERATOR } from '../../src/access/access-scope.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { vesselProjections } from '../../src/projections/vessels/vessel-projections.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import {
  COSCO_SPAIN,
  COSCO_SPAIN_PROVENANCE as PROVENANCE,
  coscoSpainCallEvents,
  reflaggedStatic,
} from './cosco-spain-call.js';

const TABLES = [
  'vessel',
  'vessel_identity',
  'vessel_position',
  'vessel_track',
  'vessel_call_detector_state',
  'vessel_call',
] as const;

async function snapshot(platform: Platform): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await platform.database.db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe.each(ENGINES)('vessel projections on $name', (engine) => {
  let platform: Platform;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    // Small pages, so that a vessel's positions span many transactions, as they do live.
    runner = new ProjectionRunner(platform.database.db, platform.events, vesselProjections(), 97);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should detect the call, append its ARRI/DEPA events once and build the vessel_call row', async () => {
    const events = coscoSpainCallEvents();
    for (let i = 0; i < events.length; i += 200) await platform.events.append(events.slice(i, i + 200), PROVENANCE);
    await runner.catchUpAll();

    const detected = await platform.events.read('0', 100, {
      source: 'vessel-call-detector',
      visibleTo: LOCAL_OPERATOR,
    });
    expect(
      detected.events.map((e) => `${e.eventDateTime.slice(11, 16)} ${e.eventTypeCode} ${e.location?.facilityCode}`),
    ).toEqual([
      '00:09 ARRI port-limits-san-pedro-bay',
      '00:26 ARRI pilot-area-lb',
      '00:30 DEPA pilot-area-lb',
      '00:30 ARRI anchorage-f',
      '02:30 DEPA anchorage-f',
      '02:50 ARRI polb-lbct',
      '12:50 ARRI pilot-area-lb',
      '12:50 DEPA polb-lbct',
      '13:21 DEPA port-limits-san-pedro-bay',
      '13:21 DEPA pilot-area-lb',
    ]);
    expect(
      detected.events.every((e) => e.eventType === 'TRANSPORT' && e.visibility === 'community' && e.inboxId === null),
    ).toBe(true);

    const calls = await platform.database.db.selectFrom('vessel_call').selectAll().execute();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      call_id: '477776200:2022-01-03T00:09',
      mmsi: COSCO_SPAIN.mmsi,
      imo: COSCO_SPAIN.imo,
      vessel_name: 'COSCO SPAIN',
      port: 'USLGB',
      status: 'departed',
      anchorage: 'anchorage-f',
      time_at_anchor_min: 120,
      berth: 'polb-lbct',
      draught_in_m: 14.5,
      draught_out_m: 12.8,
    });
    expect(calls[0]!.ata_anchorage?.toISOString()).toBe('2022-01-03T00:30:00.000Z');
    expect(calls[0]!.atb?.toISOString()).toBe('2022-01-03T02:50:00.000Z');
    expect(calls[0]!.atd?.toISOString()).toBe('2022-01-03T12:50:00.000Z');
  });

  it('should see a ship leave even when its next reports are far outside the port region', async () => {
    const atAnchor = coscoSpainCallEvents().filter((e) => e.eventDateTime < '2022-01-03T02:30');
    const anchored = atAnchor.find((e) => e.eventTypeCode === 'POSN')!;
    if (anchored.eventTypeCode !== 'POSN') throw new Error('the call has no position at anchor');
    const far = Array.from({ length: 10 }, (_, i) => {
      const at = new Date(Date.parse('2022-01-03T02:30:00Z') + i * 60_000).toISOString();
      return {
        ...anchored,
        idempotencyKey: `far:${i}`,
        eventDateTime: at,
        eventCreatedDateTime: at,
        payload: { ...anchored.payload, lat: 30, lon: -125, sogKn: 12, navStatus: 0 },
      };
    });
    await platform.events.append([...atAnchor, ...far], PROVENANCE);
    await runner.catchUpAll();
    const detected = await platform.events.read('0', 100, {
      source: 'vessel-call-detector',
      visibleTo: LOCAL_OPERATOR,
    });
    expect(
      detected.events
        .filter((e) => e.eventTypeCode === 'DEPA')
        .map((e) => e.location?.facilityCode)
        .sort(),
    ).toEqual(['anchorage-f', 'pilot-area-lb', 'port-limits-san-pedro-bay']);
  });

  it('should show the call at berth while the ship is moored', async () => {
    const events = coscoSpainCallEvents().filter((e) => e.eventDateTime < '2022-01-03T06:00');
    await platform.events.append(events, PROVENANCE);
    await runner.catchUpAll();
    const call = await platform.database.db.selectFrom('vessel_call').selectAll().executeTakeFirstOrThrow();
    expect(call).toMatchObject({ status: 'at_berth', berth: 'polb-lbct', atd: null });
  });

  it('should keep the registry, latest position and a one-point-a-minute track', async () => {
    const events = coscoSpainCallEvents();
    await platform.events.append(events, PROVENANCE);
    // A second receiver's reports of the same minutes, a few seconds later: the track must not grow.
    const echoes = events
      .filter((e) => e.eventTypeCode === 'POSN')
      .map((e) => ({
        ...e,
        idempotencyKey: `${e.idempotencyKey}:echo`,
        eventDateTime: new Date(Date.parse(e.eventDateTime) + 20_000).toISOString(),
      }));
    await platform.events.append(echoes, PROVENANCE);
    await runner.catchUpAll();
    const db = platform.database.db;
    const vessel = await db
      .selectFrom('vessel')
      .selectAll()
      .where('mmsi', '=', COSCO_SPAIN.mmsi)
      .executeTakeFirstOrThrow();
    expect(vessel).toMatchObject({
      imo: '9516442',
      name: 'COSCO SPAIN',
      call_sign: 'VRMX2',
      ship_type: 71,
      length_m: 366,
      draught_m: 12.8,
    });
    const track = await db.selectFrom('vessel_track').select(['minute', 'observed_at']).orderBy('minute').execute();
    expect(track).toHaveLength(831);
    expect(track.every((p) => p.observed_at.getUTCSeconds() === 0)).toBe(true);
    const latest = await db.selectFrom('vessel_position').selectAll().executeTakeFirstOrThrow();
    expect(latest.observed_at.toISOString()).toBe('2022-01-03T13:50:20.000Z');
    expect(latest).toMatchObject({ lat: 33.55, sog_kn: 14 });
  });

  it('should keep the MMSI history of an IMO number when the ship is re-flagged', async () => {
    await platform.events.append([...coscoSpainCallEvents().slice(0, 5), reflaggedStatic('563123000')], PROVENANCE);
    await runner.catchUpAll();
    const identities = await platform.database.db
      .selectFrom('vessel_identity')
      .selectAll()
      .orderBy('first_seen_at')
      .execute();
    expect(identities.map((i) => [i.imo, i.mmsi])).toEqual([
      ['9516442', '477776200'],
      ['9516442', '563123000'],
    ]);
  });

  it('should give identical tables and no new events when rebuilt from zero with other page sizes', async () => {
    const events = coscoSpainCallEvents();
    for (let i = 0; i < events.length; i += 50) await platform.events.append(events.slice(i, i + 50), PROVENANCE);
    for (let i = 0; i < 3; i++) await runner.catchUpAll();
    const before = await snapshot(platform);
    const head = await platform.events.head();
    const other = new ProjectionRunner(platform.database.db, platform.events, vesselProjections(), 1000);
    for (const p of other.projections) await other.rebuild(p.name);
    expect(await platform.events.head()).toBe(head);
    expect(await snapshot(platform)).toEqual(before);
    expect(before['vessel_call']).toHaveLength(1);
  });
});
