/**
 * Starts AIS feeds against a running platform: the entry point `openpcs feed` uses, and the one `serve`
 * calls to run feeds in-process (with the embedded database only one process may open the store, so
 * feeds must run inside `serve` there). Each feed writes batches of NMEA lines into the inbox as
 * `ais-nmea` messages; the ingest pipeline parses them in the background.
 *
 * @example
 *   const feeds = await startAisFeeds(platform, [{ kind: 'tcp', host: '10.0.0.5', port: 5631 }], log);
 *   // … on shutdown, before platform.close():
 *   await feeds.stop();
 */
import type { IngestPipeline } from '../ingest-pipeline.js';
import { aisInboxSink } from './ais-inbox-sink.js';
import { describeFeed, type AisFeedSpec } from './feed-spec.js';
import type { LineBatcherOptions, LineBatcherStats } from './line-batcher.js';
import { feedStream, openFeedFile } from './stream-feed.js';
import { TcpFeedClient } from './tcp-feed-client.js';
import { UdpFeedListener } from './udp-feed-listener.js';

export type FeedLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface AisFeedOptions {
  readonly batchLines?: number | undefined;
  readonly batchMs?: number | undefined;
}

export interface RunningFeed {
  readonly name: string;
  readonly spec: AisFeedSpec;
  stats(): LineBatcherStats;
}

export interface AisFeeds {
  readonly feeds: readonly RunningFeed[];
  /** Resolves when every finite feed (files) has been read to the end and stored in the inbox. */
  readonly finished: Promise<void>;
  /** Stops every feed; what was received is in the inbox when this resolves. */
  stop(): Promise<void>;
}

/** What the feeds need of the platform: the pipeline whose inbox they write to. */
export interface FeedTarget {
  readonly pipeline: Pick<IngestPipeline, 'enqueue'>;
}

export async function startAisFeeds(
  platform: FeedTarget,
  specs: readonly AisFeedSpec[],
  log: FeedLog = () => {},
  options: AisFeedOptions = {},
): Promise<AisFeeds> {
  const running: RunningFeed[] = [];
  const stops: (() => Promise<void>)[] = [];
  const finite: Promise<unknown>[] = [];
  for (const spec of specs) {
    const name = describeFeed(spec);
    const batcher: LineBatcherOptions = {
      maxLines: options.batchLines,
      maxDelayMs: options.batchMs,
      onError: (error, lines, givenUp) =>
        log(
          givenUp ? 'error' : 'warn',
          `${name}: storing ${lines} line(s) in the inbox failed${givenUp ? ', batch given up' : ', retrying'}: ${error instanceof Error ? error.message : String(error)}`,
        ),
    };
    switch (spec.kind) {
      case 'tcp': {
        const sink = aisInboxSink(platform.pipeline, { channel: 'tcp', feed: name });
        const client = new TcpFeedClient(spec.host, spec.port, sink, {
          ...batcher,
          log: (l, m) => log(l, `${name}: ${m}`),
        });
        client.start();
        running.push({ name, spec, stats: () => client.stats });
        stops.push(() => client.stop());
        break;
      }
      case 'udp': {
        const sink = aisInboxSink(platform.pipeline, { channel: 'udp', feed: name });
        const listener = new UdpFeedListener(spec.host, spec.port, sink, batcher);
        const port = await listener.start();
        log('info', `${name}: listening on UDP port ${port}`);
        running.push({ name, spec, stats: () => listener.stats });
        stops.push(() => listener.stop());
        break;
      }
      case 'file': {
        const channel = spec.path === '-' ? 'stdin' : 'file';
        const sink = aisInboxSink(platform.pipeline, { channel, feed: name });
        let stats: LineBatcherStats = { lines: 0, batches: 0, droppedBytes: 0, lostLines: 0 };
        const done = feedStream(openFeedFile(spec.path), sink, batcher).then((s) => {
          stats = s;
          log('info', `${name}: ${s.lines} line(s) in ${s.batches} inbox message(s)`);
        });
        finite.push(done);
        running.push({ name, spec, stats: () => stats });
        stops.push(() => done.catch(() => {}));
        break;
      }
    }
  }
  return {
    feeds: running,
    finished: Promise.all(finite).then(() => {}),
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
