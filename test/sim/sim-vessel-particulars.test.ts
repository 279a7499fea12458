/**
 * The simulator's carriers state their container ships' particulars (src/sim/cargo/vessel-particulars-source.ts):
 * every message of a few simulated days parses through the product's registry with zero rejections, states each
 * called container ship once, by the carrier of its first call, with the simulated vessel's figures; posted through
 * `POST /ingest/csv-vessel-particulars` under each carrier's own key it is stored whole into `vessel_particulars`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { VESSEL_PARTICULARS } from '../../src/domain/vessel-particulars/vessel-particulars-statement.js';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import type { Platform } from '../../src/platform.js';
import { vesselParticularsSource } from '../../src/sim/cargo/vessel-particulars-source.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { messageSourcesOf } from '../../src/sim/sim-sources.js';
import { simulate } from '../../src/sim/simulate.js';
import { parseSimMessage } from '../support/parser-under-test.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const parsed = parseScenario({ seed: 5, days: 3, start: '2018-05-08T00:00:00Z', warmupDays: 3 });
if (!parsed.ok) throw new Error(parsed.errors.join());
const scenario = parsed.scenario;
const run = simulate(scenario, loadSimInputs());
const messages = vesselParticularsSource(run).messagesIn(scenario.startMs, scenario.endMs);

describe('simulated vessel particulars', () => {
  it('are stated once per called container ship by the carrier of its first call, and parse cleanly', () => {
    expect(messageSourcesOf(run)).toHaveLength(4);
    expect(messages.length).toBeGreaterThan(1);
    const parser = defaultParsers().get('csv-vessel-particulars')!;
    const statedBy = new Map<string, string>();
    for (const [i, m] of messages.entries()) {
      expect(m.party.role).toBe('carrier');
      const r = parseSimMessage(parser, m, i);
      expect(r.rejected).toEqual([]);
      for (const event of r.events) {
        if (event.eventTypeCode !== VESSEL_PARTICULARS) throw new Error(event.eventTypeCode);
        expect(statedBy.has(event.payload.imo)).toBe(false);
        statedBy.set(event.payload.imo, m.party.code);
        const call = run.calls.find((c) => c.vessel.imo === event.payload.imo)!;
        expect(event.payload).toMatchObject({
          shipType: 'container',
          teu: call.vessel.teu,
          mainEngineKw: call.vessel.installedPowerKw,
          designSpeedKn: call.vessel.designSpeedKn,
          shorePowerCapable: call.vessel.shorePower,
          builtYear: null,
        });
        expect(event.payload.maxDraughtM).toBeGreaterThanOrEqual(call.vessel.draughtM);
      }
    }
    const first = [...run.calls].sort((a, b) => a.arrivalMs - b.arrivalMs || a.id.localeCompare(b.id));
    const imos = new Set(first.flatMap((c) => (c.vessel.imo ? [c.vessel.imo] : [])));
    expect(new Set(statedBy.keys())).toEqual(imos);
    for (const [imo, scac] of statedBy) expect(first.find((c) => c.vessel.imo === imo)!.carrierScac).toBe(scac);
  });
});

describe.each(ENGINES)('simulated vessel particulars posted to /ingest on $name', (engine) => {
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

  it('stores every statement under its carrier, with no dead letter', async () => {
    let rows = 0;
    for (const m of messages) {
      const { authorization } = await orgWithKey(platform, m.party.code.toLowerCase(), 'carrier');
      const res = await server.app.inject({
        method: 'POST',
        url: '/ingest/csv-vessel-particulars',
        payload: m.body,
        headers: { 'content-type': 'text/csv', authorization },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
      rows += m.body.trim().split('\n').length - 1;
    }
    await platform.projections.catchUpAll();
    const stored = await platform.database.db.selectFrom('vessel_particulars').select(['source_org', 'imo']).execute();
    expect(stored).toHaveLength(rows);
    expect(await platform.deadLetters.list({ status: 'open' })).toEqual([]);
  }, 300_000);
});
