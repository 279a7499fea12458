import { Command } from 'commander';
import { resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';

export function replayCommand(): Command {
  const command = new Command('replay')
    .description('re-run messages with open dead letters through the current parsers')
    .option(
      '--inbox <ids...>',
      'only these inbox message ids, set-aside ones included (default: every message with open dead letters, except set-aside ones)',
    )
    .option('--set-aside', 'the messages start-up set aside because they crashed the process twice');
  return withStoreOptions(command).action(
    async (flags: { inbox?: string[]; setAside?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const env = resolveEnv(flags);
      await withPlatform(env, async (platform) => {
        const ids = flags.setAside ? [...(flags.inbox ?? []), ...(await platform.inbox.setAsideIds())] : flags.inbox;
        const outcomes = await platform.pipeline.replay(ids);
        if (outcomes.length === 0) {
          console.log('no open dead letters: nothing to replay');
          return;
        }
        let stillFailing = 0;
        for (const o of outcomes) {
          stillFailing += o.deadLetters.length;
          console.log(
            `inbox ${o.inboxId} (${o.format}): ${o.status}, ${o.appended} new event(s), ${o.deadLetters.length} part(s) still rejected`,
          );
        }
        console.log(`replayed ${outcomes.length} message(s); ${stillFailing} dead letter(s) still open`);
      });
    },
  );
}
