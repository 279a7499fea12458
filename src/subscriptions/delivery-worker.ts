/**
 * What both webhook workers (DCSA subscriptions, alerts) answer to — start, stop with a grace, wake, idle, one
 * round — said once over their `DeliveryLoop`. A worker says only what is due, how one item is delivered and when
 * the next retry falls due.
 */
import { DeliveryLoop, type DeliveryLoopOptions } from './delivery-loop.js';

export abstract class DeliveryWorker {
  protected readonly loop: DeliveryLoop;
  readonly #timeoutMs: number;

  protected constructor(options: Omit<DeliveryLoopOptions, 'due' | 'deliver' | 'msUntilNextRetry'>) {
    this.#timeoutMs = options.timeoutMs;
    // Called only once started, after the subclass has set up what they read.
    this.loop = new DeliveryLoop({
      ...options,
      due: () => this.due(),
      deliver: (id) => this.deliver(id),
      msUntilNextRetry: () => this.msUntilNextRetry(),
    });
  }

  /** The ids due for delivery, in order. */
  protected abstract due(): Promise<readonly string[]>;
  /** Delivers one due id (claims it, posts, records the outcome). */
  protected abstract deliver(id: string): Promise<void>;
  /** Milliseconds until the next failed delivery is due again; null when none is. */
  protected abstract msUntilNextRetry(): Promise<number | null>;

  start(): void {
    this.loop.start();
  }

  /**
   * Stops following and waits. A callback in flight gets `graceMs` (default: the request timeout, at most
   * 5 s) to answer, and its answer is recorded, so a receiver that has the data is not sent it again after
   * a restart; only a callback still unanswered then is aborted (logged as failed, retried later).
   */
  async stop(graceMs = Math.min(this.#timeoutMs, 5_000)): Promise<void> {
    await this.loop.stop(graceMs);
  }

  /** Schedules a delivery round (bursts of wake-ups coalesce into one). */
  wake(): void {
    this.loop.wake();
  }

  /** Resolves when no delivery round is running. */
  async idle(): Promise<void> {
    await this.loop.idle();
  }

  /** One round: every due item, `concurrency` at a time. */
  async deliverDue(): Promise<void> {
    await this.loop.deliverDue();
  }
}
