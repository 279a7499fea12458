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
import { auditRead, type ReadAuditSink } from '../access/read-audit.js';
import { organisationReadScope } from '../access/access-scope.js';
import type { EventBus } from '../bus/event-bus.js';
import { CONTAINER_RULE_KINDS } from '../domain/alerts/alert-rule.js';
import { AlertRepository, alertMessage } from '../store/alert-repository.js';
import type { Database } from '../store/open-database.js';
import { CallbackAddressPolicy } from './callback-address-policy.js';
import { accepted } from './delivery-loop.js';
import { DeliveryWorker } from './delivery-worker.js';
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

const CONTAINER_KINDS = new Set<string>(CONTAINER_RULE_KINDS);

export class AlertDeliveryWorker extends DeliveryWorker {
  readonly #alerts: AlertRepository;
  readonly #owner = `alerts-${randomUUID()}`;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;

  constructor(
    { db }: Pick<Database, 'db'>,
    bus: EventBus | undefined,
    private readonly audit: ReadAuditSink,
    options: AlertDeliveryOptions = {},
  ) {
    const caughtUp = options.caughtUp;
    super({
      bus,
      pollMs: options.pollIntervalMs ?? 1_000,
      timeoutMs: options.requestTimeoutMs ?? 10_000,
      concurrency: options.concurrency ?? 16,
      settled: options.settled,
      wakers: caughtUp ? [caughtUp] : [],
      onError: options.onError ?? (() => {}),
      callbacks: options.callbacks ?? new CallbackAddressPolicy(),
    });
    this.#alerts = new AlertRepository(db);
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  protected due(): Promise<readonly string[]> {
    return this.#alerts.due();
  }

  protected msUntilNextRetry(): Promise<number | null> {
    return this.#alerts.msUntilNextRetry();
  }

  protected async deliver(id: string): Promise<void> {
    const claimed = await this.#alerts.claim(id, this.#owner, this.#timeoutMs * 2 + 5_000);
    if (!claimed) return;
    const { alert, callbackUrl, secret } = claimed;
    const attempt = alert.attempts + 1;
    const fail = (error: string) =>
      this.#alerts.recordFailure(id, this.#owner, attempt, error, retryDelayMs(this.#retry, attempt));
    if (callbackUrl === null || secret === null) return fail('rule has no callback');
    const message = alertMessage({ ...alert, delivery_state: 'delivered' });
    const outcome = await this.loop.post(new URL(callbackUrl), secret, JSON.stringify(message), {
      'Alert-Rule-ID': alert.rule_id,
      'Alert-ID': alert.id,
    });
    const { statusCode, error, bodySent } = outcome;
    if (bodySent && CONTAINER_KINDS.has(String(alert.payload.kind))) {
      const scope = organisationReadScope(alert.org_id, await this.#alerts.roleOf(alert.org_id));
      if (scope) {
        auditRead(this.audit, scope, `alert-webhook:${alert.rule_id}`, 1, { alertId: alert.id, statusCode, error });
      }
    }
    if (accepted(outcome)) await this.#alerts.recordDelivered(id, this.#owner);
    else await fail(error ?? `HTTP ${statusCode ?? '?'}`);
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
