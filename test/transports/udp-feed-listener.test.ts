import { createSocket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aisInboxSink } from '../../src/ingest/transports/ais-inbox-sink.js';
import { UdpFeedListener } from '../../src/ingest/transports/udp-feed-listener.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { storeContents, waitUntil } from './store-contents.js';
import { expectedFromWhole, timedSampleLines } from './timed-sample.js';

const lines = timedSampleLines().slice(0, 300);

describe.each(ENGINES)('UDP AIS feed on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should store the lines of every datagram, one or several lines each, exactly once', async () => {
    const listener = new UdpFeedListener(
      '127.0.0.1',
      0,
      aisInboxSink(platform.pipeline, { channel: 'udp', feed: 'test' }),
      {
        maxLines: 64,
        maxDelayMs: 30,
      },
    );
    const port = await listener.start();
    const sender = createSocket('udp4');
    try {
      // Datagrams of 1 to 4 lines, the last line of each without its newline (as many receivers send).
      for (let i = 0, size = 1; i < lines.length; i += size, size = (size % 4) + 1) {
        const datagram = lines.slice(i, i + size).join('\r\n');
        await new Promise<void>((resolve, reject) =>
          sender.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
        );
        // Loopback UDP drops when the receiver's buffer overflows; pace the sender a little.
        if (i % 40 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await waitUntil(() => listener.stats.lines >= lines.length, 'every line');
    } finally {
      sender.close();
      await listener.stop();
    }
    await platform.pipeline.drain();
    const stored = await storeContents(platform);
    const expected = expectedFromWhole(lines);
    expect(listener.stats.lines).toBe(lines.length);
    expect(stored.keys).toEqual(expected.keys);
    expect(stored.rejectionCodes).toEqual(expected.rejectionCodes);
    expect(stored.inboxMessages.every((m) => m.channel === 'udp' && m.metadata['feed'] === 'test')).toBe(true);
  });
});
