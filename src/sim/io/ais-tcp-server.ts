/**
 * The simulator as an AIS network provider: a TCP server that sends every connected client the AIVDM lines
 * (with their tag blocks) as the simulated clock produces them, CR LF terminated as NMEA 0183 has it. Like a
 * real provider it keeps no history: a client hears what is sent while it is connected. `publish` resolves
 * once every client's socket took the lines (backpressure: a slow reader slows the run, it does not fill
 * memory).
 *
 * @example
 *   const server = new AisTcpServer();
 *   const port = await server.listen(5631, '127.0.0.1');
 *   await server.publish(reporter.linesIn(t0, t1));
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

/** Resolves when the socket has taken what was written, or is gone; leaves no listener behind. */
function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

export class AisTcpServer {
  readonly #server: Server;
  readonly #clients = new Set<Socket>();
  readonly #waiting: (() => void)[] = [];
  #lines = 0;

  constructor() {
    this.#server = createServer((socket) => {
      // A client that hangs up mid-write is the client's business; the feed goes on for the others.
      socket.on('error', () => socket.destroy());
      socket.on('close', () => this.#clients.delete(socket));
      // Anything a client sends is ignored (a provider's stream is one-way).
      socket.resume();
      this.#clients.add(socket);
      this.#waiting.splice(0).forEach((resolve) => resolve());
    });
  }

  /** Listens on `host:port` (0 = any free port) and resolves with the port. */
  async listen(port: number, host: string): Promise<number> {
    this.#server.listen(port, host);
    await once(this.#server, 'listening');
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** Lines sent so far (to at least the clients connected at the time). */
  get linesSent(): number {
    return this.#lines;
  }

  /** Resolves once at least one client is connected. */
  async waitForClient(): Promise<void> {
    if (this.#clients.size > 0) return;
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  async publish(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const text = `${lines.join('\r\n')}\r\n`;
    this.#lines += lines.length;
    const pending: Promise<unknown>[] = [];
    for (const socket of this.#clients) {
      if (socket.destroyed) continue;
      if (!socket.write(text)) {
        pending.push(drained(socket));
      }
    }
    await Promise.all(pending);
  }

  /** Disconnects every client and stops listening. */
  async close(): Promise<void> {
    for (const socket of this.#clients) socket.destroy();
    this.#waiting.splice(0).forEach((resolve) => resolve());
    if (!this.#server.listening) return;
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
