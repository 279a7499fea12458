/**
 * Starts DCSA subscription delivery for a platform (the `serve` command calls this after opening the
 * platform and stops the returned worker before closing it).
 */
import type { ReadAuditSink } from '../access/read-audit.js';
import type { EventBus } from '../bus/event-bus.js';
import type { Database } from '../store/open-database.js';
import type { CallbackAddressPolicy } from './callback-address-policy.js';
import { SubscriptionDeliveryWorker, type DeliveryOptions } from './subscription-delivery-worker.js';

/**
 * What delivery needs of the platform: the store, the bus that wakes it, where callbacks may go, and the audit
 * log that records each delivery of non-public events.
 */
export interface DeliveryWiring {
  readonly database: Database;
  readonly bus: EventBus;
  readonly callbacks: CallbackAddressPolicy;
  readonly audit: ReadAuditSink;
}

export function startSubscriptionDelivery(
  platform: DeliveryWiring,
  options: DeliveryOptions = {},
): SubscriptionDeliveryWorker {
  const worker = new SubscriptionDeliveryWorker(platform.database, platform.bus, platform.audit, {
    callbacks: platform.callbacks,
    ...options,
  });
  worker.start();
  return worker;
}
