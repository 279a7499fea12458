/** What a feed left in the store: event keys, dead-letter codes and inbox messages. */
import type { Platform } from '../../src/platform.js';
import { comparableKeys } from './timed-sample.js';

export async function storeContents(platform: Platform): Promise<{
  keys: string[];
  rawKeys: string[];
  rejectionCodes: string[];
  inboxMessages: { channel: string; status: string; metadata: Record<string, unknown> }[];
}> {
  const db = platform.database.db;
  const events = await db.selectFrom('event').select('idempotency_key').execute();
  const letters = await db.selectFrom('dead_letter').select('error_code').execute();
  const inbox = await db.selectFrom('inbox').select(['channel', 'status', 'metadata']).orderBy('id').execute();
  return {
    keys: comparableKeys(events.map((e) => e.idempotency_key)),
    rawKeys: events.map((e) => e.idempotency_key),
    rejectionCodes: letters.map((l) => l.error_code).sort(),
    inboxMessages: inbox,
  };
}

export async function waitUntil(
  probe: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
