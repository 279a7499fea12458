/**
 * `openpcs emissions compute [--file f]`: the emissions calculator of `POST /emissions/compute` on the command line.
 * Reads one JSON request (stdin, or `--file`), prints the answer JSON on stdout. A request the calculator refuses
 * prints each bad field (`<pointer>: <detail> (<code>)`) on stderr and exits 1. Needs no store. A `shore-power`
 * request without a grid factor takes `OPENPCS_GRID_CO2_G_PER_KWH`, as the server does.
 */
import { Command } from 'commander';
import { loadEnv } from '../config/env.js';
import { EMISSIONS_METHODS } from '../emissions/emissions-request-schema.js';
import { CliError } from './cli-context.js';
import { readInput } from './read-input.js';

export const EMISSIONS_HELP = `
The request is one JSON object; "method" is one of:
  ${EMISSIONS_METHODS.join(', ')}
Fields, units and sources of every method: docs/emissions.md. Example:
  echo '{"method":"cii","shipType":"container","dwt":50000,"year":2024,
         "fuelConsumption":[{"fuel":"HFO","massT":10000}],"distanceNm":80000}' | openpcs emissions compute`;

export function emissionsCommand(): Command {
  const emissions = new Command('emissions').description('emissions calculator (docs/emissions.md)');
  emissions
    .command('compute')
    .description('compute emissions for one JSON request (stdin, or --file) and print the answer JSON')
    .option('--file <path>', 'read the request from this file instead of stdin ("-" is stdin)', '-')
    .option('--compact', 'print the answer on one line')
    .addHelpText('after', EMISSIONS_HELP)
    .action(async (flags: { file: string; compact?: boolean }) => {
      const text = (await readInput(flags.file)).toString('utf8');
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch (error) {
        throw new CliError(`the request is not JSON: ${(error as Error).message}`);
      }
      const { computeEmissions } = await import('../emissions/compute-emissions.js');
      const outcome = computeEmissions(request, { gridCo2GPerKwh: loadEnv().OPENPCS_GRID_CO2_G_PER_KWH });
      if (!outcome.ok) {
        const lines = outcome.issues.map((i) => `${i.pointer || '/'}: ${i.detail} (${i.code})`);
        throw new CliError(`request refused:\n  ${lines.join('\n  ')}`);
      }
      process.stdout.write(`${JSON.stringify(outcome.result, null, flags.compact ? undefined : 2)}\n`);
    });
  return emissions;
}
