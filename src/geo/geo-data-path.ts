/**
 * Absolute path of a file under the package's `data-static/geo/`. Code runs from `src/geo/` (tests, tsx)
 * and from `dist/src/geo/` (built), so the package root is found by walking up to the nearest
 * `package.json` rather than by a fixed number of `..`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}

export function geoDataPath(fileName: string): string {
  return join(packageRoot(), 'data-static', 'geo', fileName);
}
