/**
 * Writes a simulated run to a directory: `ais.nmea` (tag-blocked AIVDM lines in time order), `messages.jsonl`
 * (every party's messages the live feeder sends — `sim-sources.ts`: cargo, shore power, drayage trucks — one
 * SimMessage per line in time order), `telemetry.jsonl` (the equipment and charger
 * telemetry payloads as published on MQTT, NDJSON in time order), `drayage-trucks.jsonl`, `calls.jsonl` (one container call per line, the
 * ground truth) and `summary.json`. Nothing in them depends on the wall clock or the machine, so the same seed
 * and parameters give byte-identical files. AIS and cargo messages are generated and written one hour at a
 * time (with backpressure), so a month never sits in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { AisReporter } from '../ais/ais-reporter.js';
import { cargoMessageSource } from '../cargo/cargo-message-source.js';
import { drayageTrucks } from '../equipment/drayage-trucks.js';
import { equipmentSummary } from '../equipment/equipment-summary.js';
import { equipmentTelemetrySource } from '../equipment/equipment-telemetry.js';
import { callRecord, summarise, type SimSummary } from '../sim-summary.js';
import { messageSourceOf } from '../sim-sources.js';
import type { SimRun } from '../simulate.js';
import { HOUR } from '../../domain/time-units.js';

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function close(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

const sortedKeys = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));

export interface WriteProgress {
  (doneMs: number, totalMs: number, lines: number): void;
}

export async function writeSimFiles(run: SimRun, dir: string, progress?: WriteProgress): Promise<SimSummary> {
  await mkdir(dir, { recursive: true });
  const { startMs, endMs } = run.scenario;
  const reporter = new AisReporter(run.tracks, { positionEveryS: run.scenario.aisPositionEveryS });
  const ais = createWriteStream(join(dir, 'ais.nmea'));
  const cargo = cargoMessageSource(run);
  const source = messageSourceOf(run, cargo);
  const messages = createWriteStream(join(dir, 'messages.jsonl'));
  const messagesByFormat: Record<string, number> = {};
  const telemetry = equipmentTelemetrySource(run);
  const telemetryOut = createWriteStream(join(dir, 'telemetry.jsonl'));
  const telemetryByType: Record<string, number> = {};
  let lines = 0;
  try {
    for (let t = startMs; t < endMs; t += HOUR) {
      const batch = reporter.linesIn(t, Math.min(endMs, t + HOUR));
      lines += batch.length;
      if (batch.length > 0) await write(ais, `${batch.join('\n')}\n`);
      for (const m of source.messagesIn(t, Math.min(endMs, t + HOUR))) {
        messagesByFormat[m.format] = (messagesByFormat[m.format] ?? 0) + 1;
        await write(messages, `${JSON.stringify(m)}\n`);
      }
      const published = telemetry.messagesIn(t, Math.min(endMs, t + HOUR));
      for (const m of published) {
        telemetryByType[m.message.messageType] = (telemetryByType[m.message.messageType] ?? 0) + 1;
      }
      if (published.length > 0) {
        await write(telemetryOut, `${published.map((m) => JSON.stringify(m.message)).join('\n')}\n`);
      }
      progress?.(Math.min(endMs, t + HOUR) - startMs, endMs - startMs, lines);
    }
  } finally {
    await close(ais);
    await close(messages);
    await close(telemetryOut);
  }
  const trucks = drayageTrucks(run.scenario);
  const trucksOut = createWriteStream(join(dir, 'drayage-trucks.jsonl'));
  try {
    for (const truck of trucks.values()) await write(trucksOut, `${JSON.stringify(truck)}\n`);
  } finally {
    await close(trucksOut);
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
  const summary = {
    ...summarise(run),
    aisLines: lines,
    cargo: { ...cargo.stats(), messagesByFormat: sortedKeys(messagesByFormat) },
    equipment: equipmentSummary(run.scenario, trucks, sortedKeys(telemetryByType)),
  };
  await writeFile(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
