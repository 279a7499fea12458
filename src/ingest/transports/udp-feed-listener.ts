/**
 * UDP listener for an AIS feed: many receivers (and AIS-catcher, rtl-ais, OpenCPN) forward NMEA lines as
 * UDP datagrams, each holding one or more whole lines. Datagrams go into a `LineBatcher` as they come;
 * UDP has no connection to lose and no retransmission, so what the network drops is gone.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { LineBatcher, type BatchSink, type LineBatcherOptions, type LineBatcherStats } from './line-batcher.js';

export interface UdpFeedStats extends LineBatcherStats {
  readonly datagrams: number;
}

export class UdpFeedListener {
  readonly #batcher: LineBatcher;
  #socket: Socket | null = null;
  #datagrams = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    sink: BatchSink,
    options: LineBatcherOptions = {},
  ) {
    this.#batcher = new LineBatcher(sink, options);
  }

  get stats(): UdpFeedStats {
    return { ...this.#batcher.stats, datagrams: this.#datagrams };
  }

  /** Binds the socket; resolves with the port actually bound (useful with port 0). */
  async start(): Promise<number> {
    const socket = createSocket({ type: isIPv6(this.host) ? 'udp6' : 'udp4', reuseAddr: true });
    this.#socket = socket;
    socket.on('message', (datagram) => {
      this.#datagrams += 1;
      void this.#batcher.pushWhole(datagram);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.port, this.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return socket.address().port;
  }

  /** Closes the socket and hands what was received to the sink. */
  async stop(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
    await this.#batcher.end({ keepPartial: true });
  }
}
