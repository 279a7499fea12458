/**
 * `openpcs sim`: runs the San Pedro Bay simulator (src/sim/, docs/simulator.md) and writes its output
 * files. Flags override the fields of a `--scenario` file; the same seed and parameters write
 * byte-identical files.
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { loadSimInputs } from '../sim/io/load-sim-inputs.js';
import { writeSimFiles } from '../sim/io/write-sim-files.js';
import { parseScenario, SURGE_2021, type ScenarioInput } from '../sim/scenario.js';
import { simulate } from '../sim/simulate.js';
import { CliError } from './cli-context.js';
import { integerOption } from './integer-option.js';

interface SimFlags {
  days?: number;
  seed?: number;
  start?: string;
  scenario?: string;
  surge?: boolean;
  out: string;
  quiet?: boolean;
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
    summary.json  calls, TEU per month, time at berth, ships waiting, harbour traffic counts

Examples:
  openpcs sim --days 30 --seed 7 --out sim-out/          a month of January 2018
  openpcs sim --days 60 --surge --out surge/             a late-2021-like surge (100+ ships waiting)
  openpcs sim --scenario my-scenario.json --out out/     every knob from a JSON file (docs/simulator.md)
  openpcs ingest ais-nmea sim-out/ais.nmea               feed the output to the product

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
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new CliError(`bad scenario: ${parsed.errors.join('; ')}`);
  const started = performance.now();
  const result = simulate(parsed.scenario, loadSimInputs());
  let lastReport = 0;
  const summary = await writeSimFiles(result, flags.out, (done, total, lines) => {
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
    `sim: ${parsed.scenario.days} days from ${summary.start} (seed ${summary.seed}) → ${flags.out}: ` +
      `${summary.aisLines ?? 0} AIS lines, ${Object.values(summary.cargo?.messagesByFormat ?? {}).reduce((s, n) => s + n, 0)} ` +
      `cargo messages, container calls ${calls}, ships waiting max ${summary.waiting.max}, ` +
      `${summary.vessels} vessels, in ${seconds.toFixed(1)} s`,
  );
}

export function simCommand(): Command {
  return new Command('sim')
    .description('simulate San Pedro Bay (ships, AIS, port calls) and write the output files')
    .requiredOption('--out <dir>', 'directory for the output files listed below (created if missing)')
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
