import { Command } from 'commander';

export function formatsCommand(): Command {
  return new Command('formats').description('list the message formats openpcs ingests').action(async () => {
    const { defaultParsers } = await import('../ingest/default-parsers.js');
    for (const p of defaultParsers().list()) {
      console.log(`${p.format.padEnd(28)} ${p.version.padEnd(8)} ${p.description}`);
    }
  });
}
