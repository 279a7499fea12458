/**
 * The simulator's truckers register their drayage trucks (src/sim/equipment/drayage-truck-source.ts) through the
 * product's `csv-drayage-trucks` feed, each as its own organisation, and the file output (`openpcs sim --out`)
 * carries the same messages as the live feeder, shore power sessions and truck registrations included. Every
 * registration parses with zero rejections and names exactly the trucker's own fleet; posted through `/ingest` by
 * each trucker under its own key it is stored whole, and a trucker sees its own trucks only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import type { Platform } from '../../src/platform.js';
import { TRUCKERS } from '../../src/sim/cargo/cargo-parties.js';
import { drayageTruckSource } from '../../src/sim/equipment/drayage-truck-source.js';
import { drayageTrucks } from '../../src/sim/equipment/drayage-trucks.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { writeSimFiles } from '../../src/sim/io/write-sim-files.js';
import { parseScenario } from '../../src/sim/scenario.js';
import type { SimMessage } from '../../src/sim/sim-message.js';
import { messageSourcesOf } from '../../src/sim/sim-sources.js';
import { simulate } from '../../src/sim/simulate.js';
import { parseSimMessage } from '../support/parser-under-test.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';

const HOUR = 3_600_000;
const parsed = parseScenario({ seed: 7, days: 0.25, warmupDays: 4, start: '2018-03-05T06:00:00Z' });
if (!parsed.ok) throw new Error(parsed.errors.join());
const scenario = parsed.scenario;
const run = simulate(scenario, loadSimInputs());
const messages = drayageTruckSource(run).messagesIn(scenario.startMs, scenario.startMs + HOUR);

describe('simulated drayage truck registrations', () => {
  it('are sent once by every trucker, its own fleet exactly, and parse cleanly', () => {
    expect(messageSourcesOf(run)).toHaveLength(4);
    expect(messages.map((m) => m.party.code)).toEqual(TRUCKERS.map((t) => t.code));
    const fleet = drayageTrucks(scenario);
    const parser = defaultParsers().get('csv-drayage-trucks')!;
    const registered = new Set<string>();
    for (const [i, m] of messages.entries()) {
      expect(m.party.role).toBe('trucker');
      expect(m.format).toBe('csv-drayage-trucks');
      const r = parseSimMessage(parser, m, i);
      expect(r.rejected).toEqual([]);
      for (const e of r.events) {
        const p = e.payload as { truckId: string; operatorScac: string; fuel: string; engineModelYear: number };
        const truck = fleet.get(p.truckId)!;
        expect(truck.trucker).toBe(m.party.code);
        expect(p.operatorScac).toBe(m.party.code);
        expect(p.fuel).toBe(truck.fuel);
        expect(p.engineModelYear).toBe(truck.engineModelYear);
        registered.add(p.truckId);
      }
    }
    expect([...registered].sort()).toEqual([...fleet.keys()].sort());
    // Nothing more after the first hour: the registry is stated once.
    expect(drayageTruckSource(run).messagesIn(scenario.startMs + HOUR, scenario.endMs)).toEqual([]);
  });

  it('go into messages.jsonl beside the shore power sessions, as the live feeder sends them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openpcs-sim-'));
    try {
      const summary = await writeSimFiles(run, dir);
      const lines = readFileSync(join(dir, 'messages.jsonl'), 'utf8').trim().split('\n');
      const formats = lines.map((l) => (JSON.parse(l) as SimMessage).format);
      expect(formats.filter((f) => f === 'csv-drayage-trucks')).toHaveLength(TRUCKERS.length);
      expect(summary.cargo?.messagesByFormat['csv-drayage-trucks']).toBe(TRUCKERS.length);
      // The shore power statements of the window, as the live source gives them.
      let expected = 0;
      for (let t = scenario.startMs; t < scenario.endMs; t += HOUR) {
        expected += messageSourcesOf(run)[1]!.messagesIn(t, Math.min(scenario.endMs, t + HOUR)).length;
      }
      expect(expected).toBeGreaterThan(0);
      expect(formats.filter((f) => f === 'csv-shore-power')).toHaveLength(expected);
      const times = lines.map((l) => (JSON.parse(l) as SimMessage).atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe.each(ENGINES)('simulated drayage trucks posted to /ingest on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  const keys = new Map<string, string>();
  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent', rateLimitPerMinute: 10_000 });
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('stores every registration whole under its trucker, who sees its own trucks only', async () => {
    for (const m of messages.slice(0, 3)) {
      const org = m.party.code.toLowerCase();
      const authorization = (await orgWithKey(platform, org, 'trucker')).authorization;
      keys.set(m.party.code, authorization);
      const res = await server.app.inject({
        method: 'POST',
        url: '/ingest/csv-drayage-trucks',
        payload: m.body,
        headers: { 'content-type': 'text/csv', authorization },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
      expect(res.json()).toMatchObject({ rejected: 0, deadLetters: [] });
    }
    await platform.projections.catchUpAll();
    expect(await platform.deadLetters.list({ status: 'open' })).toEqual([]);
    const first = messages[0]!;
    const res = await server.app.inject({
      url: '/drayage/trucks?limit=100',
      headers: { authorization: keys.get(first.party.code)! },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const trucks = res.json<{ trucks: { truckId: string; operatorScac: string }[] }>().trucks;
    const own = first.body.trim().split('\n').length - 1;
    expect(trucks).toHaveLength(own);
    expect(new Set(trucks.map((t) => t.operatorScac))).toEqual(new Set([first.party.code]));
  }, 300_000);
});
