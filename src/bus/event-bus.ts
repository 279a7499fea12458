import type { StoredEvent } from '../domain/canonical-event.js';

export type EventListener = (events: readonly StoredEvent[]) => void;

/**
 * Distributes committed events to subscribers (projections, live streams, webhooks). In-process by
 * default; a NATS JetStream implementation of the same interface distributes across processes.
 * Delivery is a hint to read the store: subscribers that fall behind catch up from the event store by
 * cursor, so the bus itself need not be durable.
 */
export interface EventBus {
  publish(events: readonly StoredEvent[]): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}
