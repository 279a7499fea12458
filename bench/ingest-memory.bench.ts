/**
 * Peak memory of one large message, for every format: the built CLI (`openpcs ingest`, a child process) ingests
 * one body of each format (`ingest-bodies.ts`), all valid and all invalid, on PGlite (on-disk, temporary) and
 * on PostgreSQL (a scratch database on DATABASE_URL or the local server, dropped afterwards; skipped when none
 * answers). The child's peak resident set (VmHWM of /proc/<pid>/status, polled every 50 ms) is printed as one
 * line per case: `{bench:'ingest-memory', engine, format, kind, bodyBytes, peakRssMiB, baselineMiB,
 * perBodyMiB, seconds, unitsPerSecond}`; `baselineMiB` is the peak of a CLI run that ingests nothing
 * (`openpcs formats`), `perBodyMiB` = (peak − baseline) / body MiB, the figure docs/benchmarks.md bounds.
 *
 * Bodies are 8 MiB by default (2 MiB with `--quick`) so the 56 cases take minutes; `OPENPCS_BENCH_INGEST_MIB=64`
 * measures at the largest accepted body (`OPENPCS_BODY_LIMIT_MIB`, 64 by default, is the ceiling).
 * `OPENPCS_BENCH_INGEST_CASES=edifact,csv-holds.invalid` selects cases (substrings of `<format>.<kind>`),
 * `OPENPCS_BENCH_INGEST_ENGINES=pglite` one engine, `OPENPCS_BENCH_CLI` the CLI entry point (e.g. an older
 * build, to compare before and after).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from './bench-record.js';
import { postgresReachable, scratchStore, type BenchEngine } from './bench-stores.js';
import { bodyTemplates, writeBody, type BodyKind } from './ingest-bodies.js';

const MIB = 1024 * 1024;
const DEFAULT_CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function statusKib(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : null;
  } catch {
    return null; // gone already
  }
}

interface RunResult {
  readonly code: number | null;
  readonly seconds: number;
  readonly peakKib: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(cli: string, args: readonly string[]): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-4000)));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let peakKib = 0;
  const poll = setInterval(() => {
    const pid = child.pid;
    if (pid === undefined) return;
    peakKib = Math.max(peakKib, statusKib(pid, 'VmHWM') ?? 0, statusKib(pid, 'VmRSS') ?? 0);
  }, 50);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ code, seconds, peakKib, stdout, stderr });
    });
  });
}

/** Peak RSS of `openpcs --version`-like start-up: the process baseline the bound is stated above. */
async function baselineMib(cli: string): Promise<number> {
  const run = await runCli(cli, ['formats']);
  return Math.round(run.peakKib / 1024);
}

const suite: BenchSuite = async (emit, { quick }) => {
  if (process.platform !== 'linux') {
    process.stderr.write('ingest-memory: needs /proc (Linux); skipped\n');
    return;
  }
  const cli = process.env['OPENPCS_BENCH_CLI'] || DEFAULT_CLI;
  const limitMib = Number(process.env['OPENPCS_BODY_LIMIT_MIB'] || 64);
  const mib = Math.min(limitMib, Number(process.env['OPENPCS_BENCH_INGEST_MIB'] || (quick ? 2 : 8)));
  const only = process.env['OPENPCS_BENCH_INGEST_CASES'];
  const engines: BenchEngine[] = [];
  for (const e of (process.env['OPENPCS_BENCH_INGEST_ENGINES'] || 'pglite,postgres').split(',')) {
    if (e === 'pglite') engines.push(e);
    else if (e === 'postgres' && (await postgresReachable())) engines.push(e);
    else process.stderr.write(`ingest-memory: engine ${e} unknown or unreachable; skipped\n`);
  }
  const baseline = await baselineMib(cli);
  for (const kind of ['valid', 'invalid'] as const satisfies readonly BodyKind[]) {
    for (const template of bodyTemplates(kind)) {
      const name = `${template.format}.${kind}`;
      if (only && !only.split(',').some((o) => name.includes(o))) continue;
      const dir = mkdtempSync(join(tmpdir(), 'openpcs-ingest-memory-'));
      try {
        const file = join(dir, `body.${template.extension}`);
        const units = await writeBody(file, template, Math.floor(mib * MIB));
        const bodyBytes = statSync(file).size;
        for (const engine of engines) {
          const scratch = await scratchStore(engine, 'ingest-memory');
          try {
            const { config } = scratch;
            const store =
              config.engine === 'postgres'
                ? ['--database-url', config.url]
                : ['--data-dir', config.dataDir ?? join(dir, 'data')];
            const run = await runCli(cli, ['ingest', '-f', template.format, file, ...store]);
            if (run.code === null || (kind === 'valid' && run.code !== 0 && run.code !== 3)) {
              throw new Error(`${name} on ${engine}: openpcs ingest exited ${run.code}: ${run.stderr}`);
            }
            const peakRssMiB = Math.round(run.peakKib / 1024);
            emit({
              bench: 'ingest-memory',
              unit: 'MiB',
              value: peakRssMiB,
              engine,
              format: template.format,
              kind,
              bodyBytes,
              bodyMiB: Number((bodyBytes / MIB).toFixed(1)),
              units,
              peakRssMiB,
              baselineMiB: baseline,
              perBodyMiB: Number(((peakRssMiB - baseline) / (bodyBytes / MIB)).toFixed(1)),
              seconds: Number(run.seconds.toFixed(1)),
              unitsPerSecond: Math.round(units / run.seconds),
              exitCode: run.code,
            });
            process.stderr.write(
              `ingest-memory: ${name} on ${engine}: ${run.stdout.trim().split('\n').slice(-2).join(' | ')}\n`,
            );
          } finally {
            await scratch.dispose();
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
};

export default suite;
