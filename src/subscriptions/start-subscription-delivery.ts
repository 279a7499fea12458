/**
 * Starts DCSA subscription delivery for a platform (the `serve` command calls this after opening the
 * platform and stops the returned worker before closing it).
 */
import type { Platform } from '../platform.js';
import { SubscriptionDeliveryWorker, type DeliveryOptions } from './subscription-delivery-worker.js';

export function startSubscriptionDelivery(
  platform: Platform,
  options: DeliveryOptions = {},
): SubscriptionDeliveryWorker {
  const worker = new SubscriptionDeliveryWorker(platform.database, platform.bus, platform.audit, {
    callbacks: platform.callbacks,
    ...options,
  });
  worker.start();
  return worker;
}
