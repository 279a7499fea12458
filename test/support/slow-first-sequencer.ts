/**
 * Starts the known-slowest test files first, so a two-worker run (CI has 2 cores) does not end with one long
 * file running alone while the other worker idles. Vitest's own order puts files it has timed first, longest
 * first, but a fresh clone (CI) has no timings and falls back to file size, which puts a short wide table test
 * before a long server test. The list is measured (`npx vitest run --reporter=json`, durations per file),
 * slowest first; a file missing from the tree is ignored, and every other file keeps vitest's order after them.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Measured on CI's PostgreSQL leg (OPENPCS_TEST_ENGINES=postgres, 2 workers): 165 s down to 20 s per file.
export const SLOW_FIRST: readonly string[] = [
  'test/portal/portal-browser.test.ts',
  // Not yet measured on the CI leg: the simulator-fed journeys, 276 s at load 20 on PostgreSQL.
  'test/portal/portal-simulator.test.ts',
  'test/e2e/trucker-cli.test.ts',
  'test/sim/sim-determinism.test.ts',
  'test/e2e/db-fault.test.ts',
  'test/sim/sim-replay.test.ts',
  'test/sim/sim-terminal-feeds.test.ts',
  'test/e2e/crash-set-aside.test.ts',
  'test/api/route-access-walk.test.ts',
  'test/sim/sim-serve.test.ts',
  // Pure CPU (a month of cargo; two weeks of cargo placed twice), the same on either engine: measured on the
  // newcomer leg only. They share a module graph (the `unit` project), which would otherwise start them last.
  'test/sim/sim-month-calibration.test.ts',
  'test/sim/sim-gate-closures.test.ts',
  'test/e2e/crash-durability.test.ts',
  'test/projections/projection-quarantine.test.ts',
  'test/emissions/call-emissions-projection.test.ts',
  'test/api/tenancy.test.ts',
  'test/subscriptions/subscription-delivery.test.ts',
  'test/api/store-unavailable.test.ts',
  'test/store/event-store.test.ts',
  'test/ingest/ingest-cli.test.ts',
  'test/sim/sim-live-stop.test.ts',
  'test/ingest/edi-cli.test.ts',
  'test/sim/sim-feeder.test.ts',
];

/**
 * The newcomer leg's order (PGlite only: no DATABASE_URL, or OPENPCS_TEST_ENGINES without postgres). On PGlite the
 * server process with the simulator (sim-serve) is by far the longest file: it backfills the embedded store while
 * the test waits for ships and boxes (1,100 s at load 20 on 2 cores, where the next longest took 200 s), so it
 * starts first; the simulator-fed portal journeys, CLI and browser files follow (a fresh clone's newcomer leg on 2
 * cores: sim-serve 163 s, portal-simulator 153 s, trucker-cli 120 s, portal-browser 72 s), then the PostgreSQL list's
 * order.
 */
export const SLOW_FIRST_PGLITE: readonly string[] = [
  ...new Set([
    'test/sim/sim-serve.test.ts',
    'test/portal/portal-simulator.test.ts',
    'test/e2e/trucker-cli.test.ts',
    'test/portal/portal-browser.test.ts',
    // Minutes of CPU in one file each, no store: in the shared-module project they would start last and end the
    // run on one worker.
    'test/sim/sim-month-calibration.test.ts',
    'test/sim/sim-gate-closures.test.ts',
    'test/sim/sim-replay.test.ts',
    'test/e2e/crash-set-aside.test.ts',
    'test/sim/sim-determinism.test.ts',
    'test/sim/sim-terminal-feeds.test.ts',
    'test/e2e/alerts-webhook.test.ts',
    ...SLOW_FIRST,
  ]),
];

/** Whether this run tests PostgreSQL (the rule of test/support/engines.ts, without importing its drivers). */
export function testsPostgres(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!env['DATABASE_URL']) return false;
  const list = env['OPENPCS_TEST_ENGINES'];
  return list === undefined || list.trim() === '' || list.split(',').some((name) => name.trim() === 'postgres');
}

/** 1 for a file of a project that shares one module graph per worker (isolate: false), else 0. */
export function sharesModules(spec: Pick<TestSpecification, 'project'>): number {
  return spec.project.config.isolate === false ? 1 : 0;
}

/** The file's place in SLOW_FIRST, or the list's length when it is not listed. */
export function slowRank(root: string, moduleId: string, list: readonly string[] = SLOW_FIRST): number {
  const relative = moduleId.startsWith(`${root}/`) ? moduleId.slice(root.length + 1) : moduleId;
  const rank = list.indexOf(relative.replaceAll('\\', '/'));
  return rank === -1 ? list.length : rank;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root.replaceAll('\\', '/');
    const ordered = await super.sort(files);
    const list = testsPostgres() ? SLOW_FIRST : SLOW_FIRST_PGLITE;
    const rank = (spec: TestSpecification): number => slowRank(root, spec.moduleId.replaceAll('\\', '/'), list);
    // Array.prototype.sort is stable: unlisted files keep vitest's order, except that the files sharing a module
    // graph (the `unit` project, isolate: false) come last and together: a worker keeps its module graph only
    // while the next file in the queue is also a shared one.
    return ordered.sort((a, b) => rank(a) - rank(b) || sharesModules(a) - sharesModules(b));
  }
}
