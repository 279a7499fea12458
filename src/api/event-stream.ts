/**
 * What the Server-Sent Events routes share (`/v2/stream`, `/alerts/stream`, `/vessels/stream`): the resume
 * position a client sends (`Last-Event-ID` header or `lastEventId` query), the response taken over from Fastify
 * with the event-stream headers, and writes that wait for the socket to drain. Each route keeps its own loop.
 */
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { decodeCursor } from './cursor.js';
import { problem } from './problem.js';

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
