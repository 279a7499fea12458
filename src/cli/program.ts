/** The `openpcs` command tree (main.ts runs it; tests parse with it without exiting). */
import { Command } from 'commander';
import { OPENPCS_VERSION } from '../version.js';
import { aisCommand } from './ais-command.js';
import { emissionsCommand } from './emissions-command.js';
import { deadLettersCommand } from './dead-letters-command.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { exportCommand } from './export-command.js';
import { forecastCommand } from './forecast-command.js';
import { formatsCommand } from './formats-command.js';
import { ingestCommand } from './ingest-command.js';
import { migrateCommand } from './migrate-command.js';
import { keysCommand, orgsCommand } from './orgs-command.js';
import { alertsCommand } from './alerts-command.js';
import { projectionsCommand } from './projections-command.js';
import { replayCommand } from './replay-command.js';
import { serveCommand } from './serve-command.js';
import { simCommand } from './sim-command.js';
import { feedCommand } from './feed-command.js';
import { truckerCommands } from './trucker-commands.js';
import { vesselsCommand } from './vessels-command.js';

export function buildProgram(): Command {
  const program = new Command('openpcs')
    .description('openpcs — open port community system: track, plan, decarbonise and share port data')
    .version(OPENPCS_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(serveCommand())
    .addCommand(migrateCommand())
    .addCommand(ingestCommand())
    .addCommand(replayCommand())
    .addCommand(deadLettersCommand())
    .addCommand(exportCommand())
    .addCommand(projectionsCommand())
    .addCommand(orgsCommand())
    .addCommand(keysCommand())
    .addCommand(alertsCommand())
    .addCommand(formatsCommand())
    .addCommand(aisCommand())
    .addCommand(feedCommand())
    .addCommand(vesselsCommand())
    .addCommand(simCommand())
    .addCommand(forecastCommand())
    .addCommand(emissionsCommand())
    .addHelpText('after', EXIT_CODES_HELP);
  for (const command of truckerCommands()) program.addCommand(command);
  return program;
}

/** Usage errors of subcommands come back as CommanderError too (an added command does not inherit it). */
export function overrideExits(command: Command): Command {
  command.exitOverride();
  for (const sub of command.commands) overrideExits(sub);
  return command;
}
