/**
 * `openpcs sim`: runs the San Pedro Bay simulator (src/sim/, docs/simulator.md) and writes its output
 * files. Flags override the fields of a `--scenario` file; the same seed and parameters write
 * byte-identical files.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { integerOption } from './integer-option.js';
import type { SimFlags } from './sim-run.js';

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
    .action(async (flags: SimFlags) => {
      // What it runs loads when it runs, not when the command tree is built (`--help`).
      const { runSim } = await import('./sim-run.js');
      await runSim(flags);
    });
}
