/**
 * A message that cannot be processed, for any reason, is marked `failed` with a dead letter in a
 * transaction of its own, and start-up recovery goes on to the messages after it (it never stops on one).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vesselScheduleParser } from '../../src/ingest/csv/vessel-schedule-parser.js';
import type { MessageParser } from '../../src/ingest/message-parser.js';
import { ParserRegistry } from '../../src/ingest/parser-registry.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';

const FORMAT = 'csv-vessel-schedule';
const message = (i: number, voyage = `V${String(i).padStart(4, '0')}`) =>
  Buffer.from(
    `vessel_imo,voyage,port,eta\n9321483,${voyage},USLAX,2026-12-01T00:${String(i % 60).padStart(2, '0')}:00Z\n`,
  );

/**
 * A parser release with a bug the store catches, not the parser: for voyage BROKEN it produces an event
 * whose time is not an instant, so the append fails inside the processing transaction.
 */
// Built on the one-shot `parse` (the streamed `parseInParts` of the real parser is left out, so this `parse` runs).
// eslint-disable-next-line @typescript-eslint/unbound-method -- dropped, never called
const { parseInParts: _streamed, ...oneShotScheduleParser } = vesselScheduleParser;
const storeRefusedParser: MessageParser = {
  ...oneShotScheduleParser,
  version: '0.9.1-bad-time',
  parse(body, ctx) {
    const parsed = vesselScheduleParser.parse(body, ctx);
    if (!Buffer.from(body).includes('BROKEN')) return parsed;
    return { ...parsed, events: parsed.events.map((e) => ({ ...e, eventDateTime: 'the day after tomorrow' })) };
  },
};

describe.each(ENGINES)('ingest recovery on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine, new ParserRegistry([storeRefusedParser]));
  });
  afterEach(async () => {
    await platform.close();
  });

  const receive = (body: Buffer) =>
    platform.pipeline.receive({ format: FORMAT, body, channel: 'test', sourceOrg: 'local' });

  it('should mark a message the store refuses failed, with a dead letter, instead of throwing', async () => {
    const outcome = await platform.pipeline.ingest({
      format: FORMAT,
      body: message(1, 'BROKEN'),
      channel: 'test',
      sourceOrg: 'local',
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.deadLetters.map((d) => [d.error_code, d.parser_version])).toEqual([
      ['PCS_INGEST_PROCESSING_FAILED', '0.9.1-bad-time'],
    ]);
    // The dead letter names the SQLSTATE, not the database's text.
    expect(outcome.deadLetters[0]!.message).toMatch(/SQLSTATE [0-9A-Z]{5}/);
    const row = await platform.inbox.get(outcome.inboxId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.failure_reason).toContain('rolled back');
    expect(await platform.events.count()).toBe(0);
  });

  it('should process every later message at start-up when an earlier one fails', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await receive(message(i, i === 2 || i === 7 ? `BROKEN${i}` : undefined))).inboxId);
    }
    expect((await platform.inbox.countByStatus()).received).toBe(12);

    expect(await platform.pipeline.processPending()).toBe(12);

    expect(await platform.inbox.countByStatus()).toMatchObject({ received: 0, processed: 10, failed: 2 });
    expect(await platform.events.count()).toBe(10);
    const open = await platform.deadLetters.list({ status: 'open' });
    expect(open.map((d) => [d.inbox_id, d.error_code])).toEqual([
      [ids[2], 'PCS_INGEST_PROCESSING_FAILED'],
      [ids[7], 'PCS_INGEST_PROCESSING_FAILED'],
    ]);
    // Nothing is left for the next start.
    expect(await platform.pipeline.processPending()).toBe(0);
  });

  it('should count every processing attempt on the inbox row, replays included', async () => {
    const { inboxId } = await receive(message(1, 'BROKEN'));
    expect((await platform.inbox.get(inboxId))!.attempts).toBe(0);
    await platform.pipeline.processPending();
    await platform.pipeline.replay([inboxId]);
    expect((await platform.inbox.get(inboxId))!.attempts).toBe(2);
    expect((await platform.deadLetters.list({ inboxId, status: 'open' })).map((d) => d.attempts)).toEqual([1, 2]);
  });
  it('should count the first attempt of a message ingested at once in the commit that stores it', async () => {
    const counted: string[] = [];
    const count = platform.inbox.beginAttempt.bind(platform.inbox);
    platform.inbox.beginAttempt = async (id, onlyIfReceived) => {
      counted.push(id);
      return count(id, onlyIfReceived);
    };
    const request = { format: FORMAT, body: message(1), channel: 'test', sourceOrg: 'local' };
    const first = await platform.pipeline.ingest(request);
    expect(await platform.inbox.get(first.inboxId)).toMatchObject({ status: 'processed', attempts: 1 });
    // The same bytes again: recognised, nothing attempted.
    expect(await platform.pipeline.ingest(request)).toMatchObject({ inboxId: first.inboxId, duplicateMessage: true });
    expect(await platform.inbox.get(first.inboxId)).toMatchObject({ status: 'processed', attempts: 1 });
    expect(counted).toEqual([]);
  });
  it('should take back the attempt counted at receipt when the store goes away while processing', async () => {
    const append = platform.events.appendIn.bind(platform.events);
    let outage = true;
    platform.events.appendIn = (trx, events, provenance) => {
      if (outage) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
      return append(trx, events, provenance);
    };
    const request = { format: FORMAT, body: message(2), channel: 'test', sourceOrg: 'local' };
    await expect(platform.pipeline.ingest(request)).rejects.toThrow('connection reset');
    const [row] = await platform.database.db.selectFrom('inbox').selectAll().execute();
    // An outage is not a crash: the message waits, with no attempt against it, and is processed once the store is back.
    expect(row).toMatchObject({ status: 'received', attempts: 0 });
    outage = false;
    expect(await platform.pipeline.processPending()).toBe(1);
    expect(await platform.inbox.get(row!.id)).toMatchObject({ status: 'processed', attempts: 1 });
  });
  it('should count one attempt when two workers of the process take a message at once', async () => {
    const { inboxId } = await receive(message(1));
    // Each worker pauses after counting its attempt until a second one has counted too (or 500 ms passed),
    // so both would stand between counting and taking the row's lock at the same time.
    const count = platform.inbox.beginAttempt.bind(platform.inbox);
    let counted = 0;
    let bothCounted!: () => void;
    const both = new Promise<void>((resolve) => (bothCounted = resolve));
    platform.inbox.beginAttempt = async (id, onlyIfReceived) => {
      const attempts = await count(id, onlyIfReceived);
      if (++counted === 2) bothCounted();
      await Promise.race([both, new Promise((resolve) => setTimeout(resolve, 500))]);
      return attempts;
    };
    // The queue that received it (as for ?mode=async) and start-up recovery, at once.
    await Promise.all([platform.pipeline.process(inboxId), platform.pipeline.processPending()]);
    // Two counted attempts would make the next start set the message aside as one that crashed it twice.
    expect(await platform.inbox.get(inboxId)).toMatchObject({ status: 'processed', attempts: 1 });
    expect(counted).toBe(1);
  });
});
