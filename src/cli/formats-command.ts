import { Command } from 'commander';
import { defaultParsers } from '../ingest/default-parsers.js';

export function formatsCommand(): Command {
  return new Command('formats').description('list the message formats openpcs ingests').action(() => {
    for (const p of defaultParsers().list()) {
      console.log(`${p.format.padEnd(28)} ${p.version.padEnd(8)} ${p.description}`);
    }
  });
}
