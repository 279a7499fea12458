/**
 * The simulator as an AIS network provider (issue 12 "Output": AIS NMEA sentences over TCP): its TCP
 * source serves the AIVDM lines of a seeded run, with their IEC 62320-1 tag blocks, and the product's own
 * TCP feed client (`ingest/transports/`, what `serve --ais-tcp` runs) connects to it over a real socket.
 * Every line reaches the inbox, none is rejected, and every container ship the run has alongside at the end
 * of the window is one `GET /vessels?at=` shows at berth.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import { startAisFeeds } from '../../src/ingest/transports/start-ais-feeds.js';
import type { Platform } from '../../src/platform.js';
import { AisTcpServer } from '../../src/sim/io/ais-tcp-server.js';
import { runLive } from '../../src/sim/io/live-run.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';
import { ENGINES } from '../support/engines.js';
import { orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { until } from '../support/until.js';

const parsed = parseScenario({ seed: 7, start: '2018-01-10T00:00:00Z', days: 1 / 24 });
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const scenario = parsed.scenario;
const run = simulate(scenario, loadSimInputs());

/**
 * MMSIs of the container ships the model has alongside at `t` (between first line and unberthing), at any
 * terminal (every one has a terminal zone in the product's geography, Matson's Pier C included).
 */
function atBerthAt(t: number): string[] {
  return run.calls
    .filter((c) => c.berthedMs <= t && t < c.unberthMs)
    .map((c) => String(c.vessel.mmsi))
    .sort();
}
/** MMSIs with a track in [from, to): each reports at least every 5 minutes while its track lasts (satellite AIS on the ocean passage). */
function reportingIn(fromMs: number, toMs: number): Set<string> {
  return new Set(
    run.tracks
      .filter(
        (t) => t.legs.length > 0 && t.legs[0]!.startMs < toMs - 300_000 && t.legs.at(-1)!.endMs > fromMs + 300_000,
      )
      .map((t) => String(t.vessel.mmsi)),
  );
}
const simulatedMmsis = new Set(run.tracks.map((t) => String(t.vessel.mmsi)));

describe.each(ENGINES)('simulator AIS over TCP on $name', (engine) => {
  let platform: Platform;
  let server: Server;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
  });
  afterEach(async () => {
    await server?.app.close();
    await platform?.close();
  });

  it("should serve AIS lines the product's TCP feed client ingests: the ships appear in /vessels", async () => {
    const ais = new AisTcpServer();
    const port = await ais.listen(0, '127.0.0.1');
    const feeds = await startAisFeeds(platform, [{ kind: 'tcp', host: '127.0.0.1', port }], undefined, {
      batchLines: 1000,
      batchMs: 50,
    });
    let sent = 0;
    try {
      await ais.waitForClient();
      const result = await runLive({
        run,
        plan: {
          simStartMs: scenario.startMs,
          simEndMs: scenario.endMs,
          anchorSimMs: scenario.startMs,
          wallStartMs: 0,
          speed: 'max',
        },
        ais,
        maxWindowMs: 600_000,
      });
      sent = result.aisLines;
      expect(result.reachedMs).toBe(scenario.endMs);
      await until(() => feeds.feeds[0]!.stats().lines >= sent, 'every AIS line at the feed client', 60_000);
    } finally {
      await feeds.stop();
      await ais.close();
    }
    await platform.pipeline.drain();
    await platform.projections.catchUpAll();

    expect(sent).toBeGreaterThan(1000);
    const inbox = await platform.database.db
      .selectFrom('inbox')
      .select(['format', 'channel', 'status', 'rejected', 'metadata'])
      .execute();
    expect(inbox.every((m) => m.format === 'ais-nmea' && m.channel === 'tcp' && m.status === 'processed')).toBe(true);
    expect(inbox.reduce((n, m) => n + Number(m.metadata['lines']), 0)).toBe(sent);
    expect(inbox.reduce((n, m) => n + m.rejected, 0)).toBe(0);

    const admin = await orgWithKey(platform, 'port-authority', 'port_authority', ['read']);
    const at = new Date(scenario.endMs - 60_000).toISOString();
    const answer = await server.app.inject({
      method: 'GET',
      url: `/vessels?at=${at}`,
      headers: { authorization: admin.authorization },
    });
    expect(answer.statusCode).toBe(200);
    const listed = answer.json<{ vessels: { mmsi: string; status: string }[] }>().vessels;
    const alongside = atBerthAt(scenario.endMs - 60_000);
    expect(alongside.length).toBeGreaterThan(10);
    expect(listed.every((v) => simulatedMmsis.has(v.mmsi))).toBe(true);
    // Every one: the berth spots lie inside the geography's terminal and berth zones (sim/berth-spots.ts).
    const shownAtBerth = listed.filter((v) => v.status === 'at_berth' && alongside.includes(v.mmsi));
    expect(shownAtBerth.map((v) => v.mmsi).sort()).toEqual(alongside);

    // Every simulated vessel that reported in the window has its latest position in the read model.
    const positions = await platform.database.db.selectFrom('vessel_position').select('mmsi').execute();
    expect(positions.map((p) => p.mmsi).sort()).toEqual([...reportingIn(scenario.startMs, scenario.endMs)].sort());
  }, 180_000);
});
