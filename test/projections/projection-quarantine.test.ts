/**
 * One bad value must not poison a read model nor start-up (DESIGN §7): the AIS CSV parser rejects a row whose
 * value does not fit its column, and an event that reaches a projection anyway (appended straight to the
 * store, bypassing the parser) is quarantined with its reason while the projection goes on past it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildServer } from '../../src/api/build-server.js';
import { CliError } from '../../src/cli/cli-context.js';
import { quarantineLines, retryQuarantinedLines } from '../../src/cli/projections-command.js';
import type { NewCanonicalEvent } from '../../src/domain/canonical-event.js';
import { VESSEL_POSITION, VESSEL_STATIC } from '../../src/domain/vessel-observation.js';
import type { Platform } from '../../src/platform.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { defaultProjections } from '../../src/projections/default-projections.js';
import { vesselRegistryProjection } from '../../src/projections/vessels/vessel-registry-projection.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HEADER =
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';

const provenance = {
  source: 'test',
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'public',
} as const;

function staticEvent(mmsi: string, at: string, fields: Record<string, unknown>): NewCanonicalEvent {
  return {
    idempotencyKey: `test-static:${mmsi}:${at}`,
    eventType: 'VESSEL',
    eventTypeCode: VESSEL_STATIC,
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    references: { vesselMMSI: mmsi },
    payload: {
      mmsi,
      imo: null,
      callSign: null,
      name: `SHIP ${mmsi}`,
      shipType: 70,
      lengthM: 200,
      beamM: 30,
      draughtM: 10,
      destination: null,
      ...fields,
    },
  };
}

function positionEvent(mmsi: string, at: string, fields: Record<string, unknown> = {}): NewCanonicalEvent {
  return {
    idempotencyKey: `test-pos:${mmsi}:${at}`,
    eventType: 'VESSEL',
    eventTypeCode: VESSEL_POSITION,
    eventClassifierCode: 'ACT',
    eventDateTime: at,
    eventCreatedDateTime: at,
    location: { latitude: 33.7, longitude: -118.2 },
    references: { vesselMMSI: mmsi },
    payload: {
      mmsi,
      lat: 33.7,
      lon: -118.2,
      sogKn: 0,
      cogDeg: 0,
      headingDeg: null,
      navStatus: 5,
      aisType: null,
      ...fields,
    },
  };
}

/** Good vessels around a poisoned static record (ship type 70.5 into an integer column) and position. */
async function appendPoison(platform: Platform): Promise<{ badStatic: string; badPosition: string }> {
  const { appended } = await platform.events.append(
    [
      staticEvent('367000001', '2022-01-03T00:00:00.000Z', {}),
      staticEvent('367000002', '2022-01-03T00:01:00.000Z', { shipType: 70.5 }),
      positionEvent('367000002', '2022-01-03T00:01:30.000Z', { sogKn: 'fast' }),
      staticEvent('367000003', '2022-01-03T00:02:00.000Z', {}),
      positionEvent('367000003', '2022-01-03T00:02:30.000Z'),
    ],
    provenance,
  );
  return { badStatic: appended[1]!.seq, badPosition: appended[2]!.seq };
}

