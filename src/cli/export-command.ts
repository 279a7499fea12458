import { LOCAL_OPERATOR } from '../access/access-scope.js';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import type { StoredEvent } from '../domain/canonical-event.js';
import { resolveEnv, withPlatform, withStoreOptions } from './cli-context.js';
import { integerOption, positionOption } from './integer-option.js';

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export function exportCommand(): Command {
  const events = new Command('events')
    .description('write canonical events in store order')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv']).default('ndjson'))
    .option('--after <seq>', 'start after this event position', positionOption, '0')
    .option('--limit <n>', 'at most this many events', integerOption({ min: 1 }))
    .option('-o, --output <file>', 'write to this file instead of standard output');
  withStoreOptions(events).action(
    async (flags: {
      format: 'ndjson' | 'csv';
      after: string;
      limit?: number;
      output?: string;
      dataDir?: string;
      databaseUrl?: string;
    }) => {
      const env = resolveEnv(flags);
      const { eventCsvHeader, eventToCsvRow } = await import('../store/event-csv.js');
      const limit = flags.limit ?? Number.POSITIVE_INFINITY;
      const out: Writable = flags.output ? createWriteStream(flags.output) : process.stdout;
      const line = flags.format === 'csv' ? eventToCsvRow : (e: StoredEvent) => `${JSON.stringify(e)}\n`;
      await withPlatform(env, async (platform) => {
        if (flags.format === 'csv') await write(out, eventCsvHeader());
        let after = flags.after;
        let written = 0;
        while (written < limit) {
          const page = await platform.events.read(after, Math.min(1000, limit - written), {
            visibleTo: LOCAL_OPERATOR,
          });
          if (page.events.length === 0) break;
          for (const event of page.events) await write(out, line(event));
          written += page.events.length;
          after = page.lastSeq ?? after;
        }
      });
      if (out !== process.stdout) {
        out.end();
        await once(out, 'finish');
      }
    },
  );
  return new Command('export').description('export data').addCommand(events);
}
