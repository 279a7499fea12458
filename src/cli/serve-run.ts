/** What `openpcs serve` runs: the API server with its workers, feeds and simulator (serve-command.ts defines the command). */
import type { GreenCorridorConfig } from '../emissions/green-corridor-config.js';
import { loadGreenCorridors } from '../geo/load-green-corridors.js';
import { readFileSync } from 'node:fs';
import { parseFeeTariffFile } from '../domain/fees/fee-tariff-schema.js';
import type { FeeTariff } from '../domain/fees/fee-tariff.js';
import { bootstrapAdminKey } from '../access/bootstrap-admin-key.js';
import { startInboxSweeper, type InboxSweeper } from '../ingest/inbox-sweeper.js';
import { startLastFreeDaySweeper, type LastFreeDaySweeper } from '../projections/alerts/last-free-day-sweep.js';
import { parseFeedSpec } from '../ingest/transports/feed-spec.js';
import { startAisFeeds, type AisFeeds } from '../ingest/transports/start-ais-feeds.js';
import { startEmbeddedMqttBroker, type EmbeddedMqttBroker } from '../ingest/transports/embedded-mqtt-broker.js';
import { startMqttTelemetryFeed, type MqttTelemetryFeed } from '../ingest/transports/mqtt-telemetry-feed.js';
import { startSubscriptionDelivery } from '../subscriptions/start-subscription-delivery.js';
import { startAlertDelivery, type AlertDeliveryWorker } from '../subscriptions/alert-delivery-worker.js';
import type { SubscriptionDeliveryWorker } from '../subscriptions/subscription-delivery-worker.js';
import { buildServer } from '../api/build-server.js';
import { backtestReportDir } from '../forecast/io/backtest-report-files.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { serveMetrics } from '../api/metrics-server.js';
import { openPlatform, storeConfigFrom } from '../platform.js';
import { CliError, describeStore, resolveEnv, type StoreFlags } from './cli-context.js';
import { simulatorEnabled, startServeSimulator, type ServeSimulator } from './serve-simulator.js';

/** How often `serve` looks for last free days that became tomorrow (the alert itself is once per LFD). */
const LFD_SWEEP_MS = 60_000;

/** The flags of `openpcs serve` (serve-command.ts). */
export interface ServeFlags extends StoreFlags {
  port?: number;
  host?: string;
  aisTcp?: string[];
  aisUdp?: string[];
  apiOnly?: boolean;
}

