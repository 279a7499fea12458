/**
 * Writes a simulated run to a directory: `ais.nmea` (tag-blocked AIVDM lines in time order), `calls.jsonl`
 * (one container call per line, the ground truth) and `summary.json`. Nothing in them depends on the wall
 * clock or the machine, so the same seed and parameters give byte-identical files. AIS is generated and
 * written one hour at a time (with backpressure), so a month never sits in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { AisReporter } from '../ais/ais-reporter.js';
import { callRecord, summarise, type SimSummary } from '../sim-summary.js';
import type { SimRun } from '../simulate.js';

const HOUR = 3_600_000;

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function close(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

export interface WriteProgress {
  (doneMs: number, totalMs: number, lines: number): void;
}

export async function writeSimFiles(run: SimRun, dir: string, progress?: WriteProgress): Promise<SimSummary> {
  await mkdir(dir, { recursive: true });
  const { startMs, endMs } = run.scenario;
  const reporter = new AisReporter(run.tracks);
  const ais = createWriteStream(join(dir, 'ais.nmea'));
  let lines = 0;
  try {
    for (let t = startMs; t < endMs; t += HOUR) {
      const batch = reporter.linesIn(t, Math.min(endMs, t + HOUR));
      lines += batch.length;
      if (batch.length > 0) await write(ais, `${batch.join('\n')}\n`);
      progress?.(Math.min(endMs, t + HOUR) - startMs, endMs - startMs, lines);
    }
  } finally {
    await close(ais);
  }
  const calls = createWriteStream(join(dir, 'calls.jsonl'));
  try {
    for (const c of run.calls) {
      if (c.departedMs < startMs || c.arrivalMs >= endMs) continue;
      await write(calls, `${JSON.stringify(callRecord(c))}\n`);
    }
  } finally {
    await close(calls);
  }
  const summary = { ...summarise(run), aisLines: lines };
  await writeFile(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
