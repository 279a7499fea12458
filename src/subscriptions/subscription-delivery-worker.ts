/**
 * Delivers events to DCSA subscription callbacks, from the outbox that the event store already is: each
 * subscription has a position (last `seq` delivered); the worker reads the matching events after it that
 * the subscriber's organisation may see, POSTs them as a JSON array of DCSA events, signed
 * (`Notification-Signature`), and advances the position only when the callback answered 2xx, in the same
 * transaction that logs the delivery. Failures are logged and retried with exponential backoff, in order:
 * event n+1 is never sent before event n was accepted. The bus only wakes the worker; a periodic poll
 * covers events appended by other processes and retries that fall due.
 *
 * A delivery of non-public events is a read of restricted data by the subscriber's organisation: every
 * attempt whose body reached the connection (answered or not: the receiver may have it) is audited through the
 * access module's `auditRead`, one entry per request with the count of non-public events in it; a delivery of
 * public events only is not audited.
 */
import { randomUUID } from 'node:crypto';
import { organisationReadScope, type AccessScope } from '../access/access-scope.js';
import { auditRead, type ReadAuditSink } from '../access/read-audit.js';
import { parseStoredFilter } from '../dcsa/dcsa-event-filter.js';
import { toDcsaEvent } from '../dcsa/dcsa-event-view.js';
import type { EventBus } from '../bus/event-bus.js';
import { EventQuery } from '../store/event-query.js';
import type { Database } from '../store/open-database.js';
import { CallbackAddressPolicy } from './callback-address-policy.js';
import type { PostOutcome } from './delivery-loop.js';
import { DeliveryWorker } from './delivery-worker.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import { SubscriptionRepository, type DeliveryOutcome, type SubscriptionRow } from './subscription-repository.js';

export interface DeliveryOptions {
  readonly retry?: RetryPolicy | undefined;
  /** Events per callback request (default 100). */
  readonly batchSize?: number | undefined;
  /** Callback request timeout (default 10 s). */
  readonly requestTimeoutMs?: number | undefined;
  /** Safety poll for events from other processes and for due retries (default 5 s). */
  readonly pollIntervalMs?: number | undefined;
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Where callbacks may go (default: no loopback, private or reserved address). */
  readonly callbacks?: CallbackAddressPolicy | undefined;
}

const API_VERSION = '2.2.0';

export class SubscriptionDeliveryWorker extends DeliveryWorker {
  readonly #subscriptions: SubscriptionRepository;
  readonly #events: EventQuery;
  readonly #owner = `worker-${randomUUID()}`;
  readonly #retry: RetryPolicy;
  readonly #batchSize: number;
  readonly #timeoutMs: number;

  constructor(
    { db, horizon }: Pick<Database, 'db' | 'horizon'>,
    bus: EventBus | undefined,
    private readonly audit: ReadAuditSink,
    options: DeliveryOptions = {},
  ) {
    super({
      bus,
      pollMs: options.pollIntervalMs ?? 5_000,
      timeoutMs: options.requestTimeoutMs ?? 10_000,
      // In order: event n+1 of a subscription is never sent before event n was accepted.
      concurrency: 1,
      onError: options.onError ?? (() => {}),
      callbacks: options.callbacks ?? new CallbackAddressPolicy(),
    });
    this.#subscriptions = new SubscriptionRepository(db);
    this.#events = new EventQuery(db, horizon);
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#batchSize = options.batchSize ?? 100;
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  /** A lease outlives one request with margin; a crashed worker's lease expires after it. */
  get #leaseMs(): number {
    return this.#timeoutMs * 2 + 5_000;
  }

  get #stopped(): boolean {
    return this.loop.stopped;
  }

  protected due(): Promise<readonly string[]> {
    return this.#subscriptions.due();
  }

  protected msUntilNextRetry(): Promise<number | null> {
    return this.#subscriptions.msUntilNextRetry();
  }

  /** Delivers one subscription until caught up or failed. */
  protected async deliver(id: string): Promise<void> {
    const claimed = await this.#subscriptions.claim(id, this.#owner, this.#leaseMs);
    if (!claimed) return;
    try {
      const scope = await this.#scopeOf(claimed);
      const filter = parseStoredFilter(claimed.filter);
      if (!scope || !filter) {
        await this.#fail(
          claimed,
          claimed.position,
          claimed.position,
          0,
          null,
          'subscription filter or organisation is invalid',
          0,
        );
        return;
      }
      let position = claimed.position;
      while (!this.#stopped) {
        const head = await this.#events.head();
        const page = await this.#events.after(filter, scope, position, this.#batchSize, head);
        if (page.events.length === 0) {
          if (head !== position) await this.#subscriptions.skipTo(id, this.#owner, position, head);
          return;
        }
        const firstSeq = page.events[0]!.seq;
        const lastSeq = page.events.at(-1)!.seq;
        const body = JSON.stringify(page.events.map(toDcsaEvent));
        const started = performance.now();
        const { statusCode, error, bodySent } = await this.#post(claimed, body);
        const durationMs = Math.round(performance.now() - started);
        if (bodySent) {
          const nonPublicEvents = page.events.filter((e) => e.visibility !== 'public').length;
          auditRead(this.audit, scope, `webhook:${id}`, nonPublicEvents, {
            subscriptionId: id,
            events: page.events.length,
            nonPublicEvents,
            firstSeq,
            lastSeq,
            statusCode,
            error,
          });
        }
        if (error !== null || statusCode === null || statusCode < 200 || statusCode > 299) {
          await this.#fail(claimed, firstSeq, lastSeq, page.events.length, statusCode, error, durationMs);
          return;
        }
        const outcome: DeliveryOutcome = {
          attempt: claimed.failed_attempts + 1,
          firstSeq,
          lastSeq,
          eventCount: page.events.length,
          statusCode,
          error: null,
          durationMs,
        };
        if (!(await this.#subscriptions.recordSuccess(id, this.#owner, outcome, this.#leaseMs))) return;
        claimed.failed_attempts = 0;
        position = lastSeq;
      }
    } finally {
      await this.#subscriptions.release(id, this.#owner);
    }
  }

  async #fail(
    row: SubscriptionRow,
    firstSeq: string,
    lastSeq: string,
    eventCount: number,
    statusCode: number | null,
    error: string | null,
    durationMs: number,
  ): Promise<void> {
    const attempt = row.failed_attempts + 1;
    await this.#subscriptions.recordFailure(
      row.id,
      this.#owner,
      { attempt, firstSeq, lastSeq, eventCount, statusCode, error, durationMs },
      retryDelayMs(this.#retry, attempt),
    );
  }

  async #scopeOf(row: SubscriptionRow): Promise<AccessScope | null> {
    return organisationReadScope(row.org_id, await this.#subscriptions.roleOf(row.org_id)) ?? null;
  }

  /** Checked at every delivery, not only at creation: a name may resolve elsewhere by now. */
  #post(row: SubscriptionRow, body: string): Promise<PostOutcome> {
    // A refused delivery fails like an unreachable receiver (kept, retried with backoff, logged with the reason).
    return this.loop.post(new URL(row.callback_url), row.secret, body, {
      'Subscription-ID': row.id,
      'API-Version': API_VERSION,
    });
  }
}
