/**
 * Projections are derived data: emptying a cargo read model and applying every event again must give the
 * very same rows (DESIGN §2). Fixtures in seven formats from the format test corpora plus the cargo story.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { ingestFixture, snapshotCargoTables } from './cargo-test-kit.js';

const FIXTURES: readonly (readonly [string, string])[] = [
  ['dcsa-events', 'dcsa/events-page.json'],
  ['x12-315', 'x12/315-discharge-release-outgate.edi'],
  ['x12-322', 'x12/322-terminal-ramp.edi'],
  ['edifact-coarri', 'edifact/coarri-discharge-load.edi'],
  ['edifact-codeco', 'edifact/codeco-gate-in-out.edi'],
  ['csv-gate-transactions', 'csv-cargo/gate-transactions.csv'],
  ['csv-truck-appointments', 'csv-cargo/truck-appointments.csv'],
  ['csv-holds', 'csv-cargo/holds.csv'],
  ['csv-container-master', 'csv-cargo/container-master.csv'],
  ['dcsa-events', 'cargo-story/carrier-dcsa-events.json'],
  ['edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi'],
  ['edifact-codeco', 'cargo-story/terminal-codeco-gate-out.edi'],
  ['csv-holds', 'cargo-story/customs-holds.csv'],
  ['csv-holds', 'cargo-story/customs-releases.csv'],
  ['csv-truck-appointments', 'cargo-story/trucker-appointment.csv'],
  ['csv-gate-transactions', 'cargo-story/trucker-gate-transactions.csv'],
];

describe.each(ENGINES)('cargo projections rebuild on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should give identical tables when every cargo projection is rebuilt from zero', async () => {
    for (const [format, path] of FIXTURES) await ingestFixture(platform, format, path);
    await platform.projections.catchUpAll();
    const before = await snapshotCargoTables(platform);
    // The corpus exercises every table: imports, exports, rail, visits, appointments, KPIs.
    for (const table of Object.keys(before)) expect(before[table]!.length, table).toBeGreaterThan(0);
    for (const name of ['container-status', 'truck-visits', 'terminal-kpis']) {
      await platform.projections.rebuild(name);
      expect(await snapshotCargoTables(platform), `after rebuilding ${name}`).toEqual(before);
    }
  });

  it('should give the same tables when events are applied one per page as in one big page', async () => {
    for (const [format, path] of FIXTURES) await ingestFixture(platform, format, path);
    await platform.projections.catchUpAll();
    const bigPages = await snapshotCargoTables(platform);
    const { ProjectionRunner } = await import('../../src/projections/projection-runner.js');
    const onePerPage = new ProjectionRunner(platform.database.db, platform.events, platform.projections.projections, 1);
    for (const name of ['container-status', 'truck-visits', 'terminal-kpis']) await onePerPage.rebuild(name);
    expect(await snapshotCargoTables(platform)).toEqual(bigPages);
  });
});
