/**
 * `openpcs feed (--tcp host:port | --udp [host:]port | --file path|-) [--batch-lines N] [--batch-ms T]`:
 * reads live AIS (NMEA 0183) into the store in batches (see docs/ais-feeds.md). A file is streamed and
 * the command ends when it is stored and parsed; TCP/UDP feeds run until SIGINT/SIGTERM. With the
 * embedded database this command holds the data directory, so next to a running `serve` use a
 * PostgreSQL store, or run the feeds inside `serve` (`startAisFeeds`).
 */
import { Command, Option } from 'commander';
import { parseFeedSpec, type AisFeedSpec } from '../ingest/transports/feed-spec.js';
import type { FeedLog } from '../ingest/transports/start-ais-feeds.js';
import { CliError, describeStore, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { integerOption } from './integer-option.js';

interface FeedFlags {
  tcp: string[];
  udp: string[];
  file: string[];
  batchLines: number;
  batchMs: number;
  projections: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function specsOf(flags: FeedFlags): AisFeedSpec[] {
  const given = [
    ...flags.tcp.map((v) => parseFeedSpec('tcp', v)),
    ...flags.udp.map((v) => parseFeedSpec('udp', v)),
    ...flags.file.map((v) => parseFeedSpec('file', v)),
  ];
  if (given.length === 0) {
    throw new CliError('give at least one feed: --tcp host:port, --udp [host:]port or --file path');
  }
  return given.map((r) => {
    if (!r.ok) throw new CliError(r.error);
    return r.spec;
  });
}

const log: FeedLog = (level, message) => process.stderr.write(`${level}: ${message}\n`);

export function feedCommand(): Command {
  const command = new Command('feed')
    .description('read live AIS (NMEA 0183) from TCP, UDP or a file into the inbox, in batches')
    .addOption(
      new Option('--tcp <host:port>', 'connect to an AIS TCP feed (reconnects with backoff)')
        .default([])
        .argParser(collect),
    )
    .addOption(new Option('--udp <[host:]port>', 'listen for AIS UDP datagrams').default([]).argParser(collect))
    .addOption(
      new Option('--file <path>', 'stream a file of NMEA lines ("-" = standard input; .gz ok)')
        .default([])
        .argParser(collect),
    )
    .addOption(
      new Option('--batch-lines <n>', 'lines per inbox message').default(1000).argParser(integerOption({ min: 1 })),
    )
    .addOption(
      new Option('--batch-ms <ms>', 'longest wait before a partial batch is stored')
        .default(1000)
        .argParser(integerOption({ min: 1 })),
    )
    .option('--no-projections', 'do not update the read models (vessels, positions, calls) while feeding');
  return withStoreOptions(command).action(async (flags: FeedFlags) => {
    const specs = specsOf(flags);
    const { batchLines, batchMs } = flags;
    const env = resolveEnv(flags);
    const { startAisFeeds } = await import('../ingest/transports/start-ais-feeds.js');
    await withPlatform(env, async (platform) => {
      log('info', `feeding ${describeStore(env)}`);
      if (flags.projections) await platform.projections.start(platform.bus);
      const feeds = await startAisFeeds(platform, specs, log, { batchLines, batchMs });
      const live = specs.some((s) => s.kind !== 'file');
      if (live) {
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        log('info', 'stopping: storing what was received');
      } else {
        await feeds.finished;
      }
      await feeds.stop();
      await platform.pipeline.drain();
      if (flags.projections) await platform.projections.catchUpAll();
      const total = feeds.feeds.reduce(
        (sum, f) => ({ lines: sum.lines + f.stats().lines, batches: sum.batches + f.stats().batches }),
        { lines: 0, batches: 0 },
      );
      console.log(`${total.lines} line(s) stored in ${total.batches} inbox message(s)`);
    });
  });
}
