/** A minimal Server-Sent Events client over node:http (what a browser's EventSource does, without reconnecting). */
import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface SseMessage {
  readonly id?: string | undefined;
  readonly event?: string | undefined;
  /** The `data:` field as sent. */
  readonly text: string;
  /** The `data:` field parsed as JSON (the DCSA event). */
  readonly data: Record<string, unknown>;
}

export interface SseClient {
  readonly messages: SseMessage[];
  readonly response: IncomingMessage;
  close(): void;
}

/** Connects and resolves once the response head is read; messages accumulate as they arrive. */
export async function connectSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const messages: SseMessage[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line.includes(':')) continue;
            const at = line.indexOf(':');
            fields[line.slice(0, at)] = line.slice(at + 1).trimStart();
          }
          const text = fields['data'];
          if (text !== undefined) {
            messages.push({
              id: fields['id'],
              event: fields['event'],
              text,
              data: JSON.parse(text) as Record<string, unknown>,
            });
          }
        }
      });
      resolve({ messages, response, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
