import { Command } from 'commander';
import type { ProcessOutcome, ProcessProgress } from '../ingest/ingest-pipeline.js';
import { resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { EXIT_CODES_HELP, EXIT_OK, exitCodeOfStatuses } from './exit-codes.js';
import { addCounts, ProgressLine, summaryLine } from './progress-line.js';

export function replayCommand(): Command {
  const command = new Command('replay')
    .description('re-run messages with open dead letters through the current parsers')
    .option(
      '--inbox <ids...>',
      'only these inbox message ids, set-aside ones included (default: every message with open dead letters, except set-aside ones)',
    )
    .option('--set-aside', 'the messages start-up set aside because they crashed the process twice')
    .addHelpText(
      'after',
      `${EXIT_CODES_HELP}\n  (for replay: 0 no dead letter left open, 1 no replayed message stored anything, 3 some parts still rejected)`,
    );
  return withStoreOptions(command).action(
    async (flags: { inbox?: string[]; setAside?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const env = resolveEnv(flags);
      await withPlatform(env, async (platform) => {
        const progress = new ProgressLine(process.stderr, 'replay');
        const before = { appended: 0, duplicates: 0, rejected: 0 };
        const onProgress = (p: ProcessProgress): void =>
          progress.update({
            appended: before.appended + p.appended,
            duplicates: before.duplicates + p.duplicates,
            rejected: before.rejected + p.rejected,
          });
        const ids = flags.setAside
          ? [...(flags.inbox ?? []), ...(await platform.inbox.setAsideIds())]
          : (flags.inbox ?? (await platform.deadLetters.inboxIdsWithOpen()));
        const outcomes: ProcessOutcome[] = [];
        try {
          // One message at a time, so the progress line can add up what the finished ones did.
          for (const id of ids) {
            const [outcome] = await platform.pipeline.replay([id], { onProgress });
            if (!outcome) continue;
            outcomes.push(outcome);
            before.appended += outcome.appended;
            before.duplicates += outcome.duplicates;
            before.rejected += outcome.rejected;
          }
        } finally {
          progress.done();
        }
        if (outcomes.length === 0) {
          console.log('no open dead letters: nothing to replay');
          return;
        }
        let stillFailing = 0;
        for (const o of outcomes) {
          stillFailing += o.rejected;
          console.log(
            `inbox ${o.inboxId} (${o.format}): ${o.status}, ${o.appended} new event(s), ${o.rejected} part(s) still rejected`,
          );
        }
        console.log(`replayed ${outcomes.length} message(s); ${stillFailing} part(s) still rejected`);
        console.log(summaryLine(addCounts(outcomes), progress.elapsedMs()));
        const exitCode = exitCodeOfStatuses(outcomes.map((o) => o.status));
        if (exitCode !== EXIT_OK) process.exitCode = exitCode;
      });
    },
  );
}
