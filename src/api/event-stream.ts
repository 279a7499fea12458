/**
 * What the Server-Sent Events routes share (`/v2/stream`, `/alerts/stream`, `/vessels/stream`): the resume
 * position a client sends (`Last-Event-ID` header or `lastEventId` query), the response taken over from Fastify
 * with the event-stream headers, writes that wait for the socket to drain, and one connection loop
 * (`serveEventStream`: wake-ups, heartbeats, close, retries while the store is unavailable) around each route's
 * own round (what it reads and writes).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { decodeCursor } from './cursor.js';
import { problem } from './problem.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';

/**
 * The position to resume after: the decoded `Last-Event-ID` header, else the `lastEventId` query parameter;
 * undefined when neither is given. A value this API did not issue is a 400 `PCS_API_BAD_CURSOR` pointing at it.
 */
export function resumePosition(header: string | undefined, query: string | undefined): string | undefined {
  const resume = header ?? query;
  if (resume === undefined || resume === '') return undefined;
  const position = decodeCursor(resume);
  if (position === null) {
    const pointer = header ? '/headers/last-event-id' : '/query/lastEventId';
    throw problem('PCS_API_BAD_CURSOR', 'not a message id of this stream', [
      { pointer, detail: 'not a message id issued by this API' },
    ]);
  }
  return position;
}

/** Takes the response over from Fastify and opens the event stream; returns the raw response to write to. */
export function beginEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  return raw;
}

/** Writes, waiting for the socket to drain when its buffer is full. */
export async function writeEvent(raw: ServerResponse, text: string): Promise<void> {
  if (!raw.write(text)) await new Promise<void>((resolve) => raw.once('drain', resolve).once('close', resolve));
}

/** Where a stream's rounds write: the open response, and whether the client is gone. */
export interface EventStreamOutput {
  readonly closed: boolean;
  write(text: string): Promise<void>;
}

/** What one Server-Sent Events route streams; the connection around it (wake-ups, heartbeats, close) is shared. */
export interface LiveEventStream {
  /** Names the stream in the log (`event stream`, `alert stream`, `vessel stream`). */
  readonly label: string;
  /** Interval of the keep-alive comments. */
  readonly heartbeatMs: number;
  /** Whether a heartbeat also wakes the stream (re-reads the store, for what other processes appended). */
  readonly heartbeatWakes: boolean;
  /** What wakes the stream (the bus, finished projection catch-ups); each returns its unsubscribe. */
  readonly wakers: readonly ((signal: () => void) => () => void)[];
  /** Delay between a wake-up and the next round, for a projection to catch up (default 0: at once). */
  readonly settleMs?: number | undefined;
  /** Longest wait between rounds when nothing wakes the stream (default: until woken). */
  readonly idleMs?: number | undefined;
  /** One round: writes what is new; true when more is waiting (a full page), to run again at once. */
  readonly round: (output: EventStreamOutput) => Promise<boolean>;
}

/** The open streams of one route plugin, closed when the server closes (their loops end, the responses end). */
export function closeStreamsOnShutdown(app: FastifyInstance): Set<() => void> {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });
  return open;
}

/**
 * Serves one Server-Sent Events connection: takes the response over, writes the reconnect delay, then runs
 * `stream.round` until the client goes or the server closes, waiting between rounds for a wake-up (after
 * `settleMs`) or `idleMs`. A dropped database connection does not end the stream: the round runs again after a
 * pause (250 ms doubling to 5 s; heartbeats go on), and the pool reconnects by itself.
 */
export async function serveEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  open: Set<() => void>,
  stream: LiveEventStream,
): Promise<void> {
  const settleMs = stream.settleMs ?? 0;
  const raw = beginEventStream(reply);
  let closed = false;
  let woken = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    woken = true;
    wake?.();
  };
  const close = () => {
    closed = true;
    wake?.();
  };
  open.add(close);
  const unsubscribes = stream.wakers.map((follow) => follow(signal));
  const heartbeat = setInterval(() => {
    raw.write(': heartbeat\n\n');
    if (stream.heartbeatWakes) signal();
  }, stream.heartbeatMs);
  request.raw.once('close', close);
  raw.once('close', close);
  /**
   * Waits `ms` (undefined: no limit), ended by close; with `wakeable`, a wake-up (also one during the round
   * before) ends it `settleMs` later.
   */
  const pause = (ms: number | undefined, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      if (closed || (wakeable && woken && settleMs === 0)) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const first = wakeable && woken ? settleMs : ms;
      if (first !== undefined) timer = setTimeout(done, first);
      wake = () => {
        if (closed) return done();
        if (!wakeable) return;
        if (settleMs === 0) return done();
        clearTimeout(timer);
        timer = setTimeout(done, settleMs);
      };
    });
  const output: EventStreamOutput = {
    get closed() {
      return closed;
    },
    write: (text) => writeEvent(raw, text),
  };
  let failures = 0;
  try {
    await writeEvent(raw, 'retry: 2000\n\n');
    while (!closed) {
      woken = false;
      let more: boolean;
      try {
        more = await stream.round(output);
        failures = 0;
      } catch (error) {
        if (!isStoreUnavailable(error)) throw error;
        const delayMs = Math.min(250 * 2 ** failures++, 5_000);
        request.log.warn({ err: error }, `${stream.label}: store unavailable; reading again in ${delayMs} ms`);
        await pause(delayMs, false);
        continue;
      }
      if (!more) await pause(stream.idleMs, true);
    }
  } catch (error) {
    request.log.error({ err: error }, `${stream.label} failed`);
  } finally {
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    open.delete(close);
    raw.end();
  }
}
