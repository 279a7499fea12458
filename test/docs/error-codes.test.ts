/** Every stable error code in the source is documented, and the catalogue lists no retired code (STYLE §4). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CODE = /\bPCS_[A-Z0-9]+(?:_[A-Z0-9]+)+\b/g;

function files(dir: string, keep: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, keep) : keep(path) ? [path] : [];
  });
}

const sourceCodes = new Set(
  files(join(root, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(CODE)].map((m) => m[0]),
  ),
);
const docs = files(join(root, 'docs'), (f) => f.endsWith('.md'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('error code catalogue', () => {
  it('should document every error code the source can produce', () => {
    const undocumented = [...sourceCodes].filter((code) => !docs.includes(code)).sort();
    expect(undocumented).toEqual([]);
  });

  it('should not list codes in docs/errors.md that the source no longer has', () => {
    const listed = [...readFileSync(join(root, 'docs/errors.md'), 'utf8').matchAll(CODE)].map((m) => m[0]);
    expect(listed.filter((code) => !sourceCodes.has(code))).toEqual([]);
  });
});
