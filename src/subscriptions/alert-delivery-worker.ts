/**
 * Delivers alerts (issue 13; docs/alerts.md) to the webhooks of their rules with the machinery of the DCSA
 * subscriptions, not a second copy of it: the body is signed with `Notification-Signature` (HMAC-SHA256 keyed
 * with the rule's secret, `notification-signature.ts`), posted by `postCallback` through the callback address
 * policy's lookup (checked before every delivery), and a failure is retried with the subscriptions' backoff
 * (`retry-policy.ts`), never given up. Each alert is one request (a JSON object, the same as an item of
 * `GET /alerts`), with `Alert-Rule-ID` and `Alert-ID` headers; a 2xx marks it delivered. An alert is leased
 * (a plain UPDATE) while its request runs, so several workers never send it twice at once; a receiver that
 * answers after a crash may get it again — it tells repeats by `alertId`.
 *
 * Alerts are written by the alert projection; a round first waits for the projections to be idle (`settled`),
 * so an alert raised by the events that woke the bus is sent in the same round. A delivery of a container alert
 * is a read of restricted data by the rule's organisation and is audited through `auditRead`.
 */
import { randomUUID } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { auditRead, type ReadAuditSink } from '../access/read-audit.js';
import { SEES_ALL, type Role } from '../access/roles.js';
import type { EventBus } from '../bus/event-bus.js';
import { CoalescedRounds } from '../bus/coalesced-rounds.js';
import { AlertRepository, alertMessage } from '../store/alert-repository.js';
import type { Database } from '../store/open-database.js';
import { CallbackAddressPolicy } from './callback-address-policy.js';
import { SIGNATURE_HEADER, signNotification } from './notification-signature.js';
import { postCallback } from './post-callback.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export interface AlertDeliveryOptions {
  readonly retry?: RetryPolicy | undefined;
  readonly requestTimeoutMs?: number | undefined;
  /** Safety poll for alerts written by other processes and for due retries (default 1 s). */
  readonly pollIntervalMs?: number | undefined;
  /** Requests in flight at once (default 16). */
  readonly concurrency?: number | undefined;
  readonly callbacks?: CallbackAddressPolicy | undefined;
  /** Resolves when the projections have caught up (the platform's `projections.idle()`). */
  readonly settled?: (() => Promise<void>) | undefined;
  /**
   * Follows the projections' finished catch-ups (`projections.onCaughtUp`): alerts are written there, so a
   * finished catch-up wakes delivery at once instead of at the next poll (the bus may have come first).
   */
  readonly caughtUp?: ((listener: () => void) => () => void) | undefined;
  readonly onError?: ((error: unknown) => void) | undefined;
}

const CONTAINER_KINDS = new Set(['container-available', 'hold-set', 'hold-released', 'last-free-day-tomorrow']);

export class AlertDeliveryWorker {
  readonly #alerts: AlertRepository;
  readonly #owner = `alerts-${randomUUID()}`;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  readonly #concurrency: number;
  readonly #callbacks: CallbackAddressPolicy;
  readonly #lookup: LookupFunction;
  readonly #settled: () => Promise<void>;
  readonly #rounds: CoalescedRounds;
  #abort = new AbortController();
  #stopped = true;
  #retryTimer: NodeJS.Timeout | null = null;
  readonly #caughtUp: ((listener: () => void) => () => void) | undefined;
  #unfollowCaughtUp: (() => void) | null = null;

