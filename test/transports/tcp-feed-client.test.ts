import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aisInboxSink } from '../../src/ingest/transports/ais-inbox-sink.js';
import { TcpFeedClient } from '../../src/ingest/transports/tcp-feed-client.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { storeContents, waitUntil } from './store-contents.js';
import { expectedFromWhole, timedSampleLines } from './timed-sample.js';

const lines = timedSampleLines();
const expected = expectedFromWhole(lines);
const valid = (line: string): boolean => /VDM,1,1,/.test(line) && expectedFromWhole([line]).rejectionCodes.length === 0;

/** A fake AIS feed: on the first connection it sends the lines before `cut` and half of the next, then hangs up. */
async function fakeFeed(
  cut: number,
  replay: number,
): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    // The client may hang up while a write is in flight; a feed shrugs that off (an unhandled ECONNRESET fails the run).
    socket.on('error', () => undefined);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connections += 1;
    if (connections === 1) {
      const half = lines[cut]!.slice(0, Math.floor(lines[cut]!.length / 2));
      socket.write(`${lines.slice(0, cut).join('\r\n')}\r\n${half}`, () => socket.destroy());
    } else {
      // A feed that replays a little of what it sent before the drop, as aggregators do.
      socket.write(`${lines.slice(cut - replay).join('\r\n')}\r\n`);
    }
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, connections: () => connections };
}

describe.each(ENGINES)('TCP AIS feed on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should reconnect after the feed drops and store every sentence exactly once', async () => {
    // Cut where the replayed lines are whole, valid messages (a replayed bad line would be a second dead letter).
    const cut = lines.findIndex((_, i) => i > 400 && lines.slice(i - 3, i + 1).every(valid));
    const feed = await fakeFeed(cut, 3);
    const client = new TcpFeedClient(
      '127.0.0.1',
      feed.port,
      aisInboxSink(platform.pipeline, { channel: 'tcp', feed: 'test' }),
      { maxLines: 100, maxDelayMs: 30, backoff: { baseMs: 20, capMs: 100 } },
    );
    client.start();
    try {
      await waitUntil(() => client.stats.lines >= lines.length + 3, 'every line of both connections');
    } finally {
      await client.stop();
      feed.server.close();
    }
    await platform.pipeline.drain();

    expect(feed.connections()).toBe(2);
    expect(client.stats).toMatchObject({ connections: 2, disconnects: 1, lines: lines.length + 3, lostLines: 0 });
    expect(client.stats.droppedBytes).toBeGreaterThan(0);
    const stored = await storeContents(platform);
    expect(stored.keys).toEqual(expected.keys);
    expect(stored.rejectionCodes).toEqual(expected.rejectionCodes);
    expect(stored.inboxMessages.length).toBeGreaterThanOrEqual(Math.ceil(lines.length / 100));
    expect(stored.inboxMessages.every((m) => m.channel === 'tcp' && m.status !== 'received')).toBe(true);
  });

  it('should keep retrying while nobody listens and connect once the feed is up', async () => {
    const feed = await fakeFeed(lines.length - 1, 0);
    const { port } = feed;
    await new Promise<void>((resolve) => feed.server.close(() => resolve()));
    const client = new TcpFeedClient(
      '127.0.0.1',
      port,
      aisInboxSink(platform.pipeline, { channel: 'tcp', feed: 'test' }),
      {
        maxLines: 1000,
        maxDelayMs: 30,
        backoff: { baseMs: 10, capMs: 40 },
      },
    );
    client.start();
    try {
      await waitUntil(() => client.stats.disconnects >= 3, 'three refused connections');
      expect(client.stats.connections).toBe(0);
      const server = createServer((socket) => {
        socket.on('error', () => undefined);
        socket.end(`${lines.slice(0, 50).join('\n')}\n`);
      });
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      try {
        await waitUntil(() => client.stats.lines >= 50, 'the lines of the late feed');
      } finally {
        server.close();
      }
    } finally {
      await client.stop();
    }
    await platform.pipeline.drain();
    expect((await storeContents(platform)).keys).toEqual(expectedFromWhole(lines.slice(0, 50)).keys);
  });
});
