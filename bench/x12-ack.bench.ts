/**
 * Peak memory of the X12 997 acknowledgment (`GET /inbox/{id}/ack`) of one large interchange: a 16 MiB x12-322
 * body (`ingest-bodies.ts`, 4 MiB with `--quick`) acknowledged in a child process, three ways: `baseline` (the
 * body read and decoded to text, nothing else: what the route holds anyway), `stream` (`plan997` + `stream997`,
 * as the route does now: two envelope passes, no transaction set body kept, the 997 written out chunk by chunk)
 * and `whole` (`parseX12` + `build997`, as the route did before: every segment of every set in memory). One line
 * per way: `{bench:'x12-ack', way, bodyMiB, sets, ackBytes, peakRssMiB, overBaselineMiB}`; the child's peak is
 * VmHWM of /proc/self/status.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from './bench-record.js';
import { bodyTemplates, writeBody } from './ingest-bodies.js';

const MIB = 1024 * 1024;
const BUILDER = fileURLToPath(new URL('../src/ingest/x12/x12-997-builder.js', import.meta.url));
const ENVELOPE = fileURLToPath(new URL('../src/ingest/x12/x12-envelope.js', import.meta.url));
const TOKENIZER = fileURLToPath(new URL('../src/ingest/x12/x12-tokenizer.js', import.meta.url));

/** The child: acknowledges the body one way, writes the 997 to /dev/null, prints its bytes and VmHWM (kB). */
const CHILD = `
import { readFileSync, createWriteStream } from 'node:fs';
const [way, path] = process.argv.slice(1);
const { plan997, stream997, build997 } = await import(${JSON.stringify(BUILDER)});
const { parseX12 } = await import(${JSON.stringify(ENVELOPE)});
const { x12Text } = await import(${JSON.stringify(TOKENIZER)});
const text = x12Text(readFileSync(path));
const options = (i) => ({ interchangeControlNumber: i + 1, groupControlNumber: i + 1, now: new Date(0), lineBreak: '\\n' });
const out = createWriteStream('/dev/null');
let bytes = 0;
if (way === 'stream') {
  let chunk = '';
  for (const s of stream997(text, plan997(text), options)) {
    chunk += s;
    if (chunk.length >= 65536) { bytes += chunk.length; out.write(chunk); chunk = ''; }
  }
  bytes += chunk.length; out.write(chunk);
} else if (way === 'whole') {
  const ack = parseX12(text).interchanges.map((ic, i) => build997(ic, options(i))).join('');
  bytes = ack.length; out.write(ack);
}
await new Promise((resolve) => out.end(resolve));
const hwm = /^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
process.stdout.write(JSON.stringify({ bytes, peakKib: Number(hwm?.[1] ?? 0) }));
`;

function child(way: string, path: string): Promise<{ bytes: number; peakKib: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', CHILD, way, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`x12-ack child (${way}) exited ${code}: ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(stdout) as { bytes: number; peakKib: number });
    });
  });
}

const suite: BenchSuite = async (emit, { quick }) => {
  const bodyMiB = quick ? 4 : 16;
  const dir = mkdtempSync(join(tmpdir(), 'openpcs-x12-ack-'));
  try {
    const template = bodyTemplates('valid').find((t) => t.format === 'x12-322');
    if (!template) throw new Error('no x12-322 body template');
    const path = join(dir, 'body.edi');
    const sets = await writeBody(path, template, bodyMiB * MIB);
    const baseline = await child('baseline', path);
    for (const way of ['baseline', 'stream', 'whole'] as const) {
      const run = way === 'baseline' ? baseline : await child(way, path);
      emit({
        bench: 'x12-ack',
        unit: 'MiB',
        value: Math.round((run.peakKib / 1024) * 10) / 10,
        way,
        bodyMiB,
        sets,
        ackBytes: run.bytes,
        peakRssMiB: Math.round((run.peakKib / 1024) * 10) / 10,
        overBaselineMiB: Math.round(((run.peakKib - baseline.peakKib) / 1024) * 10) / 10,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
