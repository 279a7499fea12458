/**
 * `openpcs ais decode [file|-] --ndjson [--errors <file>]`: decodes AIS NMEA 0183 (ITU-R M.1371-5) to one
 * JSON object per message on stdout (contract in docs/ais.md). Reads in chunks and writes with
 * backpressure, so memory stays flat on any input size. Malformed lines are reported as
 * `line N: CODE reason` on stderr (or the --errors file) and never stop the run; the exit code is 0 unless
 * the input cannot be opened.
 */
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Command } from 'commander';
import type { Rejection } from '../ingest/message-parser.js';
import { CliError } from './cli-context.js';

interface DecodeFlags {
  ndjson?: boolean;
  errors?: string;
}

const CHUNK = 1 << 16;

async function openInput(file: string): Promise<Readable> {
  if (file === '-') return process.stdin;
  try {
    const handle = await open(file, 'r');
    return handle.createReadStream({ highWaterMark: CHUNK });
  } catch (error) {
    throw new CliError(`cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Writes queued chunks, waiting for 'drain' when the stream asks to. */
async function writeAll(out: Writable, queue: Uint8Array[]): Promise<void> {
  for (const chunk of queue.splice(0)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

async function decode(file: string, flags: DecodeFlags, out: Writable, err: Writable): Promise<void> {
  // The decoder loads when the command runs, not when the command tree is built (`--help`).
  const [{ AisNdjsonWriter }, { AisStreamDecoder }] = await Promise.all([
    import('../ingest/ais/ais-ndjson.js'),
    import('../ingest/ais/ais-stream-decoder.js'),
  ]);
  const input = await openInput(file);
  let errors = err;
  if (flags.errors) {
    try {
      errors = (await open(flags.errors, 'w')).createWriteStream();
    } catch (error) {
      throw new CliError(
        `cannot write ${flags.errors}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  const outQueue: Uint8Array[] = [];
  const errQueue: Uint8Array[] = [];
  const writer = new AisNdjsonWriter((bytes) => outQueue.push(bytes));
  const counts = new Map<number, number>();
  const onReject = (r: Rejection): void => {
    errQueue.push(Buffer.from(`line ${r.line ?? 0}: ${r.code} ${r.message}\n`));
  };
  const decoder = new AisStreamDecoder(
    flags.ndjson
      ? (message) => writer.write(message)
      : (message) => counts.set(message.type, (counts.get(message.type) ?? 0) + 1),
    onReject,
  );
  let closed = false;
  out.on('error', () => {
    closed = true; // e.g. EPIPE when piped into `head`: stop quietly
  });
  for await (const chunk of input) {
    decoder.push(chunk as Buffer);
    if (closed) break;
    await writeAll(out, outQueue);
    await writeAll(errors, errQueue);
  }
  decoder.end();
  writer.end();
  if (!closed) await writeAll(out, outQueue);
  await writeAll(errors, errQueue);
  if (!flags.ndjson) {
    const types = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([t, n]) => `type ${t}: ${n}`);
    const s = decoder.stats;
    out.write(
      `${s.lines} line(s), ${s.sentences} sentence(s), ${s.messages} message(s), ${s.rejected} rejected\n` +
        (types.length > 0 ? `${types.join(', ')}\n` : ''),
    );
  }
  if (errors !== err) {
    errors.end();
    await once(errors, 'finish');
  }
}

export function aisCommand(): Command {
  const ais = new Command('ais').description('AIS NMEA 0183 tools (ITU-R M.1371-5)');
  ais
    .command('decode')
    .description('decode AIS VDM/VDO sentences; with --ndjson one JSON object per message (see docs/ais.md)')
    .argument('[file]', 'NMEA file, "-" for standard input', '-')
    .option('--ndjson', 'write one JSON object per decoded message to stdout (else a summary)')
    .option('--errors <file>', 'write "line N: CODE reason" for malformed lines here instead of stderr')
    .action(async (file: string, flags: DecodeFlags) => {
      await decode(file, flags, process.stdout, process.stderr);
    });
  return ais;
}
