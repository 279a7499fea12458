import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SLOW_FIRST, slowRank } from './slow-first-sequencer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('slow-first sequencer', () => {
  it('should list files that exist, each once (a renamed file would silently lose its early start)', () => {
    expect(SLOW_FIRST.filter((file) => !existsSync(`${ROOT}/${file}`))).toEqual([]);
    expect(new Set(SLOW_FIRST).size).toBe(SLOW_FIRST.length);
  });

  it('should rank listed files by their place in the list and every other file after them', () => {
    expect(slowRank(ROOT, `${ROOT}/${SLOW_FIRST[0]!}`)).toBe(0);
    expect(slowRank(ROOT, `${ROOT}/${SLOW_FIRST[3]!}`)).toBe(3);
    expect(slowRank(ROOT, `${ROOT}/src/domain/terminal-registry.test.ts`)).toBe(SLOW_FIRST.length);
    // Only the path from the root counts, not a file of the same name elsewhere.
    expect(slowRank(ROOT, `${ROOT}/other/${SLOW_FIRST[0]!}`)).toBe(SLOW_FIRST.length);
  });
});
