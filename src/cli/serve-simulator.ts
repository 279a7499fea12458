/**
 * The simulator inside `serve` (`npm start`): a seeded San Pedro Bay run anchored at the wall clock
 * (`sim/sim-clock.ts`), its last hours backfilled as fast as the server takes them, then live at
 * OPENPCS_SIM_SPEED. It feeds the server only through its real entry points: AIS over a TCP socket to the
 * server's own TCP feed client, and each party's messages over HTTP with the party's own organisation and API
 * key (provisioned in-process, as `openpcs orgs` would). Equipment telemetry goes to the MQTT broker `serve`
 * subscribes to when OPENPCS_MQTT_URL is set, else over HTTP from each terminal (`equipment-telemetry` NDJSON, one
 * message per terminal and step). Turned on and off by OPENPCS_SIM.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Env } from '../config/env.js';
import { startAisFeeds, type AisFeeds, type FeedLog } from '../ingest/transports/start-ais-feeds.js';
import type { Platform } from '../platform.js';
import { equipmentTelemetrySource } from '../sim/equipment/equipment-telemetry.js';
import { telemetryMessageSource } from '../sim/equipment/telemetry-messages.js';
import { AisTcpServer } from '../sim/io/ais-tcp-server.js';
import { MqttTelemetryPublisher } from '../sim/io/mqtt-telemetry-publisher.js';
import { SimFeeder } from '../sim/io/http-feeder.js';
import { runLive } from '../sim/io/live-run.js';
import { loadSimInputs } from '../sim/io/load-sim-inputs.js';
import { inProcessPartyKeys, type PartyKeys } from '../sim/io/party-keys.js';
import { parseScenario, type ScenarioInput } from '../sim/scenario.js';
import { workerMessageSource, workerSourceAvailable } from '../sim/io/worker-message-source.js';
import { anchoredAtNow } from '../sim/sim-clock.js';
import { messageSourcesOf } from '../sim/sim-sources.js';
import { mergeSources } from '../sim/merge-sources.js';
import { simulate } from '../sim/simulate.js';

/** Simulated days a `serve` simulator runs before it stops (a month of a living port). */
export const SERVE_SIM_DAYS = 30;
export const SERVE_SIM_SEED = 7;

/** Whether `serve` runs the simulator: `auto` = on the embedded database only; never for API-only replicas. */
export function simulatorEnabled(env: Pick<Env, 'OPENPCS_SIM' | 'DATABASE_URL'>, apiOnly: boolean): boolean {
  if (apiOnly || env.OPENPCS_SIM === 'off') return false;
  return env.OPENPCS_SIM === 'on' || env.DATABASE_URL === undefined;
}

export interface ServeSimulator {
  /** Stops the run, the AIS socket and the feed client; what was sent is in the inbox when this resolves. */
  stop(): Promise<void>;
}

export interface ServeSimulatorOptions {
  /** Base URL of the server's own HTTP API (the parties post there). */
  readonly target: string;
  readonly speed: number;
  readonly backfillHours: number;
  /** At most one AIS position per vessel every N simulated seconds (0: the Class A intervals). */
  readonly aisPositionEveryS?: number | undefined;
  /** One-line notices for the console (what is running). */
  readonly say: (line: string) => void;
  readonly log: FeedLog;
  /** The broker `serve` takes telemetry from (OPENPCS_MQTT_URL); absent: telemetry goes over HTTP. */
  readonly mqttUrl?: string | undefined;
}

