import { defaultParsers } from '../../src/ingest/default-parsers.js';
import type { ParserRegistry } from '../../src/ingest/parser-registry.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import type { EngineCase } from './engines.js';

/**
 * A platform over a fresh store of the given engine, wired by the real composition root (`openPlatform`):
 * only the store (a scratch database, dropped on close) and the callback networks differ from `serve`.
 */
export async function testPlatform(engine: EngineCase, parsers: ParserRegistry = defaultParsers()): Promise<Platform> {
  const store = await engine.open();
  return openPlatform({
    store: { ...store, close: () => store.dispose() },
    migrate: false,
    parsers,
    defaultTimeZone: 'UTC',
    // Test receivers listen on 127.0.0.1; `test/subscriptions/callback-address-policy.test.ts` covers the refusal.
    callbackAllowNetworks: ['127.0.0.0/8'],
  });
}
