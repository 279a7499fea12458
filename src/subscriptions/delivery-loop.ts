/**
 * What webhook delivery runs on, for DCSA subscriptions (`subscription-delivery-worker.ts`) and alerts
 * (`alert-delivery-worker.ts`): start and stop (a request in flight gets a grace period to answer), coalesced
 * rounds woken by the bus, a poll and optional extra wakers, each round delivering every due item in
 * `concurrency` lanes, a timer for the next retry that falls due before the poll, and one signed POST through
 * the callback address policy. What is due and how one item is delivered are the worker's.
 */
import type { LookupFunction } from 'node:net';
import type { EventBus } from '../bus/event-bus.js';
import { CoalescedRounds } from '../bus/coalesced-rounds.js';
import type { CallbackAddressPolicy } from './callback-address-policy.js';
import { SIGNATURE_HEADER, signNotification } from './notification-signature.js';
import { postCallback } from './post-callback.js';

export interface DeliveryLoopOptions {
  /** The ids due for delivery, in order. */
  readonly due: () => Promise<readonly string[]>;
  /** Delivers one due id (claims it, posts, records the outcome). */
  readonly deliver: (id: string) => Promise<void>;
  /** Milliseconds until the next failed delivery is due again; null when none is. */
  readonly msUntilNextRetry: () => Promise<number | null>;
  readonly bus: EventBus | undefined;
  /** Safety poll for work stored by other processes and for due retries. */
  readonly pollMs: number;
  /** Callback request timeout. */
  readonly timeoutMs: number;
  /** Deliveries in flight at once (1: in order, one after the other). */
  readonly concurrency: number;
  /** Awaited before each round reads what is due (the projections that write it caught up). */
  readonly settled?: (() => Promise<void>) | undefined;
  /** More wake-ups to follow while started (each returns its unsubscribe). */
  readonly wakers?: readonly ((wake: () => void) => () => void)[] | undefined;
  readonly onError: (error: unknown) => void;
  readonly callbacks: CallbackAddressPolicy;
}

/** How one callback request went: the status code if answered, why not otherwise, and whether the body left. */
export interface PostOutcome {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly bodySent: boolean;
}

export class DeliveryLoop {
  readonly #options: DeliveryLoopOptions;
  readonly #rounds: CoalescedRounds;
  readonly #lookup: LookupFunction;
  #abort = new AbortController();
  #stopped = true;
  #retryTimer: NodeJS.Timeout | null = null;
  #unfollow: (() => void)[] = [];

  constructor(options: DeliveryLoopOptions) {
    this.#options = options;
    this.#lookup = options.callbacks.connectLookup();
    this.#rounds = new CoalescedRounds({
      round: () => this.deliverDue(),
      afterRounds: () => this.#scheduleRetry(),
      active: () => !this.#stopped,
      onError: options.onError,
    });
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#abort = new AbortController();
    this.#rounds.follow(this.#options.bus, this.#options.pollMs);
    this.#unfollow = (this.#options.wakers ?? []).map((follow) => follow(() => this.wake()));
    this.wake();
  }

  /**
   * Stops following and waits. A callback in flight gets `graceMs` to answer, and its answer is recorded, so a
   * receiver that has it is not sent it again after a restart; only a callback still unanswered then is aborted.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopped = true;
    this.#rounds.unfollow();
    for (const unfollow of this.#unfollow) unfollow();
    this.#unfollow = [];
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const abortLate = setTimeout(() => this.#abort.abort(), graceMs);
    try {
      await this.#rounds.idle();
    } finally {
      clearTimeout(abortLate);
      this.#abort.abort();
    }
  }

  /** Schedules a delivery round (bursts of wake-ups coalesce into one). */
  wake(): void {
    this.#rounds.wake();
  }

  /** Resolves when no delivery round is running. */
  async idle(): Promise<void> {
    await this.#rounds.idle();
  }

  /** One round: every due id, `concurrency` at a time, until stopped. */
  async deliverDue(): Promise<void> {
    const { settled, due: readDue, deliver, concurrency } = this.#options;
    await settled?.();
    const due = await readDue();
    let next = 0;
    const lane = async () => {
      while (!this.#stopped && next < due.length) await deliver(due[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, lane));
  }

  /**
   * POSTs `body` signed with `secret` (`Notification-Signature`) and `headers`, connecting only where the
   * callback address policy allows (an IP address is judged here; a name when the request connects, so the
   * address checked is the one connected to). A refused or failed request is an outcome with its reason, never
   * a throw.
   */
  async post(
    url: URL,
    secret: Uint8Array,
    body: string,
    headers: Readonly<Record<string, string>>,
  ): Promise<PostOutcome> {
    const refusal = this.#options.callbacks.literalRefusal(url);
    if (refusal !== null) return { statusCode: null, error: `callback refused: ${refusal}`, bodySent: false };
    let bodySent = false;
    try {
      const statusCode = await postCallback(
        url,
        body,
        { 'content-type': 'application/json', [SIGNATURE_HEADER]: signNotification(secret, body), ...headers },
        {
          signal: AbortSignal.any([AbortSignal.timeout(this.#options.timeoutMs), this.#abort.signal]),
          lookup: this.#lookup,
          onBodySent: () => (bodySent = true),
        },
      );
      return { statusCode, error: null, bodySent: true };
    } catch (error) {
      const message =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      if ((error as NodeJS.ErrnoException).code === 'ECALLBACKREFUSED') {
        return { statusCode: null, error: `callback refused: ${message}`, bodySent };
      }
      return { statusCode: null, error: this.#stopped ? `worker stopped: ${message}` : message, bodySent };
    }
  }

  async #scheduleRetry(): Promise<void> {
    if (this.#stopped) return;
    const wait = await this.#options.msUntilNextRetry();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (wait === null || wait > this.#options.pollMs) return;
    this.#retryTimer = setTimeout(() => this.wake(), wait + 5);
    this.#retryTimer.unref();
  }
}

/** Whether a callback answered 2xx. */
export function accepted({ statusCode, error }: PostOutcome): boolean {
  return error === null && statusCode !== null && statusCode >= 200 && statusCode <= 299;
}
