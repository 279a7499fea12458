/**
 * The sink of every AIS feed: a batch of NMEA lines becomes one `ais-nmea` inbox message (durable before
 * anything else), then is parsed in the background by the ingest pipeline. AIS is broadcast in the clear,
 * so feed data is `community` data of the local operator.
 */
import type { IngestPipeline } from '../ingest-pipeline.js';
import type { BatchSink } from './line-batcher.js';

export const AIS_FEED_FORMAT = 'ais-nmea';

export interface AisFeedLabel {
  /** Transport, recorded as the inbox `channel`: `tcp`, `udp`, `file`, `stdin`. */
  readonly channel: string;
  /** Where the feed comes from, e.g. `tcp:ais.example.org:5631`; kept in the inbox metadata. */
  readonly feed: string;
}

export function aisInboxSink(pipeline: Pick<IngestPipeline, 'enqueue'>, label: AisFeedLabel): BatchSink {
  return async (lines) => {
    await pipeline.enqueue({
      format: AIS_FEED_FORMAT,
      body: Buffer.from(`${lines.join('\n')}\n`, 'latin1'),
      channel: label.channel,
      contentType: 'text/plain',
      sourceOrg: 'local',
      visibility: 'community',
      metadata: { feed: label.feed, lines: lines.length },
    });
  };
}
