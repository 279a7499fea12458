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

const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .sort();
const known = new Set(['--quick', '--only', '--help', '-h']);
const unknown = args.filter((a, i) => !known.has(a) && args[i - 1] !== '--only');
if (args.includes('--help') || args.includes('-h') || unknown.length > 0 || (onlyIndex >= 0 && !only)) {
  const usage = [
    'usage: npm run bench -- [--quick] [--only <substring>]',
    '',
    'Runs the benchmark suites one after another; one JSON line per measurement on stdout, progress on stderr.',
    '  --quick             smaller inputs (minutes instead of an hour)',
    '  --only <substring>  only the suites whose file name contains it',
    '',
    `suites: ${all.map((f) => f.replace(/\.bench\.js$/, '')).join(', ')}`,
    '',
  ].join('\n');
  if (unknown.length > 0) process.stderr.write(`unknown argument(s): ${unknown.join(' ')}\n\n`);
  process.stderr.write(usage);
  process.exit(unknown.length > 0 || (onlyIndex >= 0 && !only) ? 2 : 0);
}
const suites = all.filter((f) => !only || f.includes(only));

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
