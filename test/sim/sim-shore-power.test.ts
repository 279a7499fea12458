/**
 * The simulator's terminals send shore power sessions (src/sim/cargo/shore-power-source.ts) for fitted vessels:
 * every message of a few simulated days parses through the product's registry with zero rejections, agrees with
 * the simulated calls, and a sample posted through `POST /ingest/csv-shore-power` by each terminal under its own
 * key (operating its own SMDG code) is stored whole, with no dead letter; re-sending it stores nothing new.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { SHORE_POWER_CONNECTION } from '../../src/domain/shore-power/shore-power-connection.js';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import type { Platform } from '../../src/platform.js';
import { shorePowerSession, shorePowerSource } from '../../src/sim/cargo/shore-power-source.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import type { SimMessage } from '../../src/sim/sim-message.js';
import { messageSourcesOf } from '../../src/sim/sim-sources.js';
import { simulate } from '../../src/sim/simulate.js';
import { parseSimMessage } from '../support/parser-under-test.js';
import { ENGINES } from '../support/engines.js';
import { operates, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HOUR = 3_600_000;
const parsed = parseScenario({ seed: 5, days: 3, start: '2018-05-08T00:00:00Z', warmupDays: 3 });
if (!parsed.ok) throw new Error(parsed.errors.join());
const scenario = parsed.scenario;
const run = simulate(scenario, loadSimInputs());
const messages: SimMessage[] = [];
const source = shorePowerSource(run);
for (let t = scenario.startMs; t < scenario.endMs; t += HOUR) messages.push(...source.messagesIn(t, t + HOUR));

describe('simulated shore power sessions', () => {
  it('are sent by the terminal of each fitted call, twice (connected, then closed with the meter), and parse cleanly', () => {
    expect(messageSourcesOf(run)).toHaveLength(4);
    expect(messages.length).toBeGreaterThan(10);
    const registry = defaultParsers();
    const parser = registry.get('csv-shore-power')!;
    let closed = 0;
    for (const [i, m] of messages.entries()) {
      expect(m.party.role).toBe('terminal');
      const r = parseSimMessage(parser, m, i);
      expect(r.rejected).toEqual([]);
      expect(r.events).toHaveLength(1);
      const event = r.events[0]!;
      if (event.eventTypeCode !== SHORE_POWER_CONNECTION) throw new Error(event.eventTypeCode);
      expect(event.location?.facilityCode).toBe(m.party.code);
      if (event.payload.disconnectedAt !== null) {
        closed++;
        expect(event.payload.energyKwh).toBeGreaterThan(0);
      }
    }
    expect(closed).toBeGreaterThan(0);
    // Every session lies inside its call's berth stay; unfitted vessels never plug in.
    for (const call of run.calls) {
      const s = shorePowerSession(scenario.seed, call);
      if (!call.shorePower) expect(s).toBeNull();
      if (s) {
        expect(s.connectedMs).toBeGreaterThan(call.berthedMs);
        expect(s.disconnectedMs).toBeLessThan(call.unberthMs);
      }
    }
  });
});

describe.each(ENGINES)('simulated shore power posted to /ingest on $name', (engine) => {
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

  it('stores every message whole: 202, events appended, no dead letter; a redelivery appends nothing', async () => {
    const keys = new Map<string, string>();
    const post = async (m: SimMessage) => {
      const org = m.party.code.toLowerCase();
      let authorization = keys.get(org);
      if (!authorization) {
        authorization = (await orgWithKey(platform, org, 'terminal')).authorization;
        keys.set(org, authorization);
        await operates(platform, org, [m.party.code]);
      }
      const res = await server.app.inject({
        method: 'POST',
        url: '/ingest/csv-shore-power',
        payload: m.body,
        headers: { 'content-type': 'text/csv', authorization },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
      return res.json<{
        rejected: number;
        eventsAppended: number;
        eventsDuplicate: number;
        duplicateMessage: boolean;
        deadLetters: unknown[];
      }>();
    };
    const sample = messages.slice(0, 8);
    for (const m of sample) {
      const answer = await post(m);
      expect(answer).toMatchObject({ rejected: 0, eventsAppended: 1, deadLetters: [] });
    }
    // The same bytes again are the same message; the same rows in other bytes (CRLF) are stored facts already.
    expect((await post(sample[0]!)).duplicateMessage).toBe(true);
    const crlf = await post({ ...sample[0]!, body: sample[0]!.body.replace(/\n/g, '\r\n') });
    expect(crlf).toMatchObject({ duplicateMessage: false, eventsAppended: 0, eventsDuplicate: 1 });
    expect(await platform.deadLetters.list({ status: 'open' })).toEqual([]);
  }, 300_000);
});
