/**
 * `openpcs ingest --dry-run`: prints the events a file would become (one JSON object a line, on stdout) and the
 * rows it would reject (on stderr), under the sender's current CSV layout or a layout file, and stores nothing.
 */
import { compileCsvLayout } from '../ingest/csv/csv-layout.js';
import type { Platform } from '../platform.js';
import { readCsvLayoutFile } from './csv-layout-file.js';
import { EXIT_FAILED, EXIT_PARTIAL } from './exit-codes.js';

export interface DryRunRequest {
  readonly format: string;
  readonly body: Uint8Array;
  readonly org: string;
  readonly timeZone?: string | undefined;
  readonly layoutFile?: string | undefined;
}

/** Returns the exit status the real ingest would have: 0 all read, 3 some parts rejected, 1 nothing read. */
export async function dryRunIngest(platform: Platform, request: DryRunRequest): Promise<number> {
  const layout = request.layoutFile
    ? compileCsvLayout(request.format, await readCsvLayoutFile(request.layoutFile, request.format), null)
    : undefined;
  const preview = await platform.pipeline.preview(
    { format: request.format, body: request.body, channel: 'cli', sourceOrg: request.org, timeZone: request.timeZone },
    layout,
  );
  let events = 0;
  let rejected = 0;
  for (const part of preview.parts) {
    for (const event of part.events) {
      events++;
      console.log(JSON.stringify(event));
    }
    for (const r of part.rejected) {
      rejected++;
      const where = [r.line === undefined ? null : `line ${r.line}`, r.pointer].filter(Boolean).join(' ');
      console.error(`rejected: ${where ? `${where}: ` : ''}${r.code} ${r.message}`);
    }
  }
  const under = request.layoutFile
    ? `layout file ${request.layoutFile}`
    : preview.csvLayoutVersion !== null
      ? `${request.org}'s layout version ${preview.csvLayoutVersion}`
      : 'our own columns (no layout)';
  console.error(`dry run (${under}): ${events} event(s), ${rejected} rejected; nothing stored`);
  if (rejected === 0) return 0;
  return events > 0 ? EXIT_PARTIAL : EXIT_FAILED;
}
