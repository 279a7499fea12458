/**
 * AIS NMEA decoding throughput (sentences/s) on one core, over a file of ≥ 1 000 000 real sentences (the
 * pyais sample corpus repeated, ~10 % of them 2-sentence type 5 messages): (1) decode to typed objects,
 * (2) decode to NDJSON into a counting sink, side by side with (3) `gpsdecode -j < file > /dev/null`
 * (gpsd 3.x, C, spawned, wall time) and (4) the npm package `ais-stream-decoder` on the same lines.
 * Records RSS and heap at start and end of our runs to show memory stays flat (input read in 64 KiB chunks).
 * `quick` uses 100 000 lines.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aisStreamDecoder from 'ais-stream-decoder';
import { AisNdjsonWriter } from '../src/ingest/ais/ais-ndjson.js';
import { AisStreamDecoder } from '../src/ingest/ais/ais-stream-decoder.js';
import type { BenchSuite } from './bench-record.js';

/** Run from the repository root (`npm run bench`); fixtures copied from pyais, see their README. */
const SAMPLES = join(process.cwd(), 'test', 'fixtures', 'ais');

/** Single-part sentences with a payload, plus complete 2-part type 5 pairs, from the sample corpus. */
function corpus(): { single: string[]; pairs: string[][] } {
  const text = readFileSync(join(SAMPLES, 'nmea_data_sample.txt'), 'latin1');
  const single = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.startsWith('!AIVDM,1,1,') && !l.includes(',,0*'));
  const pairs = [
    [
      '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
      '!AIVDM,2,2,1,A,88888888880,2*25',
    ],
    [
      '!SAVDM,2,1,2,B,55Mw@A7J1adAL@?;7WPl58F0U<h4pB222222220t1PN5553fN4g?`4iSp5Rc,0*26',
      '!SAVDM,2,2,2,B,iP`88888880,2*5E',
    ],
  ];
  return { single, pairs };
}

function buildFile(path: string, lines: number): number {
  const { single, pairs } = corpus();
  const out: string[] = [];
  let n = 0;
  let i = 0;
  while (n < lines) {
    if (i % 18 === 17) {
      const pair = pairs[i % pairs.length]!;
      out.push(pair[0]!, pair[1]!);
      n += 2;
    } else {
      out.push(single[i % single.length]!);
      n += 1;
    }
    i++;
  }
  writeFileSync(path, `${out.join('\n')}\n`);
  return n;
}

function memory(): { rssMiB: number; heapMiB: number } {
  const m = process.memoryUsage();
  return { rssMiB: Math.round(m.rss / 2 ** 20), heapMiB: Math.round(m.heapUsed / 2 ** 20) };
}

/** Streams the file in 64 KiB chunks through `push`; returns seconds. */
function stream(path: string, push: (chunk: Uint8Array) => void): number {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 16);
  const t0 = process.hrtime.bigint();
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    push(chunk.subarray(0, n));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(fd);
  return seconds;
}

function runOurs(
  path: string,
  ndjson: boolean,
): { seconds: number; sentences: number; messages: number; bytes: number } {
  let bytes = 0;
  let messages = 0;
  const writer = new AisNdjsonWriter((b) => (bytes += b.length));
  const decoder = new AisStreamDecoder(ndjson ? (m) => writer.write(m) : () => messages++, () => undefined);
  const seconds = stream(path, (c) => decoder.push(c));
  decoder.end();
  writer.end();
  return { seconds, sentences: decoder.stats.sentences, messages: ndjson ? decoder.stats.messages : messages, bytes };
}

async function runAisStreamDecoder(lines: string[]): Promise<{ seconds: number; messages: number }> {
  const decoder = new AisDecoder({ silent: true }, { readableObjectMode: true });
  let messages = 0;
  decoder.on('data', () => messages++);
  const t0 = process.hrtime.bigint();
  for (const line of lines) {
    if (!decoder.write(line)) await new Promise((resolve) => decoder.once('drain', resolve));
  }
  decoder.end();
  await new Promise((resolve) => decoder.once('end', resolve));
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, messages };
}

function gpsdecodeSeconds(path: string): number | null {
  const probe = spawnSync('gpsdecode', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const t0 = process.hrtime.bigint();
  const run = spawnSync('sh', ['-c', `gpsdecode -j < '${path}' > /dev/null 2>&1`]);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return run.status === 0 ? seconds : null;
}

/** The package is CommonJS: its class is the `default` property of module.exports. */
const AisDecoder = aisStreamDecoder.default;

const suite: BenchSuite = async (emit, { quick }) => {
  const dir = mkdtempSync(join(tmpdir(), 'openpcs-ais-bench-'));
  try {
    const path = join(dir, 'ais.nmea');
    const lines = buildFile(path, quick ? 100_000 : 1_000_000);
    const input = { lines, file: 'pyais samples repeated, ~10% 2-part type 5', node: process.version };
    // warm-up (JIT), then measured runs
    runOurs(path, false);
    runOurs(path, true);
    const before = memory();
    const objects = runOurs(path, false);
    const afterObjects = memory();
    const ndjson = runOurs(path, true);
    const after = memory();
    const gpsd = gpsdecodeSeconds(path);
    const lineList = readFileSync(path, 'latin1')
      .split('\n')
      .filter((l) => l !== '');
    const other = await runAisStreamDecoder(lineList);

    const objectRate = objects.sentences / objects.seconds;
    const ndjsonRate = ndjson.sentences / ndjson.seconds;
    const otherRate = lines / other.seconds;
    const gpsdRate = gpsd === null ? null : lines / gpsd;
    emit({
      bench: 'ais-decode-objects',
      unit: 'sentences/s',
      value: Math.round(objectRate),
      reference: 'ais-stream-decoder 2.1.2 (npm, objects)',
      referenceValue: Math.round(otherRate),
      ratio: +(objectRate / otherRate).toFixed(2),
      messages: objects.messages,
      referenceMessages: other.messages,
      target: '>= 1000000 sentences/s',
      memoryStart: before,
      memoryEnd: afterObjects,
      ...input,
    });
    emit({
      bench: 'ais-decode-ndjson',
      unit: 'sentences/s',
      value: Math.round(ndjsonRate),
      ...(gpsdRate === null
        ? { reference: 'gpsdecode -j (not installed: apt-get install gpsd-clients)' }
        : {
            reference: 'gpsdecode -j < file > /dev/null',
            referenceValue: Math.round(gpsdRate),
            ratio: +(ndjsonRate / gpsdRate).toFixed(2),
          }),
      outputMiB: +(ndjson.bytes / 2 ** 20).toFixed(1),
      target: '>= 1.5 x gpsdecode',
      memoryStart: afterObjects,
      memoryEnd: after,
      ...input,
    });
    emit({
      bench: 'ais-decode-ndjson-vs-ais-stream-decoder',
      unit: 'sentences/s',
      value: Math.round(ndjsonRate),
      reference: 'ais-stream-decoder 2.1.2 (npm, objects)',
      referenceValue: Math.round(otherRate),
      ratio: +(ndjsonRate / otherRate).toFixed(2),
      ...input,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