export async function startServeSimulator(platform: Platform, options: ServeSimulatorOptions): Promise<ServeSimulator> {
  const { say, log } = options;
  const plan = anchoredAtNow(Date.now(), options.backfillHours * 3_600_000, SERVE_SIM_DAYS, options.speed);
  const scenario: ScenarioInput = {
    seed: SERVE_SIM_SEED,
    start: new Date(plan.simStartMs).toISOString(),
    days: SERVE_SIM_DAYS,
    ...(options.aisPositionEveryS ? { aisPositionEveryS: options.aisPositionEveryS } : {}),
  };
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(`simulator scenario: ${parsed.errors.join('; ')}`);
  // The parties' messages come from a worker thread that starts on the first window's boxes now, on a core of its
  // own (in the main thread, in slices, where the compiled worker is absent: run from the TypeScript sources).
  const worker = workerSourceAvailable() ? workerMessageSource({ scenario, firstFromMs: plan.simStartMs }) : undefined;
  const inputs = loadSimInputs();
  await yieldToLoop(); // the model below is one synchronous step (about a second)
  const run = simulate(parsed.scenario, inputs);
  const telemetry = equipmentTelemetrySource(run);
  // With a broker, telemetry takes the road real equipment takes (MQTT → serve's subscription); else HTTP.
  const publisher = options.mqttUrl ? await connectOrNone(options.mqttUrl, log) : undefined;
  const sources = [
    ...(worker ? [worker] : messageSourcesOf(run)),
    ...(publisher ? [] : [telemetryMessageSource(telemetry)]),
  ];

  const ais = new AisTcpServer();
  const aisPort = await ais.listen(0, '127.0.0.1');
  let feeds: AisFeeds | undefined;
  const abort = new AbortController();
  try {
    feeds = await startAisFeeds(platform, [{ kind: 'tcp', host: '127.0.0.1', port: aisPort }], log);
    await ais.waitForClient();
  } catch (error) {
    await ais.close();
    await publisher?.close();
    await worker?.close();
    throw error;
  }
  const keys = announcing(
    inProcessPartyKeys({
      get: (id) => platform.organisations.get(id),
      create: (id, name, role) => platform.organisations.create(id, name, role),
      createKey: (id, scopes, label) => platform.organisations.createKey(id, scopes, label),
      listKeys: (id) => platform.organisations.listKeys(id),
      revokeKey: (keyId) => platform.organisations.revokeKey(keyId),
      operatedTerminals: async (id) => (await platform.operatedTerminals.list(id)).map((l) => l.terminalCode),
      setOperatedTerminals: (id, codes) => platform.operatedTerminals.replace(id, codes, 'local'),
      carrierScacs: async (id) => (await platform.carrierScacs.list(id)).map((l) => l.scac),
      setCarrierScacs: async (id, scacs) => {
        const links = await platform.carrierScacs.replace(id, scacs, 'local');
        return { taken: 'taken' in links ? links.taken.map((t) => t.scac) : [] };
      },
    }),
    say,
  );
  const feeder = new SimFeeder({ target: options.target, keys, signal: abort.signal, log });
  const backfill =
    (options.backfillHours > 0 ? `, backfilling the last ${options.backfillHours} h first` : '') +
    (options.aisPositionEveryS ? `, AIS positions at most every ${options.aisPositionEveryS} s` : '');
  say(
    `sim: on (OPENPCS_SIM=off turns it off): San Pedro Bay, seed ${SERVE_SIM_SEED}, from ${new Date(plan.simStartMs).toISOString()} for ${SERVE_SIM_DAYS} days at ×${options.speed}${backfill}; ` +
      `${run.tracks.length} vessel tracks, AIS over TCP 127.0.0.1:${aisPort}; ` +
      `equipment telemetry ${publisher ? `to MQTT ${options.mqttUrl}` : 'over HTTP from each terminal'}; ` +
      `parties: ${sources.length === 0 ? 'no message source yet (AIS only)' : 'each its own organisation sim-<code> with its own API key'}`,
  );
  let announcedLive = plan.simStartMs >= plan.anchorSimMs;
  let announcedCargo = false;
  const done = runLive({
    run,
    plan,
    ais,
    messages: mergeSources(sources),
    feeder,
    telemetry: publisher ? telemetry : undefined,
    telemetryPublisher: publisher,
    signal: abort.signal,
    // In slices (no worker), the server's own work keeps at least half of the event loop while the warm-up boxes
    // are generated; with the worker, this is how often the run looks for its answer.
    preparePauseMs: 25,
    onPrepared: (slices) => {
      if (announcedCargo) return;
      announcedCargo = true;
      const warmMs = worker?.warmMs();
      say(
        worker
          ? `sim: the boxes of the container calls in port generated (in a worker thread, ${Math.round((warmMs ?? 0) / 1000)} s)`
          : `sim: the boxes of the container calls in port generated (${slices} slices, the server answering between them)`,
      );
    },
    onWindow: (reachedMs) => {
      if (announcedLive || reachedMs < plan.anchorSimMs) return;
      announcedLive = true;
      say(`sim: backfill done (${ais.linesSent} AIS lines); live at ×${options.speed}`);
    },
  })
    .then(
      (result) => {
        if (!abort.signal.aborted) {
          say(`sim: the simulated ${SERVE_SIM_DAYS} days are over (${result.aisLines} AIS lines)`);
        }
      },
      (error: unknown) => {
        if (!abort.signal.aborted) {
          log('error', `sim: stopped: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    )
    .finally(() => worker?.close());
  return {
    async stop() {
      abort.abort();
      // Closing the socket first releases a window waiting on the feed client's backpressure.
      await ais.close();
      await done;
      await publisher?.close();
      await feeds?.stop();
    },
  };
}

/** Says on the console when a simulated party gets its organisation and key. */
function announcing(keys: PartyKeys, say: (line: string) => void): PartyKeys {
  return {
    get organisations() {
      return keys.organisations;
    },
    async keyFor(party) {
      const before = keys.organisations.length;
      const key = await keys.keyFor(party);
      if (keys.organisations.length > before) {
        say(
          `sim: party ${party.name} (${party.role}) sends as organisation ${keys.organisations.at(-1)} with its own API key`,
        );
      }
      return key;
    },
  };
}

/** The broker, or none (telemetry then goes over HTTP) when it does not answer: the simulator never stops serve. */
async function connectOrNone(url: string, log: FeedLog): Promise<MqttTelemetryPublisher | undefined> {
  try {
    return await MqttTelemetryPublisher.connect(url, { clientId: `openpcs-serve-sim-${process.pid}` });
  } catch (error) {
    log(
      'warn',
      `sim: MQTT broker ${url} does not answer (${error instanceof Error ? error.message : String(error)}); telemetry goes over HTTP`,
    );
    return undefined;
  }
}
