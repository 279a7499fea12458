/**
 * DCSA Track & Trace 2.2 callback signature (EVENT_DOMAIN `notificationSignature`):
 * `Notification-Signature: sha256=<hex HMAC-SHA256>`, computed over the exact bytes of the request body
 * (UTF-8, whitespace included; no header or URL is covered) with the subscription's shared secret, which
 * the subscriber registered base64-encoded: the key is the decoded bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Notification-Signature';

export function signNotification(secret: Uint8Array, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `header` is a valid `sha256=` signature of `body` (constant-time comparison). */
export function verifyNotification(secret: Uint8Array, body: string | Uint8Array, header: string | undefined): boolean {
  const match = /^\s*sha256=([0-9a-fA-F]{64})\s*$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}
