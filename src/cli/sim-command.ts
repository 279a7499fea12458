/**
 * `openpcs sim`: runs the San Pedro Bay simulator (src/sim/, docs/simulator.md) and writes its output
 * files. Flags override the fields of a `--scenario` file; the same seed and parameters write
 * byte-identical files.
 */
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
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
import { integerOption } from './integer-option.js';

interface SimFlags {
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

const HELP = `
What it does:
  Simulates the ports of Los Angeles and Long Beach: weekly container services from Asia and Europe
  (via Panama) calling the terminals of the shared registry, approaches through the traffic separation
  scheme, anchorage queues, pilots, tugs, crane work calibrated on 2018 monthly TEU, tankers, cruise ships
  and the Catalina ferries. Writes into --out:
    ais.nmea      AIS position (type 1) and static (type 5) sentences with tag-block times, in time order
    messages.jsonl  cargo messages (DCSA, COARRI, CODECO, X12 322, cargo CSVs), one per line, in time order
    calls.jsonl   one container call per line (vessel, anchorage, berth, crane moves, TEU): ground truth
    telemetry.jsonl  equipment status and charging sessions, the MQTT payloads (NDJSON: "openpcs ingest
                  equipment-telemetry" reads it), topics openpcs/telemetry/{terminal}/{type}/{id}
    drayage-trucks.jsonl  the truckers' tractors: plate, engine model year, fuel
    summary.json  calls, TEU per month, time at berth, ships waiting, harbour traffic counts, equipment

Live (--live): instead of files, the run is sent as it happens on a simulated clock (simulated time = start
  + speed × wall time; --start defaults to now; Ctrl-C or SIGTERM stops it, exit code 0, saying the simulated
  instant reached): AIS lines over TCP to every client of --ais-port (as an AIS
  network provider; "openpcs serve --ais-tcp host:port" connects to it), and each simulated party's messages
  to POST /ingest/{format} of --target, each party its own organisation (sim-<code>) with its own API key,
  registered with the port authority's admin key (--admin-key or OPENPCS_ADMIN_KEY). With --mqtt the
  equipment and charger telemetry is published to that broker (QoS 1); "openpcs serve" with
  OPENPCS_MQTT_URL subscribes to it.

Examples:
  openpcs sim --days 30 --seed 7 --out sim-out/          a month of January 2018
  openpcs sim --days 60 --surge --out surge/             a late-2021-like surge (100+ ships waiting)
  openpcs sim --scenario my-scenario.json --out out/     every knob from a JSON file (docs/simulator.md)
  openpcs ingest ais-nmea sim-out/ais.nmea               feed the output to the product
  openpcs sim --live --speed 60 --ais-port 5631 --target http://localhost:8080 --admin-key opcs_…
                                                         one simulated hour a minute, live

Same seed and parameters → byte-identical files.`;

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

async function run(flags: SimFlags): Promise<void> {
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

function speedOption(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 100_000) {
    throw new InvalidArgumentError('a positive number of simulated seconds per second (1 = real time), or max');
  }
  return n;
}

export function simCommand(): Command {
  return new Command('sim')
    .description(
      'simulate San Pedro Bay (ships, AIS, port calls, containers and cargo messages): write the output files, or feed openpcs live',
    )
    .option('--out <dir>', 'directory for the output files listed below (created if missing)')
    .option('--live', 'send the run as it happens instead of writing files (AIS over TCP, parties over HTTP)')
    .addOption(
      new Option('--speed <n>', 'with --live: simulated seconds per second (default 1 = real time), or max').argParser(
        speedOption,
      ),
    )
    .option('--target <url>', 'with --live: the openpcs API the parties post to, e.g. http://localhost:8080')
    .option(
      '--admin-key <key>',
      'with --live: port authority admin key to register the parties (env OPENPCS_ADMIN_KEY)',
    )
    .addOption(
      new Option('--ais-port <port>', 'with --live: TCP port serving the AIS lines (default 5631)').argParser(
        integerOption({ min: 0, max: 65_535 }),
      ),
    )
    .option('--ais-host <host>', 'with --live: interface of the AIS port (default 127.0.0.1)')
    .option(
      '--mqtt <url>',
      'with --live: MQTT broker the equipment telemetry is published to, e.g. mqtt://127.0.0.1:1883',
    )
    .addOption(new Option('--days <n>', 'simulated days (default 1)').argParser(integerOption({ min: 1, max: 400 })))
    .addOption(
      new Option('--seed <n>', 'random seed (default 7)').argParser(integerOption({ min: 0, max: 2 ** 31 - 1 })),
    )
    .option('--start <instant>', 'first simulated instant, ISO 8601 (default 2018-01-01T00:00:00Z)')
    .option('--scenario <file>', 'JSON scenario file: every knob (docs/simulator.md); flags override it')
    .option('--surge', 'late-2021-like surge: more cargo, slower yards, extra loaders')
    .option('--quiet', 'no progress line')
    .addHelpText('after', HELP)
    .action(async (flags: SimFlags) => run(flags));
}