  constructor(
    { db }: Pick<Database, 'db'>,
    private readonly bus: EventBus | undefined,
    private readonly audit: ReadAuditSink,
    options: AlertDeliveryOptions = {},
  ) {
    this.#alerts = new AlertRepository(db);
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#pollMs = options.pollIntervalMs ?? 1_000;
    this.#concurrency = options.concurrency ?? 16;
    this.#callbacks = options.callbacks ?? new CallbackAddressPolicy();
    this.#lookup = this.#callbacks.connectLookup();
    this.#settled = options.settled ?? (() => Promise.resolve());
    this.#caughtUp = options.caughtUp;
    const onError = options.onError ?? (() => {});
    this.#rounds = new CoalescedRounds({
      round: () => this.deliverDue(),
      afterRounds: () => this.#scheduleRetry(),
      active: () => !this.#stopped,
      onError,
    });
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#abort = new AbortController();
    this.#rounds.follow(this.bus, this.#pollMs);
    this.#unfollowCaughtUp = this.#caughtUp?.(() => this.wake()) ?? null;
    this.wake();
  }

  async stop(graceMs = Math.min(this.#timeoutMs, 5_000)): Promise<void> {
    this.#stopped = true;
    this.#rounds.unfollow();
    this.#unfollowCaughtUp?.();
    this.#unfollowCaughtUp = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const abortLate = setTimeout(() => this.#abort.abort(), graceMs);
    try {
      await this.#rounds.idle();
    } finally {
      clearTimeout(abortLate);
      this.#abort.abort();
    }
  }

  wake(): void {
    this.#rounds.wake();
  }

  async idle(): Promise<void> {
    await this.#rounds.idle();
  }

  /** One round: every due alert, `concurrency` at a time. */
  async deliverDue(): Promise<void> {
    await this.#settled();
    const due = await this.#alerts.due();
    let next = 0;
    const lane = async () => {
      while (!this.#stopped && next < due.length) await this.#deliver(due[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, due.length) }, lane));
  }

  async #scheduleRetry(): Promise<void> {
    if (this.#stopped) return;
    const wait = await this.#alerts.msUntilNextRetry();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (wait === null || wait > this.#pollMs) return;
    this.#retryTimer = setTimeout(() => this.wake(), wait + 5);
    this.#retryTimer.unref();
  }

  async #deliver(id: string): Promise<void> {
    const claimed = await this.#alerts.claim(id, this.#owner, this.#timeoutMs * 2 + 5_000);
    if (!claimed) return;
    const { alert, callbackUrl, secret } = claimed;
    const attempt = alert.attempts + 1;
    if (callbackUrl === null || secret === null) {
      await this.#alerts.recordFailure(
        id,
        this.#owner,
        attempt,
        'rule has no callback',
        retryDelayMs(this.#retry, attempt),
      );
      return;
    }
    const url = new URL(callbackUrl);
    const refusal = this.#callbacks.literalRefusal(url);
    if (refusal !== null) {
      await this.#alerts.recordFailure(
        id,
        this.#owner,
        attempt,
        `callback refused: ${refusal}`,
        retryDelayMs(this.#retry, attempt),
      );
      return;
    }
    const message = alertMessage({ ...alert, delivery_state: 'delivered' });
    const body = JSON.stringify(message);
    let bodySent = false;
    let error: string | null = null;
    let statusCode: number | null = null;
    try {
      statusCode = await postCallback(
        url,
        body,
        {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signNotification(secret, body),
          'Alert-Rule-ID': alert.rule_id,
          'Alert-ID': alert.id,
        },
        {
          signal: AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#abort.signal]),
          lookup: this.#lookup,
          onBodySent: () => (bodySent = true),
        },
      );
      bodySent = true;
    } catch (caught) {
      error =
        caught instanceof Error
          ? caught.cause instanceof Error
            ? caught.cause.message
            : caught.message
          : String(caught);
    }
    if (bodySent && CONTAINER_KINDS.has(String(alert.payload.kind))) {
      const role = (await this.#alerts.roleOf(alert.org_id)) as Role | undefined;
      if (role) {
        const scope = {
          orgId: alert.org_id,
          role,
          all: SEES_ALL.has(role),
          member: role !== 'public',
          scopes: ['read' as const],
          keyId: null,
        };
        auditRead(this.audit, scope, `alert-webhook:${alert.rule_id}`, 1, { alertId: alert.id, statusCode, error });
      }
    }
    if (error === null && statusCode !== null && statusCode >= 200 && statusCode <= 299) {
      await this.#alerts.recordDelivered(id, this.#owner);
    } else {
      await this.#alerts.recordFailure(
        id,
        this.#owner,
        attempt,
        error ?? `HTTP ${statusCode ?? '?'}`,
        retryDelayMs(this.#retry, attempt),
      );
    }
  }
}

/** What alert delivery needs of the platform (the `serve` command starts it after the projections). */
export interface AlertDeliveryWiring {
  readonly database: Pick<Database, 'db'>;
  readonly bus: EventBus;
  readonly callbacks: CallbackAddressPolicy;
  readonly audit: ReadAuditSink;
  readonly projections: { idle(): Promise<void>; onCaughtUp(listener: () => void): () => void };
}

export function startAlertDelivery(
  platform: AlertDeliveryWiring,
  options: AlertDeliveryOptions = {},
): AlertDeliveryWorker {
  const worker = new AlertDeliveryWorker(platform.database, platform.bus, platform.audit, {
    callbacks: platform.callbacks,
    settled: () => platform.projections.idle(),
    caughtUp: (listener) => platform.projections.onCaughtUp(listener),
    ...options,
  });
  worker.start();
  return worker;
}
