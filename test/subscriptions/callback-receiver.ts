/** A real HTTP callback receiver on 127.0.0.1 (never another address), recording what it was sent. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

export interface CallbackReceiver {
  readonly url: string;
  readonly calls: ReceivedCall[];
  /** Status to answer to the n-th call (0-based); 204 by default. */
  answer: (n: number) => number;
  /** Milliseconds to wait before answering (0 by default). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<CallbackReceiver> {
  const calls: ReceivedCall[] = [];
  const receiver = { answer: (_n: number) => 204, delayMs: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = receiver.answer(calls.length);
      calls.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers, status });
      setTimeout(() => response.writeHead(status).end(), receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/dcsa/callback?shipperRef=test`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Events acknowledged by the receiver (2xx answers), in arrival order. */
export function acknowledged(receiver: CallbackReceiver): Record<string, unknown>[] {
  return receiver.calls
    .filter((c) => c.status >= 200 && c.status < 300)
    .flatMap((c) => JSON.parse(c.body) as Record<string, unknown>[]);
}

export { until } from '../support/until.js';
