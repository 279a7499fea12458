/**
 * TCP client for an AIS feed (a receiver, AIS-catcher, an aggregator such as AISHub's dispatcher): reads
 * NMEA lines from `host:port` into a `LineBatcher`. When the connection drops, fails or stays silent too
 * long, it reconnects after an exponential backoff with jitter (capped, 30 s by default) and goes on; the
 * backoff restarts from zero once a connection delivered data. The truncated last line of a cut
 * connection is dropped (counted in `stats.droppedBytes`); every complete line reaches the inbox.
 * While a batch is being written to the inbox the socket is paused (backpressure).
 */
import { connect, type Socket } from 'node:net';
import { LineBatcher, type BatchSink, type LineBatcherOptions, type LineBatcherStats } from './line-batcher.js';
import { backoffDelayMs, type BackoffOptions } from './reconnect-backoff.js';

export interface TcpFeedOptions extends LineBatcherOptions {
  readonly backoff?: BackoffOptions | undefined;
  /** Reconnect when no byte arrived for this long, in ms (default 120 s; 0 = never). */
  readonly idleTimeoutMs?: number | undefined;
  readonly log?: ((level: 'info' | 'warn', message: string) => void) | undefined;
}

export interface TcpFeedStats extends LineBatcherStats {
  readonly connections: number;
  readonly disconnects: number;
}

export class TcpFeedClient {
  readonly #batcher: LineBatcher;
  readonly #options: TcpFeedOptions;
  readonly #log: NonNullable<TcpFeedOptions['log']>;
  #socket: Socket | null = null;
  #retry: NodeJS.Timeout | null = null;
  #attempt = 0;
  #stopped = false;
  #connections = 0;
  #disconnects = 0;
  #closed: Promise<void> = Promise.resolve();

  constructor(
    readonly host: string,
    readonly port: number,
    sink: BatchSink,
    options: TcpFeedOptions = {},
  ) {
    this.#options = options;
    this.#log = options.log ?? (() => {});
    this.#batcher = new LineBatcher(sink, options);
  }

  get stats(): TcpFeedStats {
    return { ...this.#batcher.stats, connections: this.#connections, disconnects: this.#disconnects };
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  /** Stops reconnecting, closes the connection and hands what was received to the sink. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#socket?.destroy();
    await this.#closed;
    await this.#batcher.end({ keepPartial: false });
  }

  #connect(): void {
    const socket = connect({ host: this.host, port: this.port });
    this.#socket = socket;
    socket.setKeepAlive(true, 30_000);
    const idle = this.#options.idleTimeoutMs ?? 120_000;
    if (idle > 0) socket.setTimeout(idle, () => socket.destroy(new Error(`no data for ${idle} ms`)));
    let receivedData = false;
    let failure: Error | null = null;
    let resolveClosed: () => void = () => {};
    this.#closed = new Promise((resolve) => (resolveClosed = resolve));
    socket.on('connect', () => {
      this.#connections += 1;
      this.#log('info', `connected to ${this.host}:${this.port}`);
    });
    socket.on('data', (chunk: Buffer) => {
      if (!receivedData) this.#attempt = 0;
      receivedData = true;
      socket.pause();
      void this.#batcher.push(chunk).finally(() => socket.resume());
    });
    socket.on('error', (error) => (failure = error));
    socket.on('close', () => {
      this.#socket = null;
      void this.#batcher.end({ keepPartial: false });
      resolveClosed();
      if (this.#stopped) return;
      this.#disconnects += 1;
      const delay = backoffDelayMs(this.#attempt++, this.#options.backoff);
      this.#log(
        'warn',
        `connection to ${this.host}:${this.port} ${failure ? `failed (${failure.message})` : 'closed'}; reconnecting in ${delay} ms`,
      );
      this.#retry = setTimeout(() => {
        this.#retry = null;
        if (!this.#stopped) this.#connect();
      }, delay);
    });
  }
}
