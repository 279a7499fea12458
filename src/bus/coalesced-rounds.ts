/**
 * How a follower of the bus runs its work (the projection runner's catch-up, the webhook worker's delivery
 * round): the bus and a poll only wake it, and each round reads the store by cursor, so one round catches up on
 * every wake-up before it. Rounds never overlap: wake-ups while one runs coalesce into one more round after it.
 */
import type { EventBus } from './event-bus.js';

export interface CoalescedRoundsOptions {
  /** One round of work. */
  readonly round: () => Promise<void>;
  /** A round (or `afterRounds`) that throws: reported here; the next wake-up runs again. */
  readonly onError: (error: unknown) => void;
  /** Whether rounds may run (false once the follower stopped); default always. */
  readonly active?: (() => boolean) | undefined;
  /** Runs once after the last round of a run, when no wake-up is pending. */
  readonly afterRounds?: (() => Promise<void>) | undefined;
}

export class CoalescedRounds {
  readonly #options: CoalescedRoundsOptions;
  #running: Promise<void> | null = null;
  #again = false;
  #unsubscribe: (() => void) | null = null;
  #poll: NodeJS.Timeout | null = null;

  constructor(options: CoalescedRoundsOptions) {
    this.#options = options;
  }

  /** Schedules a round: now, or after the running one (bursts of wake-ups coalesce into one). */
  wake(): void {
    const { round, onError, active = () => true, afterRounds } = this.#options;
    if (!active()) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await round();
        } while (this.#again && active());
        await afterRounds?.();
      } catch (error) {
        onError(error);
      } finally {
        this.#running = null;
      }
    })();
  }

  /** Resolves when no round is running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Wakes on every publication of `bus` (if any) and every `pollMs` (0 = never) until `unfollow`. */
  follow(bus: EventBus | undefined, pollMs: number): void {
    this.unfollow();
    if (bus) this.#unsubscribe = bus.subscribe(() => this.wake());
    if (pollMs > 0) {
      this.#poll = setInterval(() => this.wake(), pollMs);
      this.#poll.unref();
    }
  }

  unfollow(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }
}