/** Runs `openpcs serve` until SIGINT/SIGTERM (serve-command.ts defines the command). */
export async function runServe(flags: ServeFlags): Promise<void> {
  const env = resolveEnv(flags, { PORT: flags.port?.toString(), HOST: flags.host });
  const store = storeConfigFrom(env);
  if (flags.apiOnly && store.engine !== 'postgres') {
    throw new CliError(
      '--api-only needs PostgreSQL (DATABASE_URL or --database-url): the embedded database is open in one process only, so nothing else would run the projections',
    );
  }
  if (flags.apiOnly && (flags.aisTcp || flags.aisUdp)) {
    throw new CliError('--api-only serves the API only; run AIS feeds in the full "openpcs serve"');
  }
  const feeTariffs = env.OPENPCS_FEE_TARIFFS === undefined ? undefined : loadFeeTariffs(env.OPENPCS_FEE_TARIFFS);
  const platform = await openPlatform({
    store,
    defaultTimeZone: env.OPENPCS_TIME_ZONE,
    callbackAllowNetworks: env.OPENPCS_CALLBACK_ALLOW_NETWORKS,
    onProjectionError: (error) =>
      server.app.log.error({ err: error }, 'projection catch-up failed; retried at the next event'),
    onAuditError: (error) => server.app.log.error({ err: error }, 'writing audited reads failed; kept and retried'),
  });
  const server = await buildServer({
    platform,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: Math.round(env.OPENPCS_BODY_LIMIT_MIB * 1024 * 1024),
    rateLimitPerMinute: env.OPENPCS_RATE_LIMIT_PER_MIN,
    authFailuresPerMinute: env.OPENPCS_AUTH_FAILURES_PER_MIN,
    feedStaleMinutes: env.OPENPCS_FEED_STALE_MINUTES,
    vesselStaleMinutes: env.OPENPCS_VESSEL_STALE_MINUTES,
    appointmentGraceMinutes: env.OPENPCS_APPOINTMENT_GRACE_MINUTES,
    gridCo2GPerKwh: env.OPENPCS_GRID_CO2_G_PER_KWH,
    behindTls: env.OPENPCS_BEHIND_TLS,
    trustedProxies: env.OPENPCS_TRUST_PROXY,
    feeTariffs,
    greenCorridors: greenCorridorsOf(env.OPENPCS_GREEN_CORRIDORS),
    forecastReportDir: backtestReportDir(env.OPENPCS_DATA_DIR),
  });
  let stopping = false;
  // Started after listen; stopped (in reverse order) on shutdown.
  const workers: {
    delivery?: SubscriptionDeliveryWorker;
    alerts?: AlertDeliveryWorker;
    feeds?: AisFeeds;
    mqtt?: MqttTelemetryFeed;
    broker?: EmbeddedMqttBroker;
    simulator?: ServeSimulator;
    sweeper?: InboxSweeper;
    lastFreeDays?: LastFreeDaySweeper;
  } = {};
  const feedSpecs = [
    ...(flags.aisTcp ?? []).map((v) => parseFeedSpec('tcp', v)),
    ...(flags.aisUdp ?? []).map((v) => parseFeedSpec('udp', v)),
  ].map((r) => {
    if (!r.ok) throw new CliError(r.error);
    return r.spec;
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down: finishing in-flight requests and ingestion');
    // The simulator posts to this server: it stops first.
    (workers.simulator?.stop() ?? Promise.resolve())
      .then(() => server.shutdown())
      .then(() => workers.feeds?.stop())
      .then(() => workers.mqtt?.stop())
      .then(() => workers.broker?.close())
      .then(() => workers.delivery?.stop())
      .then(() => workers.lastFreeDays?.stop())
      .then(() => workers.alerts?.stop())
      .then(() => workers.sweeper?.stop())
      .then(() => platform.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await server.app.listen({ port: env.PORT, host: env.HOST });
  if (env.OPENPCS_METRICS_PORT !== undefined) {
    const metricsServer = await serveMetrics(server.metrics, env.OPENPCS_METRICS_PORT, env.HOST);
    server.app.addHook('onClose', () => new Promise<void>((resolve) => metricsServer.close(() => resolve())));
    server.app.log.info(`metrics on http://localhost:${env.OPENPCS_METRICS_PORT}/metrics (no key; keep it internal)`);
  }
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const adminKey = await bootstrapAdminKey(platform.organisations);
  if (adminKey) {
    // The log line is for the operator's log collector (without the secret); the key itself goes to the
    // console as plain text, where a newcomer reading the terminal finds it.
    server.app.log.warn('first start: created organisation "port-authority" and one admin API key (printed on stderr)');
    process.stderr.write(firstStartBanner(adminKey));
  }
  server.app.log.info(
    `openpcs ready on http://localhost:${port} (${describeStore(env)}${flags.apiOnly ? ', API only' : ''}); API docs at /docs`,
  );
  if (flags.apiOnly) return;
  // Read models catch up (rebuilding those whose code changed) and then follow new events; webhook
  // subscriptions resume from their stored positions; messages a crash left unprocessed in the inbox
  // are processed in the background.
  // On PostgreSQL other processes may append too (API replicas): poll the store as well as the bus.
  const caughtUpFrom = Date.now();
  // The catch-up can be long: a database that drops its connections meanwhile delays it, never ends the server.
  for (let attempt = 0; ; attempt++) {
    try {
      await platform.projections.start(platform.bus, { pollIntervalMs: store.engine === 'postgres' ? 1000 : 0 });
      break;
    } catch (error) {
      if (stopping || !isStoreUnavailable(error)) throw error;
      const delayMs = Math.min(500 * 2 ** attempt, 30_000);
      server.app.log.error({ err: error }, `projections could not start: store unavailable; retrying in ${delayMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  server.app.log.info(`projections caught up in ${((Date.now() - caughtUpFrom) / 1000).toFixed(1)} s`);
  workers.delivery = startSubscriptionDelivery(platform, {
    onError: (error) => server.app.log.error({ err: error }, 'subscription delivery failed; retrying'),
  });
  workers.alerts = startAlertDelivery(platform, {
    onError: (error) => server.app.log.error({ err: error }, 'alert delivery failed; retrying'),
  });
  workers.lastFreeDays = startLastFreeDaySweeper(platform.database.db, {
    periodMs: LFD_SWEEP_MS,
    alertHour: env.OPENPCS_LFD_ALERT_HOUR,
    onAlerts: (count) => server.app.log.info(`last-free-day sweep: ${count} alert(s)`),
    onError: (error) => server.app.log.error({ err: error }, 'last-free-day sweep failed; the next one tries again'),
  });
  if (feedSpecs.length > 0) {
    workers.feeds = await startAisFeeds(platform, feedSpecs, (level, message) => server.app.log[level](message));
  }
  let mqttUrl = env.OPENPCS_MQTT_URL;
  if (!mqttUrl && env.OPENPCS_MQTT_EMBEDDED === 'on') {
    try {
      workers.broker = await startEmbeddedMqttBroker({
        host: env.OPENPCS_MQTT_EMBEDDED_HOST,
        port: env.OPENPCS_MQTT_EMBEDDED_PORT,
      });
      mqttUrl = workers.broker.url;
      server.app.log.info(`embedded MQTT broker on ${mqttUrl}: publish telemetry to ${env.OPENPCS_MQTT_TOPIC}`);
    } catch (error) {
      // A taken port (another serve, a broker) costs the embedded broker only, never the server.
      server.app.log.error({ err: error }, 'embedded MQTT broker could not start; no MQTT telemetry');
    }
  }
  if (mqttUrl) {
    workers.mqtt = startMqttTelemetryFeed(platform, {
      url: mqttUrl,
      sourceOrg: env.OPENPCS_MQTT_SENDER,
      visibility: env.OPENPCS_MQTT_VISIBILITY,
      topic: env.OPENPCS_MQTT_TOPIC,
      log: (level, message) => server.app.log[level](message),
    });
    // The embedded broker runs on this process's event loop, and so does the simulator, whose first steps (the
    // model, the backfill) hold the loop for seconds on a loaded machine: a CONNACK still queued behind them timed
    // out and a clean first start warned "broker unreachable". The subscription to our own broker is up in
    // milliseconds once asked for, so the rest of the start waits for it (bounded: the feed warns by itself after).
    if (workers.broker) await settledWithin(workers.mqtt.subscribed, EMBEDDED_SUBSCRIBE_WAIT_MS);
  }
  if (simulatorEnabled(env, false)) {
    const say = (line: string) => {
      server.app.log.info(line);
      process.stderr.write(`${line}\n`);
    };
    // The parties post to this server over HTTP, on the address it listens on (loopback for any-address).
    const host =
      typeof address === 'object' && address && !['0.0.0.0', '::'].includes(address.address)
        ? address.address
        : '127.0.0.1';
    workers.simulator = await startServeSimulator(platform, {
      target: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      speed: env.OPENPCS_SIM_SPEED,
      backfillHours: env.OPENPCS_SIM_BACKFILL_HOURS,
      aisPositionEveryS: env.OPENPCS_SIM_AIS_EVERY_S,
      mqttUrl: env.OPENPCS_MQTT_URL,
      say,
      log: (level, message) => server.app.log[level](message),
    });
  } else {
    server.app.log.info(`sim: off (OPENPCS_SIM=${env.OPENPCS_SIM}${env.DATABASE_URL ? ', PostgreSQL' : ''})`);
  }
  platform.pipeline
    .processPending()
    .then((n) => n > 0 && server.app.log.info(`recovered ${n} unprocessed inbox message(s)`))
    .catch((error: unknown) => server.app.log.error({ err: error }, 'recovery of pending inbox messages failed'))
    .finally(() => {
      if (stopping) return;
      workers.sweeper = startInboxSweeper(platform.pipeline, env.OPENPCS_INBOX_SWEEP_S * 1000, (error) =>
        server.app.log.error({ err: error }, 'inbox sweep failed; the next sweep tries again'),
      );
    });
}

/** How long a start waits for the telemetry subscription to the embedded broker before it goes on without it. */
const EMBEDDED_SUBSCRIBE_WAIT_MS = 10_000;

/** Resolves when `promise` settles or after `ms`, whichever is first; leaves no timer behind. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** The first admin key, framed so it stands out in a terminal full of JSON log lines. */
export function firstStartBanner(adminKey: string): string {
  const rule = '='.repeat(78);
  return [
    '',
    rule,
    'openpcs first start: organisation "port-authority" created with this admin API key:',
    '',
    `    ${adminKey}`,
    '',
    'Store it now: only its hash is kept and it is not shown again.',
    'Use it as:  Authorization: Bearer <key>',
    rule,
    '',
    '',
  ].join('\n');
}

/** The corridors of `OPENPCS_GREEN_CORRIDORS` (else the shipped file); an invalid file stops the start. */
function greenCorridorsOf(path: string | undefined): GreenCorridorConfig {
  try {
    return path === undefined ? loadGreenCorridors() : loadGreenCorridors(path);
  } catch (error) {
    throw new CliError(`OPENPCS_GREEN_CORRIDORS: ${(error as Error).message}`);
  }
}

/** The tariffs of `OPENPCS_FEE_TARIFFS`; a file that cannot be read or is invalid stops the start with every reason. */
function loadFeeTariffs(path: string): FeeTariff[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`OPENPCS_FEE_TARIFFS: cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseFeeTariffFile(text);
  if (!parsed.ok) {
    throw new CliError(`OPENPCS_FEE_TARIFFS (${path}) is not a valid tariff file: ${parsed.problems.join('; ')}`);
  }
  return parsed.tariffs;
}
