/**
 * The rule that decides which test files share one module graph per worker (vitest.config.ts's `unit` project,
 * isolate: false) and which keep their own (test/support/isolation.ts): a file that opens a store, starts a server
 * or a process, or touches process-global state must stay isolated, also when it does so through a test helper;
 * the next file in a shared worker would otherwise inherit what it left behind.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isolationReasons, sharedModuleTests, testFiles } from '../support/isolation.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const DIRS = ['src', 'test', 'web/src'];

/** The reasons (without their path) that the rule finds in a test file made of `text`. */
function reasonsFor(text: string, helpers: Readonly<Record<string, string>> = {}): string[] {
  const files: Record<string, string> = { [`${ROOT}/test/x/subject.test.ts`]: text };
  for (const [path, helper] of Object.entries(helpers)) files[`${ROOT}/${path}`] = helper;
  return isolationReasons(ROOT, `${ROOT}/test/x/subject.test.ts`, (path) => files[path]).map((r) =>
    r.replace(/ \(.*\)$/, ''),
  );
}

describe('test isolation rule', () => {
  it('should keep the files of this tree that open a store, start a server or touch the process isolated', () => {
    const reasons = (file: string): string[] => isolationReasons(ROOT, join(ROOT, file));
    expect(reasons('test/store/event-store.test.ts')).toContain('opens a store (test/support/engines.ts)');
    expect(reasons('test/support/server-process.test.ts').join()).toContain('starts a server or a process');
    expect(reasons('test/fuzz/ingest-fuzz.test.ts').join()).toContain('starts a server or a process');
    expect(reasons('src/cli/cli-context.test.ts')).toEqual([
      'changes process-global state (src/cli/cli-context.test.ts)',
    ]);
    expect(reasons('test/transports/line-batcher.test.ts')).toEqual([
      'fakes timers or the clock (test/transports/line-batcher.test.ts)',
    ]);
    expect(reasons('test/ingest/csv-layouts.test.ts').join()).toContain('mocks or spies on modules');
    // A pure unit test, and one that reads fixtures through a test helper, share.
    expect(reasons('src/domain/terminal-registry.test.ts')).toEqual([]);
    expect(reasons('test/ais/ais-nmea-parser.test.ts')).toEqual([]);
  });

  it('should follow test helpers transitively but not the code under test', () => {
    const helpers = {
      'test/x/helper.ts': "import { other } from './deeper.js';",
      'test/x/deeper.ts': "import { testPlatform } from '../support/test-platform.js';",
    };
    expect(reasonsFor("import { helper } from './helper.js';", helpers)).toEqual(['opens a store']);
    // src/ is what the tests call; importing the store's module opens nothing.
    expect(
      reasonsFor("import { migrateToLatest } from '../../src/store/migrate.js';", {
        'src/store/migrate.ts': "import pg from 'pg';",
      }),
    ).toEqual([]);
    // An example in a comment that names no file is not followed.
    expect(reasonsFor("// as in import('./x.js')")).toEqual([]);
  });

  it('should tell writing process-global state from reading it', () => {
    expect(reasonsFor("process.env['OPENPCS_X'] = '1';")).toEqual(['changes process-global state']);
    expect(reasonsFor('process.env.TZ = "UTC";')).toEqual(['changes process-global state']);
    expect(reasonsFor("delete process.env['OPENPCS_X'];")).toEqual(['changes process-global state']);
    expect(reasonsFor("vi.stubEnv('TZ', 'UTC');")).toEqual(['changes process-global state']);
    expect(reasonsFor("process.on('SIGINT', stop);")).toEqual(['changes process-global state']);
    expect(reasonsFor('process.exitCode = 1;')).toEqual(['changes process-global state']);
    expect(reasonsFor("vi.mock('../../src/x.js');")).toEqual(['mocks or spies on modules']);
    expect(reasonsFor("vi.spyOn(console, 'warn');")).toEqual(['mocks or spies on modules']);
    expect(reasonsFor('vi.useFakeTimers();')).toEqual(['fakes timers or the clock']);
    expect(reasonsFor("import { spawn } from 'node:child_process';")).toEqual(['starts a server or a process']);
    expect(reasonsFor('await app.listen({ port: 0 });')).toEqual(['starts a server or a process']);
    expect(reasonsFor('// vitest: isolate (keeps a cache warm across its cases)')).toEqual(['asks for isolation']);
    expect(reasonsFor("expect(process.env['OPENPCS_X'] === '1').toBe(false);")).toEqual([]);
    expect(reasonsFor("const zone = process.env['TZ'] ?? 'UTC';")).toEqual([]);
  });

  it('should share most test files and isolate the rest, each file in one of the two', () => {
    const all = testFiles(ROOT, DIRS);
    const shared = sharedModuleTests(ROOT, DIRS);
    expect(shared.filter((file) => !all.includes(file))).toEqual([]);
    // Most of src/'s colocated tests are pure unit tests; a rule that isolated them all would be a regression.
    const src = all.filter((file) => file.startsWith('src/'));
    expect(shared.filter((file) => file.startsWith('src/')).length).toBeGreaterThan(src.length / 2);
    expect(shared).not.toContain('test/store/event-store.test.ts');
  });
});
