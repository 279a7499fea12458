/**
 * A projection that reads another's tables (`Projection.reads`: per-call emissions read the vessel models' calls and
 * tracks, the terminal KPIs the containers and truck visits, the alerts the containers) is never applied past that
 * one's checkpoint. Found by the month replay with the runner following the bus: the emissions of a call were
 * computed from a track that did not yet hold the page's positions, and never again, so two replays of one run
 * differed in `vessel_call_emissions`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { compareSeq } from '../../src/store/event-store.js';
import { wbctArrival } from '../support/arrival-event.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';

const arrival = (i: number) => wbctArrival('reads', i);

describe.each(ENGINES)('a projection that reads another’s tables on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  const append = (from: number, n: number) =>
    platform.events.append(
      Array.from({ length: n }, (_, i) => arrival(from + i)),
      { source: 'test', inboxId: null, sourceOrg: 'local', ownerOrgs: ['local'], visibility: 'community' },
    );

  /** `writer` owns `vessel_schedule`; `reader` reads it and records, per page, the writer's checkpoint it saw. */
  const pair = (pageSize: number) => {
    const reader = { handed: [] as string[], behindWriter: [] as string[], settled: 0 };
    const writer: Projection = {
      name: 'writer',
      version: 1,
      tables: ['vessel_schedule'],
      sources: ['ARRI'],
      copiesVisibility: false,
      async apply() {},
    };
    const readerProjection: Projection = {
      name: 'reader',
      version: 1,
      tables: [],
      reads: ['vessel_schedule'],
      sources: ['ARRI'],
      copiesVisibility: false,
      async apply(trx, events) {
        const at = await trx
          .selectFrom('projection_checkpoint')
          .select('position')
          .where('name', '=', 'writer')
          .executeTakeFirst();
        for (const e of events) {
          reader.handed.push(e.idempotencyKey);
          if (at === undefined || compareSeq(e.seq, at.position) > 0) reader.behindWriter.push(e.idempotencyKey);
        }
      },
      async settle() {
        reader.settled += 1;
      },
    };
    const runner = new ProjectionRunner(platform.database.db, platform.events, [writer, readerProjection], pageSize);
    return { runner, writer, readerProjection, reader };
  };

  it('should not take an event before the projection it reads has applied it', async () => {
    await append(0, 5);
    const { runner, writer, readerProjection, reader } = pair(2);
    // The writer has not run: the reader waits.
    expect(await runner.catchUp(readerProjection)).toBe(0);
    expect((await runner.status('reader'))?.position).toBe('0');
    await runner.catchUp(writer);
    await append(5, 4);
    // Four new events the writer has not applied: the reader stops where the writer stands.
    expect(await runner.catchUp(readerProjection)).toBe(5);
    expect(reader.handed).toEqual(['reads:0', 'reads:1', 'reads:2', 'reads:3', 'reads:4']);
    expect((await runner.status('reader'))?.position).toBe((await runner.status('writer'))?.position);
    // One round of catchUpAll (the writer first) brings both to the head.
    await runner.catchUpAll();
    expect(reader.handed).toHaveLength(9);
    expect(reader.behindWriter).toEqual([]);
    const head = await platform.events.head();
    expect((await runner.status('reader'))?.position).toBe(head);
  });

  it('should hold the reader while the projection it reads is rebuilt, and settle its own rebuild only at the head', async () => {
    await append(0, 6);
    const { runner, writer, readerProjection, reader } = pair(2);
    await runner.catchUpAll();
    expect(reader.handed).toHaveLength(6);
    const rebuildingFromZero = (name: string) =>
      platform.database.db
        .updateTable('projection_checkpoint')
        .set({ position: '0', rebuilding: true })
        .where('name', '=', name)
        .execute();
    // The writer rebuilt from zero but interrupted after one page: its checkpoint is behind the reader's.
    await rebuildingFromZero('writer');
    await append(6, 2);
    expect(await runner.catchUp(readerProjection)).toBe(0);
    expect(reader.handed).toHaveLength(6);
    // The reader's own rebuild, held back by the writer, does not settle until it reaches the head.
    await rebuildingFromZero('reader');
    await runner.catchUp(readerProjection);
    expect(reader.settled).toBe(0);
    await runner.catchUp(writer);
    await runner.catchUp(readerProjection);
    expect(reader.settled).toBe(1);
    expect(reader.behindWriter).toEqual([]);
    expect((await runner.status('reader'))?.position).toBe(await platform.events.head());
  });

  it('should refuse a runner that lists a reader before the projection it reads', () => {
    const { writer, readerProjection } = pair(2);
    expect(() => new ProjectionRunner(platform.database.db, platform.events, [readerProjection, writer])).toThrow(
      'projection reader reads vessel_schedule of writer, which must come before it',
    );
  });
});

describe('the product’s projections', () => {
  it('should declare what they read of each other, each after those it reads', async () => {
    const { defaultProjections } = await import('../../src/projections/default-projections.js');
    const projections = defaultProjections();
    const reads = Object.fromEntries(projections.filter((p) => p.reads).map((p) => [p.name, p.reads]));
    expect(reads).toEqual({
      'call-emissions': ['vessel_call', 'vessel_track', 'vessel'],
      'terminal-kpis': ['container_status', 'container_milestone', 'truck_visit'],
      alerts: ['container_status'],
    });
  });
});
