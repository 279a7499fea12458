/**
 * A message with very many rows: rejections are kept in full only for the first KEPT_REJECTIONS rows, then
 * summed up by code (the counts add up); events are appended in bounded batches as the body is read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containerCheckDigit } from '../../src/domain/identifiers/iso6346.js';
import { vesselScheduleParser } from '../../src/ingest/csv/vessel-schedule-parser.js';
import { APPEND_BATCH_EVENTS, IngestPipeline, type ProcessProgress } from '../../src/ingest/ingest-pipeline.js';
import type { MessageParser } from '../../src/ingest/message-parser.js';
import { ParserRegistry } from '../../src/ingest/parser-registry.js';
import { KEPT_REJECTIONS, MORE_REJECTED_CODE } from '../../src/ingest/rejection-tally.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { testPlatform } from '../support/test-platform.js';

const FORMAT = 'csv-container-master';
const HEADER = 'container_number,size_type,tare_kg,max_gross_kg';

function box(n: number): string {
  const serial = String(n).padStart(6, '0');
  return `MSCU${serial}${containerCheckDigit(`MSCU${serial}`)}`;
}
const goodRow = (n: number): string => `${box(n)},45G1,3900,32500`;
/** Even rows: a wrong check digit; odd rows: a tare that is not a number. */
const badRow = (n: number): string =>
  n % 2 === 0 ? `${box(n).slice(0, 10)}${(Number(box(n)[10]) + 1) % 10},45G1,3900,32500` : `${box(n)},45G1,abc,32500`;

function csv(rows: readonly string[]): Buffer {
  return Buffer.from(`${HEADER}\n${rows.join('\n')}\n`);
}

const request = (body: Buffer) => ({ format: FORMAT, body, channel: 'test', sourceOrg: 'local' });

describe.each(ENGINES)('a message with many rows on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should keep the first rejections in full, then one summary by code, and count every one', async () => {
    const bad = Array.from({ length: 250 }, (_, i) => badRow(i));
    const good = Array.from({ length: 10 }, (_, i) => goodRow(1000 + i));
    const outcome = await platform.pipeline.ingest(request(csv([...good, ...bad])));

    expect(outcome).toMatchObject({ status: 'partial', appended: 10, rejected: 250 });
    expect(outcome.rejectedByCode).toEqual({ PCS_CSV_BAD_NUMBER: 125, PCS_ID_CONTAINER_CHECK_DIGIT: 125 });
    expect(outcome.deadLetters).toHaveLength(KEPT_REJECTIONS + 1);
    // The kept ones are the first rows, in order, with line and column.
    expect(outcome.deadLetters.slice(0, 3).map((d) => [d.line, d.pointer])).toEqual([
      [12, 'container_number'],
      [13, 'tare_kg'],
      [14, 'container_number'],
    ]);
    const summary = outcome.deadLetters.at(-1)!;
    expect(summary).toMatchObject({ error_code: MORE_REJECTED_CODE, line: null, pointer: null, status: 'open' });
    expect(summary.message).toMatch(/^and 150 more part\(s\) rejected/);
    expect(summary.message).toContain('PCS_CSV_BAD_NUMBER 75');
    expect(summary.message).toContain('PCS_ID_CONTAINER_CHECK_DIGIT 75');
    expect(await platform.deadLetters.countOpen()).toBe(KEPT_REJECTIONS + 1);

    // The recorded outcome (a re-sent duplicate, GET /inbox) says the same.
    const again = await platform.pipeline.ingest(request(csv([...good, ...bad])));
    expect(again).toMatchObject({ duplicateMessage: true, status: 'partial', rejected: 250 });
    expect(again.rejectedByCode).toEqual(outcome.rejectedByCode);
    expect(again.deadLetters).toHaveLength(KEPT_REJECTIONS + 1);

    // A replay closes those and records what still fails the same way, not one letter per row.
    const [replayed] = await platform.pipeline.replay([outcome.inboxId]);
    expect(replayed).toMatchObject({ status: 'partial', rejected: 250, appended: 0, duplicates: 10 });
    expect(replayed!.deadLetters).toHaveLength(KEPT_REJECTIONS + 1);
    expect(replayed!.deadLetters.every((d) => d.attempts === 2)).toBe(true);
    expect(await platform.deadLetters.countOpen()).toBe(KEPT_REJECTIONS + 1);
  });

  it('should append a large message in bounded batches, reporting progress after each', async () => {
    const rows = Array.from({ length: 2 * APPEND_BATCH_EVENTS + 1 }, (_, i) => goodRow(i));
    const progress: ProcessProgress[] = [];
    const outcome = await platform.pipeline.ingest(request(csv(rows)), { onProgress: (p) => progress.push(p) });

    expect(outcome).toMatchObject({ status: 'processed', appended: rows.length, rejected: 0 });
    expect(await platform.events.count()).toBe(rows.length);
    expect(progress.map((p) => p.appended)).toEqual([APPEND_BATCH_EVENTS, 2 * APPEND_BATCH_EVENTS, rows.length]);
  });

  it('should keep what a streaming parser stored before it crashed, and dead-letter the crash', async () => {
    const good = fixture('csv-vessel-schedule/schedule-good.csv');
    const crashing: MessageParser = {
      format: 'csv-vessel-schedule',
      version: '0.9.0-crashing',
      description: 'crashes after its first part',
      parse: () => {
        throw new Error('not used');
      },
      *parseInParts(body, ctx) {
        yield vesselScheduleParser.parse(body, ctx);
        throw new TypeError('boom after the first part');
      },
    };
    const pipeline = new IngestPipeline({
      db: platform.database.db,
      inbox: platform.inbox,
      deadLetters: platform.deadLetters,
      events: platform.events,
      parsers: new ParserRegistry([crashing]),
      defaultTimeZone: 'UTC',
    });
    const outcome = await pipeline.ingest({
      format: 'csv-vessel-schedule',
      body: good,
      channel: 'test',
      sourceOrg: 'local',
    });
    expect(outcome).toMatchObject({ status: 'partial', appended: 12, rejected: 1 });
    expect(outcome.deadLetters.map((d) => d.error_code)).toEqual(['PCS_INGEST_PARSER_CRASH']);
    expect(outcome.deadLetters[0]!.message).toContain('boom after the first part');
  });
});
