/**
 * Sends simulated parties' messages to the product as its members do: each message is one
 * `POST /ingest/{format}` over HTTP with the party's own API key, in the order of the source. A 503 (the
 * product is busy or its store is away), a 429 (rate limit) or a failed connection is retried after an
 * exponential backoff (the `Retry-After` the product gives wins), so nothing is lost; each message is sent
 * until it is answered, and never again once it is (a re-sent message after a lost answer is harmless: the
 * product recognises the same bytes from the same sender and stores nothing new). Rejected parts (207, 422)
 * are counted, not retried: the same bytes would be rejected again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs, type Backoff } from '../../domain/backoff.js';
import type { SimMessage } from '../sim-message.js';
import { simOrgId } from '../sim-party-org.js';
import type { PartyKeys } from './party-keys.js';

export interface FeederStats {
  /** Messages the product answered 202/207/422 to. */
  readonly sent: number;
  /** Of those, messages the product already had (same bytes from the same sender). */
  readonly duplicates: number;
  /** Messages with rejected parts (207 or 422). */
  readonly withRejections: number;
  /** Retries after 503, 429 or a failed connection. */
  readonly retries: number;
}

export interface FeederOptions {
  /** Base URL of the product, e.g. `http://127.0.0.1:8080`. */
  readonly target: string;
  readonly keys: PartyKeys;
  readonly backoff?: Backoff | undefined;
  /** Give up a message after this many retries (default: never; stop the run instead). */
  readonly maxRetries?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly log?: ((level: 'info' | 'warn' | 'error', message: string) => void) | undefined;
}

/** The product refused a message for a reason a retry cannot fix (401, 403, 404, 413…): stop and say why. */
export class FeedRefusedError extends Error {}

const CONTENT_TYPES: readonly [RegExp, string][] = [
  [/^dcsa-|json/, 'application/json'],
  [/^csv-|csv/, 'text/csv'],
  [/^edifact-/, 'application/edifact'],
  [/^x12-/, 'application/edi-x12'],
];

export function contentTypeOf(format: string): string {
  return CONTENT_TYPES.find(([pattern]) => pattern.test(format))?.[1] ?? 'text/plain';
}

const RETRIED = new Set([429, 502, 503, 504]);

function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}

export class SimFeeder {
  readonly #options: FeederOptions;
  readonly #backoff: Backoff;
  readonly #fetch: typeof fetch;
  #stats = { sent: 0, duplicates: 0, withRejections: 0, retries: 0 };

  constructor(options: FeederOptions) {
    this.#options = options;
    this.#backoff = options.backoff ?? { baseMs: 250, capMs: 30_000 };
    this.#fetch = options.fetch ?? fetch;
  }

  get stats(): FeederStats {
    return { ...this.#stats };
  }

  /** Sends the messages one after the other, in order; resolves when every one was answered. */
  async send(messages: readonly SimMessage[]): Promise<void> {
    for (const message of messages) await this.#sendOne(message);
  }

  async #sendOne(message: SimMessage): Promise<void> {
    const { signal, log } = this.#options;
    const url = new URL(`/ingest/${encodeURIComponent(message.format)}`, this.#options.target);
    const owners = message.owners ?? [];
    if (owners.length > 0) url.searchParams.set('owners', owners.map(simOrgId).join(','));
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      // A co-owner must be an organisation of the community before it is named (the product answers 400 otherwise).
      for (const owner of owners) await this.#options.keys.keyFor(owner);
      const key = await this.#options.keys.keyFor(message.party);
      let wait: number | null = null;
      let why: string;
      try {
        const response = await this.#fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': contentTypeOf(message.format),
            'user-agent': 'openpcs-sim',
          },
          body: message.body,
          ...(signal ? { signal } : {}),
        });
        const text = await response.text();
        if (response.status === 202 || response.status === 207 || response.status === 422) {
          this.#record(message, response.status, text);
          return;
        }
        if (!RETRIED.has(response.status)) {
          throw new FeedRefusedError(
            `${message.party.code} ${message.format}: the product answered ${response.status}: ${text.slice(0, 300)}`,
          );
        }
        wait = retryAfterMs(response.headers.get('retry-after'));
        why = `answered ${response.status}`;
      } catch (error) {
        if (error instanceof FeedRefusedError || signal?.aborted) throw error;
        why = error instanceof Error ? error.message : String(error);
      }
      if (this.#options.maxRetries !== undefined && attempt >= this.#options.maxRetries) {
        throw new Error(`${message.party.code} ${message.format}: gave up after ${attempt + 1} attempts (${why})`);
      }
      this.#stats.retries += 1;
      const delay = wait ?? backoffMs(attempt, this.#backoff);
      log?.('warn', `sim: ${message.party.code} ${message.format} ${why}; retrying in ${delay} ms`);
      await sleep(delay, undefined, signal ? { signal } : undefined);
    }
  }

  #record(message: SimMessage, status: number, text: string): void {
    this.#stats.sent += 1;
    let answer: { duplicateMessage?: unknown; rejected?: unknown } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // A 422 is problem+json; anything unreadable counts as sent with rejections below.
    }
    if (answer.duplicateMessage === true) this.#stats.duplicates += 1;
    if (status !== 202) {
      this.#stats.withRejections += 1;
      this.#options.log?.(
        'warn',
        `sim: ${message.party.code} ${message.format} at ${new Date(message.atMs).toISOString()}: ${status}, ${typeof answer.rejected === 'number' ? answer.rejected : 'some'} part(s) rejected`,
      );
    }
  }
}
