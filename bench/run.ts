/**
 * `npm run bench`: runs every suite `bench/*.bench.ts` (compiled to dist/bench) one after another and
 * prints one JSON line per measurement on stdout. `--quick` for smaller inputs, `--only <substring>`
 * to select suites. Progress and notes go to stderr, so stdout stays machine-readable.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printRecord, type BenchSuite } from './bench-record.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const suites = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => !only || f.includes(only))
  .sort();

let failed = 0;
for (const file of suites) {
  process.stderr.write(`bench: ${file}${quick ? ' (quick)' : ''}\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchSuite };
    await mod.default(printRecord, { quick });
  } catch (error) {
    failed++;
    process.stderr.write(
      `bench: ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
process.exitCode = failed > 0 ? 1 : 0;
