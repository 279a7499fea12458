/** Reads a whole input file (or stdin for `-`), gunzipping `.gz` files. */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { CliError } from './cli-context.js';

export async function readInput(path: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!path.endsWith('.gz')) return data;
  try {
    return gunzipSync(data);
  } catch {
    throw new CliError(`${path} ends in .gz but is not gzip data`);
  }
}
