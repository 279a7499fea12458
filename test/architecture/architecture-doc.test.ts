/**
 * docs/architecture.md is the map of the code (issue 11: "docs/architecture.md matches the tree"): every folder
 * under src/ is named in it, and every TypeScript file it names exists. A folder is named either by its path from
 * src/ (`ingest/transports/`) or by its own name in the modules-table row of its top folder (`errors/` in the
 * `domain/` row). A file is named by its name or a path ending (`cargo/appointment-reader.ts`), looked up under
 * src/, web/src/, scripts/, bench/ and test/. So a new folder without a line in the map, or a renamed file the map
 * still names, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');

function walk(dir: string, onFile: (path: string) => void, onDir: (path: string) => void): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      onDir(path);
      walk(path, onFile, onDir);
    } else onFile(path);
  }
}

const srcFolders: string[] = [];
walk(
  join(ROOT, 'src'),
  () => undefined,
  (dir) => srcFolders.push(relative(join(ROOT, 'src'), dir).replaceAll('\\', '/')),
);

const tsFiles: string[] = [];
for (const base of ['src', 'web/src', 'scripts', 'bench', 'test']) {
  walk(
    join(ROOT, base),
    (file) => {
      if (file.endsWith('.ts')) tsFiles.push(relative(ROOT, file).replaceAll('\\', '/'));
    },
    () => undefined,
  );
}

/** The modules table's rows (`| \`top/…\` | job | I/O |`) by the folder in their first cell. */
const rows = new Map<string, string>();
for (const line of DOC.split('\n')) {
  const m = /^\| `([a-z0-9-]+)\/[^`]*` \|/.exec(line);
  if (m) rows.set(m[1]!, `${rows.get(m[1]!) ?? ''}\n${line}`);
}

function named(folder: string): boolean {
  if (DOC.includes(`${folder}/`)) return true;
  const parts = folder.split('/');
  const row = rows.get(parts[0]!) ?? '';
  return row.includes(`${parts.at(-1)!}/`);
}

describe('docs/architecture.md', () => {
  it('should name every folder under src/', () => {
    expect(srcFolders.length).toBeGreaterThan(50);
    expect(srcFolders.filter((f) => !named(f))).toEqual([]);
  });

  it('should name only TypeScript files that exist', () => {
    const mentioned = [...new Set([...DOC.matchAll(/`([A-Za-z0-9_./-]+\.ts)`/g)].map((m) => m[1]!))];
    expect(mentioned.length).toBeGreaterThan(100);
    const missing = mentioned.filter((f) => !tsFiles.some((t) => t === f || t.endsWith(`/${f}`)));
    expect(missing).toEqual([]);
  });
});
