#!/usr/bin/env node
/**
 * `openpcs` command line. Every command has `--help`; errors print one line `openpcs: <reason>` and
 * exit with status 1, 2 for usage errors (commander's, of any subcommand); `ingest` and `replay` exit 3
 * when a message was stored only in part (exit-codes.ts).
 */
import { CommanderError } from 'commander';
import { ConfigError } from '../config/env.js';
import { DataDirInUseError } from '../store/data-dir-lock.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { CliError } from './cli-context.js';
import { EXIT_FAILED, exitCodeOfError } from './exit-codes.js';
import { buildProgram, overrideExits } from './program.js';

async function main(): Promise<void> {
  const program = overrideExits(buildProgram());
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(exitCodeOfError(error));
    const known = error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError;
    const message = error instanceof Error ? error.message : String(error);
    const reason = known
      ? message
      : isStoreUnavailable(error)
        ? `database unavailable (${message}); run the command again (repeating it stores nothing twice)`
        : `unexpected error: ${message}`;
    process.stderr.write(`openpcs: ${reason}\n`);
    process.exit(error instanceof CliError ? error.exitCode : EXIT_FAILED);
  }
}

await main();
