/**
 * Peak memory of one large message: the built CLI (`openpcs ingest`, a child process on an on-disk PGlite
 * store) ingests one file of the largest body the HTTP route accepts (OPENPCS_BODY_LIMIT_MIB, 64 MiB by
 * default), of valid rows and of invalid rows, for CSV (`csv-container-master`) and AIS NMEA (`ais-nmea`).
 * The child's peak resident set (VmHWM of /proc/<pid>/status, polled every 50 ms; the largest value seen)
 * and its throughput (rows/s, from start to exit, including the projection catch-up `ingest` runs) are
 * reported as `ingest-memory.<format>.<valid|invalid>.peak-rss` (MiB) and `….throughput` (rows/s).
 *
 * `--quick` uses 4 MiB bodies. `OPENPCS_BENCH_INGEST_MIB` sets the size, `OPENPCS_BENCH_CLI` the CLI
 * entry point (e.g. an older build, to compare before and after).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerCheckDigit } from '../src/domain/identifiers/iso6346.js';
import { encodePositionA, toSentences } from '../test/ais/ais-encoder.js';
import type { BenchSuite } from './bench-record.js';

const MIB = 1024 * 1024;
const DEFAULT_CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface Case {
  readonly format: string;
  readonly kind: 'valid' | 'invalid';
  readonly header: string;
  /** Line `i` of the body (without the newline). */
  line(i: number): string;
}

const OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'OOLU', 'TGHU'];

function box(n: number): string {
  const owner = OWNERS[n % OWNERS.length]!;
  const serial = String(n % 1_000_000).padStart(6, '0');
  return `${owner}${serial}${containerCheckDigit(owner + serial)}`;
}

/** The same box with a wrong check digit. */
function badBox(n: number): string {
  const good = box(n);
  return `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}`;
}

const MASTER_HEADER = 'container_number,size_type,owner_scac,tare_kg,max_gross_kg,reefer,as_of';

function masterRow(n: number, valid: boolean): string {
  const asOf = `2026-01-${String(1 + (Math.floor(n / 1_000_000) % 28)).padStart(2, '0')}T00:00:00Z`;
  if (valid) return `${box(n)},45G1,${OWNERS[n % OWNERS.length]},3900,32500,N,${asOf}`;
  // Three kinds of bad rows, so the summary has several codes.
  switch (n % 3) {
    case 0:
      return `${badBox(n)},45G1,MSCU,3900,32500,N,${asOf}`;
    case 1:
      return `${box(n)},45G1,MSCU,abc,32500,N,${asOf}`;
    default:
      return `${box(n)},45G1,MSCU,3900,32500,N,yesterday`;
  }
}

function tagged(unixSeconds: number, sentence: string): string {
  const body = `c:${unixSeconds}`;
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\${sentence}`;
}

function aisLine(n: number, valid: boolean): string {
  const mmsi = 366_000_000 + (n % 50_000);
  const minute = Math.floor(n / 50_000);
  const [sentence] = toSentences(
    encodePositionA({
      type: 1,
      repeat: 0,
      mmsi,
      navStatus: 0,
      turn: 0,
      sog: 12.3,
      accuracy: true,
      lon: -118.25 + (n % 1000) / 10_000,
      lat: 33.7 + (n % 777) / 10_000,
      cog: 123.4,
      heading: 120,
      second: 30,
      maneuver: 0,
      raim: false,
      radio: 0,
    }),
  );
  const line = tagged(1_767_225_600 + minute * 60, sentence!);
  // An invalid line: its NMEA checksum does not match.
  return valid ? line : `${line.slice(0, -2)}${line.endsWith('00') ? '01' : '00'}`;
}

const CASES: readonly Case[] = [
  { format: 'csv-container-master', kind: 'valid', header: MASTER_HEADER, line: (i) => masterRow(i, true) },
  { format: 'csv-container-master', kind: 'invalid', header: MASTER_HEADER, line: (i) => masterRow(i, false) },
  { format: 'ais-nmea', kind: 'valid', header: '', line: (i) => aisLine(i, true) },
  { format: 'ais-nmea', kind: 'invalid', header: '', line: (i) => aisLine(i, false) },
];

/** Writes a body of at most `bytes` bytes; returns the number of data rows. */
async function writeBody(path: string, c: Case, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let size = 0;
  let rows = 0;
  const write = (text: string): Promise<void> | undefined =>
    out.write(text) ? undefined : new Promise((resolve) => out.once('drain', () => resolve()));
  if (c.header) {
    size += c.header.length + 1;
    await write(`${c.header}\n`);
  }
  let chunk = '';
  for (;;) {
    const line = `${c.line(rows)}\n`;
    if (size + line.length > bytes) break;
    size += line.length;
    rows++;
    chunk += line;
    if (chunk.length > 1 * MIB) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return rows;
}

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
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
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

const suite: BenchSuite = async (emit, { quick }) => {
  if (process.platform !== 'linux') {
    process.stderr.write('ingest-memory: needs /proc (Linux); skipped\n');
    return;
  }
  const cli = process.env['OPENPCS_BENCH_CLI'] || DEFAULT_CLI;
  const limitMib = Number(process.env['OPENPCS_BODY_LIMIT_MIB'] || 64);
  const mib = Number(process.env['OPENPCS_BENCH_INGEST_MIB'] || (quick ? 4 : limitMib));
  const only = process.env['OPENPCS_BENCH_INGEST_CASES'];
  for (const c of CASES) {
    const name = `${c.format}.${c.kind}`;
    if (only && !only.split(',').some((o) => name.includes(o))) continue;
    const dir = mkdtempSync(join(tmpdir(), 'openpcs-ingest-memory-'));
    try {
      const file = join(dir, `body.${c.format.startsWith('ais') ? 'nmea' : 'csv'}`);
      const rows = await writeBody(file, c, Math.floor(mib * MIB));
      const bytes = statSync(file).size;
      process.stderr.write(`ingest-memory: ${name}, ${rows} rows, ${(bytes / MIB).toFixed(1)} MiB\n`);
      const run = await runCli(cli, ['ingest', '-f', c.format, file, '--data-dir', join(dir, 'data')]);
      if (run.code !== 0 && !(c.kind === 'invalid' && run.code !== null)) {
        throw new Error(`${name}: openpcs ingest exited ${run.code}: ${run.stderr}`);
      }
      const detail = { engine: 'pglite', bodyMiB: Number((bytes / MIB).toFixed(1)), rows, exitCode: run.code, cli };
      emit({ bench: `ingest-memory.${name}.peak-rss`, unit: 'MiB', value: Math.round(run.peakKib / 1024), ...detail });
      emit({
        bench: `ingest-memory.${name}.throughput`,
        unit: 'rows/s',
        value: Math.round(rows / run.seconds),
        seconds: Number(run.seconds.toFixed(1)),
        ...detail,
      });
      process.stderr.write(`ingest-memory: ${name}: ${run.stdout.trim().split('\n').slice(-3).join(' | ')}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
};

export default suite;
