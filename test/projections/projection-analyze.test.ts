/**
 * A read model that grows from empty during a long catch-up gets fresh planner statistics from the runner
 * (`ANALYZE_EVERY_EVENTS`, projection-runner.ts): without them, where nothing else gathers them (autovacuum off,
 * PGlite), the planner keeps the empty table's estimate and scans the whole table for each page's lookups, so a
 * month's catch-up slowed to a tenth (measured on the month replay). `pg_class.reltuples` is what `ANALYZE` sets:
 * the table's row count when it ran, unknown (-1) or 0 before.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { vesselProjections } from '../../src/projections/vessels/vessel-projections.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { coscoSpainCallEvents, COSCO_SPAIN_PROVENANCE as PROVENANCE } from '../vessels/cosco-spain-call.js';

async function trackStatistics(platform: Platform): Promise<{ estimated: number; rows: number }> {
  const db = platform.database.db;
  const { rows } = await sql<{ n: number | string }>`
    select reltuples as n from pg_class where relname = 'vessel_track' and relkind = 'r'`.execute(db);
  const counted = await db
    .selectFrom('vessel_track')
    .select(db.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { estimated: Number(rows[0]!.n), rows: Number(counted.n) };
}

describe.each(ENGINES)('planner statistics of a read model caught up on $name', (engine) => {
  const platforms: Platform[] = [];
  afterEach(async () => {
    await Promise.all(platforms.splice(0).map((p) => p.close()));
  });

  async function caughtUp(analyzeEvery: number): Promise<{ estimated: number; rows: number }> {
    const platform = await testPlatform(engine);
    platforms.push(platform);
    const events = coscoSpainCallEvents();
    for (let i = 0; i < events.length; i += 200) await platform.events.append(events.slice(i, i + 200), PROVENANCE);
    const runner = new ProjectionRunner(
      platform.database.db,
      platform.events,
      vesselProjections(),
      97,
      undefined,
      analyzeEvery,
    );
    await runner.catchUpAll();
    return trackStatistics(platform);
  }

  it('should be refreshed once a projection applied analyzeEvery events, and left alone before', async () => {
    const analyzed = await caughtUp(100);
    expect(analyzed.rows).toBeGreaterThan(100);
    // Refreshed during the catch-up (the last time after at most 100 more events): the estimate is a real count.
    expect(analyzed.estimated).toBeGreaterThan(analyzed.rows - 100);
    expect(analyzed.estimated).toBeLessThanOrEqual(analyzed.rows);

    const notYet = await caughtUp(Number.MAX_SAFE_INTEGER);
    expect(notYet.rows).toBe(analyzed.rows);
    expect(notYet.estimated).toBeLessThanOrEqual(0);
  }, 120_000);
});
