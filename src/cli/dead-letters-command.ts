import { Command, Option } from 'commander';
import { resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { integerOption } from './integer-option.js';

export function deadLettersCommand(): Command {
  const command = new Command('dead-letters')
    .description('list dead letters (rejected message parts) with their reasons')
    .addOption(new Option('--status <status>', 'which ones').choices(['open', 'replayed']).default('open'))
    .option('--format <format>', 'only this message format')
    .option('--limit <n>', 'at most this many (1 to 1000)', integerOption({ min: 1, max: 1000 }), 100);
  return withStoreOptions(command).action(
    async (flags: {
      status: 'open' | 'replayed';
      format?: string;
      limit: number;
      dataDir?: string;
      databaseUrl?: string;
    }) => {
      const env = resolveEnv(flags);
      await withPlatform(env, async (platform) => {
        const rows = await platform.deadLetters.list({
          status: flags.status,
          format: flags.format,
          limit: flags.limit,
        });
        if (rows.length === 0) console.log(`no ${flags.status} dead letters`);
        for (const r of rows) {
          const where = [r.line === null ? null : `line ${r.line}`, r.pointer].filter(Boolean).join(' ');
          console.log(
            `${r.id}\tinbox ${r.inbox_id}\t${r.format}\t${r.error_code}\t${where}\t${r.message}\t(attempts ${r.attempts})`,
          );
        }
      });
    },
  );
}
