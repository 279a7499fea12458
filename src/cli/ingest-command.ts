import { isRole } from '../access/roles.js';
import { maySend, sendersOf } from '../access/format-senders.js';
import { Command, Option } from 'commander';
import { VISIBILITIES, type Visibility } from '../domain/canonical-event.js';
import { isValidTimeZone } from '../domain/zoned-time.js';
import { defaultParsers } from '../ingest/default-parsers.js';
import { CliError, resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { EXIT_CODES_HELP, EXIT_FAILED, EXIT_PARTIAL, exitCodeOfStatuses } from './exit-codes.js';
import { dryRunIngest } from './ingest-dry-run.js';
import { ProgressLine, summaryLine } from './progress-line.js';
import { readInput } from './read-input.js';

interface IngestFlags {
  format: string;
  visibility?: Visibility;
  timeZone?: string;
  org: string;
  dataDir?: string;
  databaseUrl?: string;
  dryRun?: boolean;
  layout?: string;
}

export function ingestCommand(): Command {
  const formats = defaultParsers().list();
  const command = new Command('ingest')
    .description('store a message in the inbox and parse it into events (rejected parts become dead letters)')
    .argument('[file]', 'file to ingest, "-" for standard input; .gz files are decompressed', '-')
    .requiredOption('-f, --format <format>', `message format: ${formats.map((p) => p.format).join(', ')}`)
    .addOption(
      new Option(
        '--visibility <who>',
        "who may see the events (default: the organisation's setting for the format, else private)",
      ).choices(VISIBILITIES),
    )
    .option('--org <id>', 'organisation that sent the message (see openpcs orgs list)', 'local')
    .addOption(
      new Option(
        '--time-zone <zone>',
        "IANA zone of zone-less date-times; wins over the organisation's setting for the format (openpcs orgs set-format) and OPENPCS_TIME_ZONE (default UTC)",
      ),
    )
    .option(
      '--dry-run',
      'store nothing: print the events the file would become (JSON lines on stdout) and the rows it would reject (stderr)',
    )
    .option(
      '--layout <file>',
      "with --dry-run: read the file through this CSV layout (JSON, docs/csv-layouts.md) instead of the organisation's stored one",
    )
    .addHelpText(
      'after',
      `\nTrying a spreadsheet export before sending it (nothing is stored):\n  openpcs ingest --dry-run -f csv-gate-transactions --org ets-terminal visits.csv\n  openpcs ingest --dry-run -f csv-gate-transactions --layout visits.layout.json visits.csv\nStore a layout with: openpcs orgs set-layout <org> <format> --file <layout.json>\n\nFormats:\n${formats.map((p) => `  ${p.format.padEnd(28)} ${p.description}`).join('\n')}\n${EXIT_CODES_HELP}\n\nOn a terminal, progress (counts and rate) is shown on stderr while the message is processed.`,
    );
  return withStoreOptions(command).action(async (file: string, flags: IngestFlags) => {
    if (flags.timeZone !== undefined && !isValidTimeZone(flags.timeZone)) {
      throw new CliError(`--time-zone "${flags.timeZone}" is not an IANA time zone (e.g. UTC, America/Los_Angeles)`);
    }
    if (flags.layout !== undefined && !flags.dryRun) {
      throw new CliError('--layout goes with --dry-run; store a layout with "openpcs orgs set-layout"');
    }
    const env = resolveEnv(flags);
    const body = await readInput(file);
    await withPlatform(env, async (platform) => {
      if (!platform.parsers.get(flags.format)) {
        throw new CliError(`unknown format "${flags.format}"; known formats: ${platform.parsers.formats().join(', ')}`);
      }
      const sender = await platform.organisations.get(flags.org);
      if (!sender) throw new CliError(`organisation "${flags.org}" does not exist (openpcs orgs create)`);
      if (isRole(sender.role) && !maySend(flags.format, sender.role)) {
        throw new CliError(
          `${flags.format} is stated by ${sendersOf(flags.format)?.join(', ') ?? ''} only; ${flags.org} is a ${sender.role}`,
        );
      }
      if (body.byteLength === 0) throw new CliError(`${file === '-' ? 'standard input' : file} is empty`);
      if (flags.dryRun) {
        const exitCode = await dryRunIngest(platform, {
          format: flags.format,
          body,
          org: flags.org,
          timeZone: flags.timeZone,
          layoutFile: flags.layout,
        });
        if (exitCode === EXIT_FAILED) throw new CliError('dry run: nothing would be stored, every part is rejected');
        if (exitCode !== 0) process.exitCode = exitCode;
        return;
      }
      const progress = new ProgressLine(process.stderr, 'ingest');
      const outcome = await platform.pipeline
        .ingest(
          {
            format: flags.format,
            body,
            channel: 'cli',
            sourceOrg: flags.org,
            visibility: flags.visibility,
            timeZone: flags.timeZone,
            metadata: { file },
          },
          { onProgress: (p) => progress.update(p) },
        )
        .finally(() => progress.done());
      const what = outcome.duplicateMessage ? ' (same message already received: nothing new stored)' : '';
      console.log(
        `inbox ${outcome.inboxId}: ${outcome.status}, ${outcome.appended} event(s) stored, ${outcome.duplicates} duplicate(s)${what}`,
      );
      // Read models follow at once, so what was ingested can be queried right after (serve does this continuously).
      await platform.projections.catchUpAll();
      for (const letter of outcome.deadLetters) {
        const where = [letter.line === null ? null : `line ${letter.line}`, letter.pointer].filter(Boolean).join(' ');
        console.error(`dead letter ${letter.id}: ${where ? `${where}: ` : ''}${letter.error_code} ${letter.message}`);
      }
      console.log(summaryLine(outcome, progress.elapsedMs()));
      const exitCode = exitCodeOfStatuses([outcome.status]);
      if (exitCode === EXIT_FAILED) {
        throw new CliError(
          `nothing stored: ${outcome.rejected} part(s) of the message rejected and kept as dead letters (fix and run "openpcs replay")`,
        );
      }
      if (exitCode === EXIT_PARTIAL) {
        console.error(
          `openpcs: stored in part: ${outcome.rejected} part(s) rejected and kept as dead letters (fix and run "openpcs replay")`,
        );
        process.exitCode = EXIT_PARTIAL;
      }
    });
  });
}
