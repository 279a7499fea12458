/**
 * Exit statuses of `openpcs` (documented in `openpcs --help` and docs/operations.md):
 * 0 everything stored (or nothing to do), 1 nothing stored / failure, 2 usage error (bad option or
 * argument), 3 partly stored: some parts were rejected and kept as dead letters.
 */
import { CommanderError } from 'commander';
import type { InboxStatus } from '../store/schema.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_PARTIAL = 3;

export const EXIT_CODES_HELP = `
Exit status:
  0  every part stored (or nothing to do)
  1  nothing stored: every part rejected, or a failure
  2  usage error: unknown option, bad option value (e.g. --limit abc)
  3  partly stored: some parts rejected and kept as dead letters (openpcs dead-letters)`;

/** The exit status for processed messages (`ingest`, `replay`): 0 all stored, 1 nothing stored, 3 in between. */
export function exitCodeOfStatuses(statuses: readonly InboxStatus[]): number {
  const done = statuses.filter((s) => s !== 'received');
  if (done.every((s) => s === 'processed')) return EXIT_OK;
  if (done.every((s) => s === 'failed')) return EXIT_FAILED;
  return EXIT_PARTIAL;
}

/** The exit status for an error that ended a command: usage errors (commander's) are 2, the rest 1. */
export function exitCodeOfError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return EXIT_FAILED;
}
