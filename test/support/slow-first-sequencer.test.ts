import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import SlowFirstSequencer, { SLOW_FIRST, SLOW_FIRST_PGLITE, slowRank, testsPostgres } from './slow-first-sequencer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('slow-first sequencer', () => {
  it('should list files that exist, each once (a renamed file would silently lose its early start)', () => {
    for (const list of [SLOW_FIRST, SLOW_FIRST_PGLITE]) {
      expect(list.filter((file) => !existsSync(`${ROOT}/${file}`))).toEqual([]);
      expect(new Set(list).size).toBe(list.length);
    }
    // The newcomer's order starts the same files early, only in another order.
    expect(SLOW_FIRST.filter((file) => !SLOW_FIRST_PGLITE.includes(file))).toEqual([]);
  });

  it('should rank listed files by their place in the list and every other file after them', () => {
    expect(slowRank(ROOT, `${ROOT}/${SLOW_FIRST[0]!}`)).toBe(0);
    expect(slowRank(ROOT, `${ROOT}/${SLOW_FIRST[3]!}`)).toBe(3);
    expect(slowRank(ROOT, `${ROOT}/src/domain/terminal-registry.test.ts`)).toBe(SLOW_FIRST.length);
    // Only the path from the root counts, not a file of the same name elsewhere.
    expect(slowRank(ROOT, `${ROOT}/other/${SLOW_FIRST[0]!}`)).toBe(SLOW_FIRST.length);
  });

  it('should order by the PGlite list for the newcomer leg and by the PostgreSQL list when PostgreSQL is tested', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/test';
    expect(testsPostgres({})).toBe(false);
    expect(testsPostgres({ DATABASE_URL: url })).toBe(true);
    expect(testsPostgres({ DATABASE_URL: url, OPENPCS_TEST_ENGINES: 'postgres' })).toBe(true);
    expect(testsPostgres({ DATABASE_URL: url, OPENPCS_TEST_ENGINES: 'pglite' })).toBe(false);
    expect(testsPostgres({ OPENPCS_TEST_ENGINES: 'pglite' })).toBe(false);
  });

  it('should run the files that share a module graph last and together, after the slow and the isolated files', async () => {
    const project = (name: string, isolate: boolean) => ({ name, config: { isolate, sequence: { groupOrder: 0 } } });
    // Named so that vitest's own order (by project name) would put the shared files first.
    const unit = project('a-shared', false);
    const isolated = project('b-isolated', true);
    const spec = (file: string, p: typeof unit) =>
      ({ moduleId: `${ROOT}/${file}`, project: p }) as unknown as TestSpecification;
    // No timings or sizes cached: vitest's own order keeps the given order within a project.
    const ctx = {
      config: { root: ROOT },
      cache: { getFileTestResults: () => undefined, getFileStats: () => undefined },
    };
    const sequencer = new SlowFirstSequencer(ctx as unknown as Vitest);
    const sorted = await sequencer.sort([
      spec('src/domain/a.test.ts', unit),
      spec('test/api/b.test.ts', isolated),
      spec('src/domain/c.test.ts', unit),
      spec(SLOW_FIRST_PGLITE[1]!, isolated),
      spec('test/api/d.test.ts', isolated),
    ]);
    expect(sorted.map((s) => `${s.project.name}:${s.moduleId.slice(ROOT.length + 1)}`)).toEqual([
      `b-isolated:${SLOW_FIRST_PGLITE[1]!}`,
      'b-isolated:test/api/b.test.ts',
      'b-isolated:test/api/d.test.ts',
      'a-shared:src/domain/a.test.ts',
      'a-shared:src/domain/c.test.ts',
    ]);
  });
});
