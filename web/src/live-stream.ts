/**
 * Reads a Server-Sent Events resource of the API with `fetch` (EventSource cannot send the API key): the
 * `event`/`data` fields of each message (WHATWG HTML "Server-sent events", §9.2.6 parsing), JSON data handed to
 * `onMessage`. Reconnects after a drop (the `retry:` the server sent, else 2 s); `onState` says whether the
 * stream is live, so the caller can fall back to polling while it is not.
 */
import { apiUrl, type Query } from './api';
import { currentSession, signOut } from './session';

export interface StreamHandlers<T> {
  readonly onMessage: (event: string, data: T) => void;
  readonly onState: (live: boolean) => void;
}

/** Splits a buffer into complete messages; returns them and the unfinished rest. */
export function parseSse(buffer: string): { messages: { event: string; data: string }[]; rest: string } {
  const messages: { event: string; data: string }[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n') });
  }
  return { messages, rest };
}

/** Opens the stream; returns the function that closes it for good. */
export function openStream<T>(path: string, query: Query, handlers: StreamHandlers<T>): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  let retryMs = 2_000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    if (stopped) return;
    controller = new AbortController();
    const key = currentSession().key;
    try {
      const response = await fetch(apiUrl(path, query), {
        headers: { accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (response.status === 401 && key !== null) signOut();
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      handlers.onState(true);
      for (;;) {
        const { value, done } = await reader.read();
        if (done || stopped) break;
        buffer += value;
        const retry = /^retry: *(\d+)$/m.exec(buffer);
        if (retry) retryMs = Number(retry[1]);
        const parsed = parseSse(buffer);
        buffer = parsed.rest;
        for (const m of parsed.messages) handlers.onMessage(m.event, JSON.parse(m.data) as T);
      }
    } catch {
      // Dropped, refused or aborted: polling takes over until the stream is back.
    }
    if (stopped) return;
    handlers.onState(false);
    timer = setTimeout(() => void connect(), retryMs);
  };
  void connect();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    controller?.abort();
  };
}
