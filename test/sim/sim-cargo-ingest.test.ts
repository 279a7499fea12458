/**
 * Simulated cargo messages through the real ingestion path on both engines: each simulated party posts as its
 * own organisation with its own API key (`POST /ingest/{format}`), and every message is stored whole, with no
 * rejection and no dead letter. A sample of half a simulated day: the first messages of every format, from
 * several parties (the registry-level test, sim-cargo-parse.test.ts, covers every message of a day).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { cargoMessageSource, CARGO_FORMATS } from '../../src/sim/cargo/cargo-message-source.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import type { SimMessage } from '../../src/sim/sim-message.js';
import { simulate } from '../../src/sim/simulate.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HOUR = 3_600_000;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'dcsa-events': 'application/json',
  'edifact-coarri': 'application/edifact',
  'edifact-codeco': 'application/edifact',
  'x12-322': 'application/edi-x12',
};

function sample(): SimMessage[] {
  const parsed = parseScenario({ seed: 11, days: 0.5, start: '2018-07-10T14:00:00Z', warmupDays: 10 });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const source = cargoMessageSource(simulate(parsed.scenario, loadSimInputs()));
  const all: SimMessage[] = [];
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    all.push(...source.messagesIn(t, t + HOUR));
  }
  const picked: SimMessage[] = [];
  for (const format of CARGO_FORMATS) picked.push(...all.filter((m) => m.format === format).slice(0, 2));
  return picked.sort((a, b) => a.atMs - b.atMs);
}

const messages = sample();
/** Notices come a few a week (src/sim/cargo/terminal-feeds.ts): half a day may hold none; sim-terminal-feeds.test.ts posts them. */
const SPARSE_FORMATS = new Set(['csv-terminal-notices']);
const expectedFormats = CARGO_FORMATS.filter((f) => !SPARSE_FORMATS.has(f) || messages.some((m) => m.format === f));

describe.each(ENGINES)('simulated cargo messages posted to /ingest on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
  }, 180_000);
  afterEach(async () => {
    await server.shutdown();
    await platform.close();
  });

  it('should store every message of every party whole: 202, events appended, no dead letter', async () => {
    expect(new Set(messages.map((m) => m.format))).toEqual(new Set(expectedFormats));
    const keys = new Map<string, string>();
    let appended = 0;
    for (const m of messages) {
      const org = m.party.code.toLowerCase();
      let authorization = keys.get(org);
      if (!authorization) {
        authorization = (await orgWithKey(platform, org, m.party.role)).authorization;
        keys.set(org, authorization);
        // As the simulator's party keys do: a terminal party operates its own SMDG code.
        if (m.party.role === 'terminal') await operates(platform, org, [m.party.code]);
        // … and a carrier party speaks for its own SCAC (its own empty-return receivables).
        if (m.party.role === 'carrier') await platform.carrierScacs.replace(org, [m.party.code], 'test');
      }
      const res = await server.app.inject({
        method: 'POST',
        url: `/ingest/${m.format}`,
        payload: m.body,
        headers: { 'content-type': CONTENT_TYPES[m.format] ?? 'text/csv', authorization },
      });
      expect(res.statusCode, `${m.format} from ${m.party.code}: ${res.body.slice(0, 300)}`).toBe(202);
      const answer = res.json<{ rejected: number; eventsAppended: number; deadLetters: unknown[] }>();
      expect(answer.rejected).toBe(0);
      expect(answer.deadLetters).toEqual([]);
      expect(answer.eventsAppended).toBeGreaterThan(0);
      appended += answer.eventsAppended;
    }
    expect(keys.size).toBeGreaterThanOrEqual(8);
    expect(appended).toBeGreaterThan(100);
    expect(await platform.deadLetters.list({ status: 'open' })).toEqual([]);
  }, 300_000);
});