describe.each(ENGINES)('poisoned values on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should reject AIS CSV rows whose values do not fit their columns and store and project the good rows', async () => {
    const outcome = await platform.pipeline.ingest({
      format: 'ais-csv-marinecadastre',
      body: Buffer.from(
        [
          HEADER,
          '367000001,2022-01-03T00:00:00,33.7,-118.2,0,0,511,GOOD ONE,,,70,5,200,30,10,,A',
          '367000002,2022-01-03T00:00:00,33.7,-118.2,0,0,511,POISON,,,70.5,5,200,30,10,,A',
          '367000003,2022-01-03T00:00:00,33.7,-118.2,0,0,511,BAD STATUS,,,70,5.5,200,30,10,,A',
          '367000004,2022-01-03T00:00:00,33.7,-118.2,0,0,511,BAD LENGTH,,,70,5,abc,30,10,,A',
          '367000005,2022-01-03T00:00:00,33.7,-118.2,0,0,511,GOOD TWO,,,80,0,250,40,12.5,,A',
        ].join('\n'),
      ),
      channel: 'test',
      sourceOrg: 'local',
    });
    expect(outcome.status).toBe('partial');
    expect(outcome.deadLetters.map((d) => [d.line, d.error_code, d.pointer])).toEqual([
      [3, 'PCS_AISCSV_OUT_OF_RANGE', 'VesselType'],
      [4, 'PCS_AISCSV_OUT_OF_RANGE', 'Status'],
      [5, 'PCS_AISCSV_BAD_NUMBER', 'Length'],
    ]);
    await platform.projections.catchUpAll();
    const vessels = await platform.database.db
      .selectFrom('vessel')
      .select(['mmsi', 'ship_type'])
      .orderBy('mmsi')
      .execute();
    expect(vessels).toEqual([
      { mmsi: '367000001', ship_type: 70 },
      { mmsi: '367000005', ship_type: 80 },
    ]);
    expect(await platform.projections.quarantine.list()).toEqual([]);
  });

  it('should reject CSV rows with a NUL character, which the store cannot hold, and store the other rows', async () => {
    const ais = await platform.pipeline.ingest({
      format: 'ais-csv-marinecadastre',
      body: Buffer.from(
        `${HEADER}\n367000001,2022-01-03T00:00:00,33.7,-118.2,0,0,511,BAD\u0000NAME,,,70,5,,,,,A\n367000002,2022-01-03T00:00:00,33.7,-118.2,0,0,511,GOOD,,,70,5,,,,,A\n`,
      ),
      channel: 'test',
      sourceOrg: 'local',
    });
    expect([ais.status, ais.appended]).toEqual(['partial', 2]);
    expect(ais.deadLetters.map((d) => [d.line, d.error_code, d.pointer])).toEqual([
      [2, 'PCS_AISCSV_BAD_TEXT', 'VesselName'],
    ]);
    const schedule = await platform.pipeline.ingest({
      format: 'csv-vessel-schedule',
      body: Buffer.from(
        'vessel_imo,voyage,port,vessel_name,eta\n9321483,V1,USLAX,EMMA\u0000MAERSK,2026-12-01T10:00:00Z\n9321483,V2,USLAX,EMMA MAERSK,2026-12-02T10:00:00Z\n',
      ),
      channel: 'test',
      sourceOrg: 'local',
    });
    expect([schedule.status, schedule.appended]).toEqual(['partial', 1]);
    expect(schedule.deadLetters.map((d) => [d.line, d.error_code, d.pointer])).toEqual([
      [2, 'PCS_CSV_BAD_VALUE', 'vessel_name'],
    ]);
  });

  it('should quarantine an event a projection cannot apply, with the reason, and apply the events after it', async () => {
    const { badStatic, badPosition } = await appendPoison(platform);
    await platform.projections.catchUpAll();

    const vessels = await platform.database.db
      .selectFrom('vessel')
      .select(['mmsi', 'ship_type'])
      .orderBy('mmsi')
      .execute();
    expect(vessels).toEqual([
      { mmsi: '367000001', ship_type: 70 },
      { mmsi: '367000003', ship_type: 70 },
    ]);
    const positions = await platform.database.db.selectFrom('vessel_position').select('mmsi').execute();
    expect(positions.map((p) => p.mmsi)).toEqual(['367000003']);

    const quarantined = await platform.projections.quarantine.list();
    expect(quarantined.map((q) => [q.projection, q.event_seq, q.state, q.attempts])).toEqual([
      ['vessel-positions', badPosition, 'open', 1],
      ['vessel-registry', badStatic, 'open', 1],
    ]);
    expect(quarantined[1]!.error_code).toBe('22P02'); // invalid_text_representation
    expect(quarantined[1]!.error_message).toMatch(/invalid input syntax for type integer: "70.5"/);
    expect(quarantined[1]!.error_message).not.toMatch(/\n/);

    // Every projection stands at the head: none is stuck before the bad event.
    const head = await platform.events.head();
    const checkpoints = await platform.database.db
      .selectFrom('projection_checkpoint')
      .select(['name', 'position'])
      .execute();
    expect(checkpoints.filter((c) => c.position !== head)).toEqual([]);
  });

  it('should count quarantined events by projection at /metrics', async () => {
    const server = await buildServer({ platform, logLevel: 'silent' });
    try {
      await appendPoison(platform);
      await platform.projections.catchUpAll();
      const admin = await orgWithKey(platform, 'pola', 'port_authority', ['read', 'admin']);
      const metrics = await server.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: admin.authorization },
      });
      expect(metrics.body).toContain('openpcs_projection_events_quarantined_total{projection="vessel-registry"} 1');
      expect(metrics.body).toContain('openpcs_projection_events_quarantined_total{projection="vessel-positions"} 1');
      expect(metrics.body).toContain('openpcs_projection_quarantine_open{projection="vessel-registry"} 1');
    } finally {
      await server.app.close();
    }
  });

  it('should start again over a store holding the poisoned event, even when the projection is rebuilt', async () => {
    const { badStatic } = await appendPoison(platform);
    // A restart after a code change: the registry's version moved, so start() rebuilds it from zero.
    const errors: unknown[] = [];
    const restarted = new ProjectionRunner(
      platform.database.db,
      platform.events,
      defaultProjections().map((p) => (p.name === 'vessel-registry' ? { ...p, version: p.version + 1 } : p)),
      1000,
      (error) => errors.push(error),
    );
    await expect(restarted.start()).resolves.toBeUndefined();
    expect(errors).toEqual([]);
    const vessels = await platform.database.db.selectFrom('vessel').select('mmsi').orderBy('mmsi').execute();
    expect(vessels.map((v) => v.mmsi)).toEqual(['367000001', '367000003']);
    const registry = await restarted.quarantine.list({ projection: 'vessel-registry' });
    expect(registry.map((q) => [q.event_seq, q.state])).toEqual([[badStatic, 'open']]);
    await restarted.stop();
  });

  it('should not quarantine anything when the store fails, and start anyway', async () => {
    await appendPoison(platform);
    let down = true;
    const flaky: Projection = {
      ...vesselRegistryProjection,
      async apply(trx, events) {
        // SQLSTATE 08006: connection failure — nothing to do with the events.
        if (down) throw Object.assign(new Error('connection to server was lost'), { code: '08006' });
        await vesselRegistryProjection.apply(trx, events);
      },
    };
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(platform.database.db, platform.events, [flaky], 1000, (e) => errors.push(e));
    await expect(runner.start()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(await runner.quarantine.list()).toEqual([]);
    expect((await runner.status('vessel-registry'))?.position ?? '0').toBe('0'); // retried later, not skipped
    down = false;
    await runner.catchUpAll();
    expect((await runner.quarantine.list()).map((q) => q.projection)).toEqual(['vessel-registry']);
    expect((await runner.status('vessel-registry'))?.position).toBe(await platform.events.head());
  });

  it('should apply a quarantined event again on retry once the cause is fixed, and resolve it', async () => {
    const { badStatic } = await appendPoison(platform);
    let fixed = false;
    // The fix: a new registry that rounds the ship type (what a code fix would do).
    const registry: Projection = {
      ...vesselRegistryProjection,
      apply: (trx, events) =>
        vesselRegistryProjection.apply(
          trx,
          fixed
            ? events.map((e) =>
                e.eventTypeCode === 'STAT'
                  ? { ...e, payload: { ...e.payload, shipType: Math.round(Number(e.payload.shipType)) } }
                  : e,
              )
            : events,
        ),
    };
    const runner = new ProjectionRunner(platform.database.db, platform.events, [registry]);
    await runner.catchUpAll();
    expect((await runner.quarantine.list()).map((q) => q.event_seq)).toEqual([badStatic]);

    // Not fixed yet: the retry fails again, one attempt more, still open.
    expect(await runner.retryQuarantined()).toEqual([
      {
        projection: 'vessel-registry',
        resolved: [],
        failed: [{ eventSeq: badStatic, message: expect.stringMatching(/integer/) }],
      },
    ]);
    expect((await runner.quarantine.list()).map((q) => [q.state, q.attempts])).toEqual([['open', 2]]);

    fixed = true;
    expect(await runner.retryQuarantined(['vessel-registry'])).toEqual([
      { projection: 'vessel-registry', resolved: [badStatic], failed: [] },
    ]);
    expect(await runner.quarantine.list()).toEqual([]);
    const all = await runner.quarantine.list({ state: 'all' });
    expect(all.map((q) => [q.event_seq, q.state, q.attempts])).toEqual([[badStatic, 'resolved', 2]]);
    const vessel = await platform.database.db
      .selectFrom('vessel')
      .select(['mmsi', 'ship_type'])
      .where('mmsi', '=', '367000002')
      .executeTakeFirst();
    expect(vessel).toEqual({ mmsi: '367000002', ship_type: 71 });
  });

  it('should list quarantined events with "openpcs projections quarantine" and clear them with "retry" after a fix', async () => {
    const { badStatic, badPosition } = await appendPoison(platform);
    await platform.projections.catchUpAll();
    const lines = await quarantineLines(platform);
    expect(lines.filter((l) => !l.startsWith(' '))).toEqual([
      'vessel-registry: 1 event(s)',
      'vessel-positions: 1 event(s)',
    ]);
    expect(lines.join('\n')).toContain(`seq ${badStatic} `);
    expect(lines.join('\n')).toContain('[22P02] invalid input syntax for type integer: "70.5"');
    await expect(quarantineLines(platform, { projections: ['no-such'] })).rejects.toThrow(CliError);

    // Before the fix: still failing, one attempt more.
    const before = await retryQuarantinedLines(platform, ['vessel-registry']);
    expect(before.failed).toBe(1);
    expect(before.lines[0]).toBe('vessel-registry: 0 applied, 1 still failing');
    // The fix: a migration that lets the column hold the value.
    await sql`alter table vessel alter column ship_type type double precision`.execute(platform.database.db);
    const after = await retryQuarantinedLines(platform, ['vessel-registry']);
    expect(after).toEqual({ lines: ['vessel-registry: 1 applied, 0 still failing'], failed: 0 });
    expect(await quarantineLines(platform, { projections: ['vessel-registry'] })).toEqual(['no quarantined events']);
    const history = await quarantineLines(platform, { projections: ['vessel-registry'], all: true });
    expect(history[1]).toMatch(new RegExp(`^  seq ${badStatic} .* resolved  attempts 2 `));
    const vessel = await platform.database.db
      .selectFrom('vessel')
      .select('ship_type')
      .where('mmsi', '=', '367000002')
      .executeTakeFirst();
    expect(vessel?.ship_type).toBe(70.5);
    // The other projection's event is still quarantined: a retry of one projection leaves the others alone.
    expect((await platform.projections.quarantine.list()).map((q) => [q.projection, q.event_seq])).toEqual([
      ['vessel-positions', badPosition],
    ]);
  });
});
