#!/usr/bin/env node
/**
 * `openpcs` command line. Every command has `--help`; errors print one line `openpcs: <reason>` and
 * exit with status 1 (2 for usage errors, from commander).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/env.js';
import { DataDirInUseError } from '../store/data-dir-lock.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { OPENPCS_VERSION } from '../version.js';
import { aisCommand } from './ais-command.js';
import { CliError } from './cli-context.js';
import { deadLettersCommand } from './dead-letters-command.js';
import { exportCommand } from './export-command.js';
import { formatsCommand } from './formats-command.js';
import { ingestCommand } from './ingest-command.js';
import { migrateCommand } from './migrate-command.js';
import { keysCommand, orgsCommand } from './orgs-command.js';
import { projectionsCommand } from './projections-command.js';
import { replayCommand } from './replay-command.js';
import { serveCommand } from './serve-command.js';
import { feedCommand } from './feed-command.js';
import { vesselsCommand } from './vessels-command.js';

export function buildProgram(): Command {
  return new Command('openpcs')
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
    .addCommand(formatsCommand())
    .addCommand(aisCommand())
    .addCommand(feedCommand())
    .addCommand(vesselsCommand());
}

async function main(): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    const known = error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError;
    const message = error instanceof Error ? error.message : String(error);
    const reason = known
      ? message
      : isStoreUnavailable(error)
        ? `database unavailable (${message}); run the command again (repeating it stores nothing twice)`
        : `unexpected error: ${message}`;
    process.stderr.write(`openpcs: ${reason}\n`);
    process.exit(1);
  }
}

await main();
