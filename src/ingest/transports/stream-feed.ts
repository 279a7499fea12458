/**
 * Streams a file (or standard input) of NMEA lines into the sink in batches, reading 64 KiB at a time
 * and waiting for each batch to be stored before reading on, so a file of any size runs in flat memory.
 * A `.gz` file is decompressed on the fly.
 */
import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LineBatcher, type BatchSink, type LineBatcherOptions, type LineBatcherStats } from './line-batcher.js';

export async function feedStream(
  input: Readable,
  sink: BatchSink,
  options: LineBatcherOptions = {},
): Promise<LineBatcherStats> {
  const batcher = new LineBatcher(sink, options);
  for await (const chunk of input) await batcher.push(chunk as Buffer | string);
  await batcher.end({ keepPartial: true });
  return batcher.stats;
}

/** A readable over `path` (`-` = standard input), gunzipped when the name ends in `.gz`. */
export function openFeedFile(path: string): Readable {
  if (path === '-') return process.stdin;
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  if (!path.endsWith('.gz')) return file;
  const gunzip = createGunzip();
  // pipeline() forwards a read error (e.g. ENOENT) to the stream the caller iterates.
  pipeline(file, gunzip, (error) => {
    if (error) gunzip.destroy(error);
  });
  return gunzip;
}
