/** What `openpcs sim` runs (sim-command.ts defines the command, its options and help). */
import { readFile } from 'node:fs/promises';
import { loadEnv } from '../config/env.js';
import { AisTcpServer } from '../sim/io/ais-tcp-server.js';
import { equipmentTelemetrySource } from '../sim/equipment/equipment-telemetry.js';
import { SimFeeder } from '../sim/io/http-feeder.js';
import { MqttTelemetryPublisher } from '../sim/io/mqtt-telemetry-publisher.js';
import { runLive } from '../sim/io/live-run.js';
import { httpPartyKeys } from '../sim/io/party-keys.js';
import { messageSourceOf, messageSourcesOf } from '../sim/sim-sources.js';
import { loadSimInputs } from '../sim/io/load-sim-inputs.js';
import { writeSimFiles } from '../sim/io/write-sim-files.js';
import { parseScenario, SURGE_2021, type Scenario, type ScenarioInput } from '../sim/scenario.js';
import { simulate } from '../sim/simulate.js';
import { CliError } from './cli-context.js';

/** The flags of `openpcs sim` (sim-command.ts). */
export interface SimFlags {
  days?: number;
  seed?: number;
  start?: string;
  scenario?: string;
  surge?: boolean;
  out?: string;
  quiet?: boolean;
  live?: boolean;
  target?: string;
  speed?: number | 'max';
  adminKey?: string;
  aisPort?: number;
  aisHost?: string;
  mqtt?: string;
}

async function readScenarioFile(path: string): Promise<ScenarioInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as ScenarioInput;
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${(error as Error).message}`);
  }
}

/** Runs `openpcs sim`: writes the output files, or sends the run live. */
export async function runSim(flags: SimFlags): Promise<void> {
  const fromFile = flags.scenario ? await readScenarioFile(flags.scenario) : {};
  const input: Record<string, unknown> = {
    ...(typeof fromFile === 'object' && fromFile !== null ? fromFile : {}),
    ...(flags.surge ? SURGE_2021 : {}),
    ...(flags.days !== undefined ? { days: flags.days } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.start !== undefined ? { start: flags.start } : {}),
  };
  if (flags.live) {
    input['start'] ??= new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  }
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new CliError(`bad scenario: ${parsed.errors.join('; ')}`);
  if (flags.live) return runLiveCommand(flags, parsed.scenario);
  if (flags.mqtt) throw new CliError('--mqtt publishes a live run: give it with --live');
  if (!flags.out) throw new CliError('give --out <dir> (files) or --live (sent as it happens)');
  const out = flags.out;
  const started = performance.now();
  const result = simulate(parsed.scenario, loadSimInputs());
  let lastReport = 0;
  const summary = await writeSimFiles(result, out, (done, total, lines) => {
    if (flags.quiet || !process.stderr.isTTY || performance.now() - lastReport < 500) return;
    lastReport = performance.now();
    process.stderr.write(`\rsim: ${((100 * done) / total).toFixed(0)}% ${lines} AIS lines`);
  });
  if (!flags.quiet && process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  const calls = Object.entries(summary.containerCalls)
    .map(([port, n]) => `${port} ${n}`)
    .join(', ');
  console.log(
    `sim: ${parsed.scenario.days} days from ${summary.start} (seed ${summary.seed}) → ${out}: ` +
      `${summary.aisLines ?? 0} AIS lines, ${Object.values(summary.cargo?.messagesByFormat ?? {}).reduce((s, n) => s + n, 0)} ` +
      `cargo messages, container calls ${calls}, ships waiting max ${summary.waiting.max}, ` +
      `${summary.vessels} vessels, in ${seconds.toFixed(1)} s`,
  );
}

async function runLiveCommand(flags: SimFlags, scenario: Scenario): Promise<void> {
  if (flags.out) throw new CliError('--live sends as it happens; --out writes files: give one of them');
  const run = simulate(scenario, loadSimInputs());
  const sources = messageSourcesOf(run);
  const adminKey = flags.adminKey ?? loadEnv().OPENPCS_ADMIN_KEY;
  if (sources.length > 0 && !flags.target) {
    throw new CliError("--live sends the parties' messages to --target http://host:port (the openpcs API)");
  }
  if (flags.target && !adminKey) {
    throw new CliError(
      'registering the simulated parties needs the port authority admin key: --admin-key or OPENPCS_ADMIN_KEY',
    );
  }
  const abort = new AbortController();
  const ais = new AisTcpServer();
  const host = flags.aisHost ?? '127.0.0.1';
  const port = await ais.listen(flags.aisPort ?? 5631, host);
  const feeder =
    flags.target && adminKey
      ? new SimFeeder({
          target: flags.target,
          keys: httpPartyKeys(flags.target, adminKey),
          signal: abort.signal,
          log: (_level, message) => console.error(message),
        })
      : undefined;
  const telemetryPublisher = flags.mqtt ? await connectMqtt(flags.mqtt) : undefined;
  const speed = flags.speed ?? 1;
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(
    `sim: live from ${scenario.start} for ${scenario.days} days (seed ${scenario.seed}) at ${speed === 'max' ? 'full speed' : `×${speed}`}; ` +
      `AIS over TCP on ${host}:${port}` +
      (feeder ? `; parties post to ${flags.target} (${sources.length} source(s))` : '; no parties (no --target)') +
      (telemetryPublisher ? `; equipment telemetry to ${flags.mqtt}` : ''),
  );
  try {
    const result = await runLive({
      run,
      plan: {
        simStartMs: scenario.startMs,
        simEndMs: scenario.endMs,
        anchorSimMs: scenario.startMs,
        wallStartMs: Date.now(),
        speed,
      },
      ais,
      messages: messageSourceOf(run),
      feeder,
      telemetry: telemetryPublisher ? equipmentTelemetrySource(run) : undefined,
      telemetryPublisher,
      signal: abort.signal,
    });
    const stats = feeder?.stats;
    // Stopped by SIGINT/SIGTERM: a normal end (exit code 0), said in one line like the end of the run.
    console.log(
      `sim: ${abort.signal.aborted ? 'stopped at' : 'reached'} ${new Date(result.reachedMs).toISOString()}: ${result.aisLines} AIS lines, ${result.messages} messages, ${result.telemetry} telemetry messages` +
        (stats
          ? ` (${stats.duplicates} already stored, ${stats.withRejections} with rejections, ${stats.retries} retries)`
          : ''),
    );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await ais.close();
    await telemetryPublisher?.close();
  }
}

async function connectMqtt(url: string): Promise<MqttTelemetryPublisher> {
  if (!/^mqtts?:\/\//.test(url)) {
    throw new CliError(`--mqtt wants a broker URL such as mqtt://127.0.0.1:1883, not "${url}"`);
  }
  try {
    return await MqttTelemetryPublisher.connect(url);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
