/**
 * Cuts a stream of NMEA 0183 lines into batches of at most `maxLines` lines or `maxDelayMs` of waiting,
 * whichever comes first, and hands each batch to a sink (the inbox), one batch at a time and in order.
 *
 * A batch is cut only after a line that ends a message (`endsNmeaMessage`), so the fragments of a
 * multi-sentence AIS message stay in one inbox message (the decoder reassembles within a message body).
 * A batch may therefore run up to 8 lines over `maxLines`; a run of lines with no boundary at all (a
 * broken feed) is cut anyway after `maxLines + 9` lines. A trailing incomplete message, once the lines before it
 * are handed over, waits `max(maxDelayMs, INCOMPLETE_WAIT_MS)` more for its last fragment before it goes as it is:
 * with a short `maxDelayMs` (50 ms) a fragment whose successor was already in the socket, but not yet read by a
 * busy event loop, was handed over alone (a month's replay: 7 type 5 messages dead-lettered in two halves).
 *
 * Bytes are read as latin1, so every byte survives the round trip to the inbox unchanged.
 */
import { backoffDelayMs } from './reconnect-backoff.js';
import { endsNmeaMessage } from './nmea-message-boundary.js';

export type BatchSink = (lines: readonly string[]) => Promise<void>;

export interface LineBatcherOptions {
  /** Lines per batch (default 1000). */
  readonly maxLines?: number | undefined;
  /** Longest a line waits before its batch is handed over, in ms (default 1000). */
  readonly maxDelayMs?: number | undefined;
  /** Attempts to hand a batch to the sink before it is given up (default 5, with backoff in between). */
  readonly sinkAttempts?: number | undefined;
  /** Called when the sink failed (each attempt) and when a batch is given up. */
  readonly onError?: ((error: unknown, lines: number, givenUp: boolean) => void) | undefined;
}

export interface LineBatcherStats {
  /** Lines handed to the sink. */
  readonly lines: number;
  readonly batches: number;
  /** Bytes of unterminated lines dropped at the end of a cut connection. */
  readonly droppedBytes: number;
  /** Lines of batches the sink never took. */
  readonly lostLines: number;
}

/** Fragment count is one digit (IEC 61162-1 VDM field 1). */
const MAX_FRAGMENTS = 9;
/** Least wait for the last fragment of a trailing incomplete message (a real source sends them together). */
export const INCOMPLETE_WAIT_MS = 1000;
/** A "line" longer than this without a newline is garbage; it is cut so memory stays bounded. */
const MAX_LINE_CHARS = 64 * 1024;

export class LineBatcher {
  readonly #sink: BatchSink;
  readonly #maxLines: number;
  readonly #maxDelayMs: number;
  readonly #attempts: number;
  readonly #onError: NonNullable<LineBatcherOptions['onError']>;
  #lines: string[] = [];
  /** `#lines[0 .. #safe)` end at a message boundary. */
  #safe = 0;
  #partial = '';
  #timer: NodeJS.Timeout | null = null;
  /** The buffer holds only an incomplete message and its timer was extended once. */
  #held = false;
  #tail: Promise<void> = Promise.resolve();
  #stats = { lines: 0, batches: 0, droppedBytes: 0, lostLines: 0 };

  constructor(sink: BatchSink, options: LineBatcherOptions = {}) {
    this.#sink = sink;
    this.#maxLines = Math.max(1, options.maxLines ?? 1000);
    this.#maxDelayMs = Math.max(1, options.maxDelayMs ?? 1000);
    this.#attempts = Math.max(1, options.sinkAttempts ?? 5);
    this.#onError = options.onError ?? (() => {});
  }

  get stats(): LineBatcherStats {
    return { ...this.#stats };
  }

  /** Adds a chunk of the stream. Resolves when every batch cut so far is in the sink (backpressure). */
  push(chunk: Uint8Array | string): Promise<void> {
    const text = this.#partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) this.#add(part);
    if (this.#partial.length > MAX_LINE_CHARS) {
      this.#add(this.#partial);
      this.#partial = '';
    }
    return this.#tail;
  }

  /** Adds a chunk made of whole lines (a UDP datagram): text after the last newline is a line too. */
  pushWhole(chunk: Uint8Array | string): Promise<void> {
    void this.push(chunk);
    if (this.#partial !== '') {
      this.#add(this.#partial);
      this.#partial = '';
    }
    return this.#tail;
  }

  /**
   * End of one stream. The unterminated last line is kept (end of a file) or dropped (a connection cut
   * mid-line: the line is truncated); everything buffered is handed over. Resolves when the sink has it.
   */
  end(options: { readonly keepPartial: boolean }): Promise<void> {
    if (this.#partial !== '') {
      if (options.keepPartial) this.#add(this.#partial);
      else this.#stats.droppedBytes += this.#partial.length;
      this.#partial = '';
    }
    this.#cut(this.#lines.length);
    return this.#tail;
  }

  #add(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    this.#lines.push(line);
    if (endsNmeaMessage(line)) {
      this.#safe = this.#lines.length;
      if (this.#held) {
        this.#held = false; // the held message is whole: it goes after the usual delay
        this.#arm();
      }
    }
    if (this.#lines.length === 1) this.#arm();
    if (this.#safe >= this.#maxLines) this.#cut(this.#safe);
    else if (this.#lines.length >= this.#maxLines + MAX_FRAGMENTS) {
      this.#cut(this.#safe > 0 ? this.#safe : this.#lines.length);
    }
  }

  #arm(delayMs = this.#maxDelayMs): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#safe > 0) {
        this.#cut(this.#safe); // the trailing incomplete message, if any, waits on (re-armed by #cut)
      } else if (!this.#held) {
        // Only an incomplete message: it waits once more, at least INCOMPLETE_WAIT_MS, for its last fragment.
        this.#held = true;
        this.#arm(Math.max(this.#maxDelayMs, INCOMPLETE_WAIT_MS));
      } else {
        this.#cut(this.#lines.length);
      }
    }, delayMs);
    this.#timer.unref();
  }

  #cut(n: number): void {
    if (n <= 0) return;
    const batch = this.#lines.splice(0, n);
    this.#safe = Math.max(0, this.#safe - n);
    this.#held = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#lines.length > 0) this.#arm();
    this.#stats.batches += 1;
    this.#stats.lines += batch.length;
    this.#tail = this.#tail.then(() => this.#deliver(batch));
  }

  async #deliver(batch: readonly string[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#sink(batch);
        return;
      } catch (error) {
        const givenUp = attempt + 1 >= this.#attempts;
        this.#onError(error, batch.length, givenUp);
        if (givenUp) {
          this.#stats.lostLines += batch.length;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)));
      }
    }
  }
}
