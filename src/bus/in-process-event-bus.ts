import type { StoredEvent } from '../domain/canonical-event.js';
import type { EventBus, EventListener } from './event-bus.js';

/** Synchronous fan-out within one process. A throwing listener never stops the others. */
export class InProcessEventBus implements EventBus {
  readonly #listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  publish(events: readonly StoredEvent[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(events);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }
}
