/**
 * AIS end to end (inbox → parse → event store → vessel projections) on PGlite (on disk) and PostgreSQL,
 * with the real MarineCadastre extract of 2022-01-03 (99,999 rows, all US waters, ../shared/datasets):
 *  - `ais-pipeline.<engine>.nmea-ingest`: NMEA sentences/s through the line batcher (1000-line inbox
 *    messages) until every message is parsed and stored. The rows are re-encoded as the AIS messages
 *    the receiver heard (type 1 or 18 per row, one type 5 per class A vessel), each with an IEC 62320-1
 *    `c:` tag block carrying the row's time.
 *  - `ais-pipeline.<engine>.projections`: stored events/s of the four vessel projections (registry,
 *    positions and track, call detector, calls) catching up on what that stored (`projectionEventReads`
 *    counts each event once per projection that read it).
 *  - `ais-pipeline.<engine>.end-to-end`: sentences/s for the two together.
 *  - `ais-pipeline.<engine>.csv-projections`: events/s of the same projections catching up after the CSV
 *    file itself was ingested (format ais-csv-marinecadastre).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { aisInboxSink } from '../src/ingest/transports/ais-inbox-sink.js';
import { feedStream } from '../src/ingest/transports/stream-feed.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { vesselProjections } from '../src/projections/vessels/vessel-projections.js';
import type { StoreConfig } from '../src/store/open-database.js';
import { encodePositionA, encodePositionB, encodeStaticVoyage, toSentences } from '../src/sim/ais/ais-encoder.js';
import { benchPostgresUrl, postgresReachable, scratchStore } from './bench-stores.js';
import type { BenchSuite, Emit } from './bench-record.js';

const DATASET = fileURLToPath(
  new URL(
    '../../shared/datasets/marinecadastre-ais-2022-01-03-extract/us_all_first_99999_rows.csv.gz',
    import.meta.url,
  ),
);
// From dist/bench/ the dataset is one level further up.
const DATASET_FROM_DIST = fileURLToPath(
  new URL(
    '../../../shared/datasets/marinecadastre-ais-2022-01-03-extract/us_all_first_99999_rows.csv.gz',
    import.meta.url,
  ),
);

function readDataset(): string {
  for (const path of [DATASET, DATASET_FROM_DIST]) {
    try {
      return gunzipSync(readFileSync(path)).toString('utf8');
    } catch {
      // try the next location
    }
  }
  throw new Error(`dataset not found at ${DATASET}`);
}

function tagged(unixSeconds: number, sentence: string): string {
  const body = `c:${unixSeconds}`;
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\${sentence}`;
}

const num = (s: string | undefined): number | null => (s === undefined || s.trim() === '' ? null : Number(s));

/** The rows as the NMEA sentences a receiver would have logged. */
function toNmea(csvLines: readonly string[]): string[] {
  const out: string[] = [];
  const described = new Set<string>();
  for (const line of csvLines) {
    const c = line.split(',');
    const [mmsiText, dt] = c;
    const lat = num(c[2]);
    const lon = num(c[3]);
    if (!mmsiText || !dt || lat === null || lon === null || !/^\d{9}$/.test(mmsiText)) continue;
    const mmsi = Number(mmsiText);
    const seconds = Date.parse(`${dt}Z`) / 1000;
    if (Number.isNaN(seconds)) continue;
    const sog = num(c[4]);
    const cog = num(c[5]);
    const heading = num(c[6]);
    const common = {
      repeat: 0,
      mmsi,
      sog: sog !== null && sog >= 0 && sog < 102.3 ? sog : null,
      accuracy: false,
      lon,
      lat,
      cog: cog !== null && cog >= 0 && cog < 360 ? cog : null,
      heading: heading !== null && heading >= 0 && heading < 360 ? heading : null,
      second: Math.round(seconds) % 60,
      raim: false,
      radio: 0,
    };
    const classB = c[16]?.trim() === 'B';
    const bits = classB
      ? encodePositionB({
          ...common,
          type: 18,
          csUnit: true,
          display: false,
          dsc: false,
          band: false,
          msg22: false,
          assigned: false,
        })
      : encodePositionA({ ...common, type: 1, navStatus: num(c[11]) ?? 15, turn: null, maneuver: 0 });
    for (const s of toSentences(bits, 'A')) out.push(tagged(seconds, s));
    if (!classB && !described.has(mmsiText)) {
      described.add(mmsiText);
      const length = num(c[12]) ?? 0;
      const width = num(c[13]) ?? 0;
      const imo = /^IMO(\d{7})$/.exec(c[8]?.trim() ?? '');
      const staticBits = encodeStaticVoyage({
        type: 5,
        repeat: 0,
        mmsi,
        aisVersion: 2,
        imo: imo ? Number(imo[1]) : null,
        callsign: (c[9] ?? '').slice(0, 7).toUpperCase(),
        name: (c[7] ?? '').slice(0, 20).toUpperCase(),
        shipType: num(c[10]),
        toBow: Math.round(length / 2),
        toStern: Math.round(length / 2),
        toPort: Math.round(width / 2),
        toStarboard: Math.round(width / 2),
        epfd: 1,
        etaMonth: null,
        etaDay: null,
        etaHour: null,
        etaMinute: null,
        draught: num(c[14]),
        destination: '',
        dte: false,
      });
      for (const s of toSentences(staticBits, 'B', described.size % 10)) out.push(tagged(seconds, s));
    }
  }
  return out;
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

async function catchUp(platform: Platform): Promise<{ events: number; seconds: number }> {
  const runner = new ProjectionRunner(platform.database.db, platform.events, vesselProjections());
  const started = process.hrtime.bigint();
  let events = 0;
  for (const projection of runner.projections) events += await runner.catchUp(projection);
  return { events, seconds: seconds(started) };
}

async function benchEngine(
  emit: Emit,
  engine: string,
  open: () => Promise<{ config: StoreConfig; dispose: () => Promise<void> }>,
  csv: string,
  nmea: readonly string[],
): Promise<void> {
  const first = await open();
  try {
    const platform = await openPlatform({ store: first.config, projections: [] });
    try {
      const started = process.hrtime.bigint();
      const sink = aisInboxSink(platform.pipeline, { channel: 'file', feed: 'bench' });
      await feedStream(Readable.from([nmea.join('\n')]), sink, { maxLines: 1000 });
      await platform.pipeline.drain();
      const ingestS = seconds(started);
      const projected = await catchUp(platform);
      const stored = await platform.events.count();
      const details = { engine, sentences: nmea.length, eventsStored: stored };
      emit({
        bench: `ais-pipeline.${engine}.nmea-ingest`,
        unit: 'sentences/s',
        value: Math.round(nmea.length / ingestS),
        ...details,
      });
      emit({
        bench: `ais-pipeline.${engine}.projections`,
        unit: 'events/s',
        value: Math.round(stored / projected.seconds),
        ...details,
        projectionEventReads: projected.events,
      });
      emit({
        bench: `ais-pipeline.${engine}.end-to-end`,
        unit: 'sentences/s',
        value: Math.round(nmea.length / (ingestS + projected.seconds)),
        ...details,
      });
    } finally {
      await platform.close();
    }
  } finally {
    await first.dispose();
  }
  const second = await open();
  try {
    const platform = await openPlatform({ store: second.config, projections: [] });
    try {
      await platform.pipeline.ingest({
        format: 'ais-csv-marinecadastre',
        body: Buffer.from(csv),
        channel: 'file',
        sourceOrg: 'local',
        visibility: 'community',
      });
      const projected = await catchUp(platform);
      const stored = await platform.events.count();
      emit({
        bench: `ais-pipeline.${engine}.csv-projections`,
        unit: 'events/s',
        value: Math.round(stored / projected.seconds),
        engine,
        rows: csv.split('\n').length - 2,
        eventsStored: stored,
        projectionEventReads: projected.events,
      });
    } finally {
      await platform.close();
    }
  } finally {
    await second.dispose();
  }
}

const suite: BenchSuite = async (emit, { quick }) => {
  const lines = readDataset().split('\n');
  const rows = lines.slice(1).filter((l) => l.trim() !== '');
  const used = quick ? rows.slice(0, 20_000) : rows;
  const csv = `${lines[0]}\n${used.join('\n')}\n`;
  const nmea = toNmea(used);
  await benchEngine(emit, 'pglite', () => scratchStore('pglite', 'ais-pipeline'), csv, nmea);
  if (!(await postgresReachable())) {
    process.stderr.write(`ais-pipeline: PostgreSQL not reachable at ${benchPostgresUrl()}; PostgreSQL leg skipped\n`);
    return;
  }
  await benchEngine(emit, 'postgres', () => scratchStore('postgres', 'ais-pipeline'), csv, nmea);
};

export default suite;
