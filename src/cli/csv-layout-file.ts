/** Reads a CSV layout JSON file for the CLI (`orgs set-layout`, `ingest --dry-run --layout`), validated for a format. */
import { readFile } from 'node:fs/promises';
import { validateCsvLayout, type CsvLayout } from '../ingest/csv/csv-layout.js';
import { CliError } from './cli-context.js';

export async function readCsvLayoutFile(path: string, format: string): Promise<CsvLayout> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read layout file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const valid = validateCsvLayout(format, json);
  if (!valid.ok) {
    const lines = valid.problems.map((p) => `  ${p.pointer || '(the layout)'}: ${p.detail}`).join('\n');
    throw new CliError(`${path} is not a valid layout for ${format}:\n${lines}`);
  }
  return valid.layout;
}
