import { LOCAL_OPERATOR } from '../../src/access/access-scope.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vesselScheduleParser } from '../../src/ingest/csv/vessel-schedule-parser.js';
import { IngestPipeline } from '../../src/ingest/ingest-pipeline.js';
import type { MessageParser } from '../../src/ingest/message-parser.js';
import { ParserRegistry } from '../../src/ingest/parser-registry.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { fixture } from '../support/fixtures.js';
import { testPlatform } from '../support/test-platform.js';

const FORMAT = 'csv-vessel-schedule';
const good = fixture('csv-vessel-schedule/schedule-good.csv');
const badRows = fixture('csv-vessel-schedule/schedule-bad-rows.csv');
const request = (body: Buffer, extra: Record<string, unknown> = {}) => ({
  format: FORMAT,
  body,
  channel: 'test',
  sourceOrg: 'local',
  ...extra,
});

/** A release of the schedule parser with a bug: it crashes on any message mentioning EVER ACE. */
const buggyParser: MessageParser = {
  format: vesselScheduleParser.format,
  description: vesselScheduleParser.description,
  version: '0.9.0-buggy',
  parse(body, ctx) {
    if (Buffer.from(body).includes('EVER ACE')) {
      throw new TypeError("Cannot read properties of undefined (reading 'eta')");
    }
    return vesselScheduleParser.parse(body, ctx);
  },
};

describe.each(ENGINES)('ingest pipeline on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should keep the raw message in the inbox and turn every schedule time into one transport event', async () => {
    const outcome = await platform.pipeline.ingest(request(good));
    expect(outcome).toMatchObject({ status: 'processed', appended: 12, duplicates: 0, duplicateMessage: false });
    expect(outcome.deadLetters).toEqual([]);
    const row = await platform.inbox.get(outcome.inboxId);
    expect(Buffer.from(row!.body).equals(good)).toBe(true);
    expect(row).toMatchObject({ status: 'processed', format: FORMAT, events_appended: 12 });
    const { events } = await platform.events.read('0', 100, { vesselIMONumber: '9321483', visibleTo: LOCAL_OPERATOR });
    expect(
      events.map((e) => [e.eventTypeCode, e.eventClassifierCode, e.location?.facilityTypeCode, e.eventDateTime]),
    ).toEqual([
      ['ARRI', 'ACT', 'PBPL', '2026-11-20T04:10:00.000Z'],
      ['ARRI', 'ACT', 'BRTH', '2026-11-20T09:45:00.000Z'],
      ['DEPA', 'ACT', 'BRTH', '2026-11-23T21:30:00.000Z'],
    ]);
    expect(events.every((e) => e.inboxId === outcome.inboxId && e.source === FORMAT)).toBe(true);
  });

  it('should yield the same event count when the same file is ingested twice', async () => {
    await platform.pipeline.ingest(request(good));
    const again = await platform.pipeline.ingest(request(good));
    expect(again.duplicateMessage).toBe(true);
    expect(await platform.events.count()).toBe(12);
    expect((await platform.inbox.countByStatus()).processed).toBe(1);
  });

  it('should store no new event when the same rows arrive with different bytes (CRLF line ends)', async () => {
    await platform.pipeline.ingest(request(good));
    const crlf = Buffer.from(good.toString('utf8').replaceAll('\n', '\r\n'));
    const outcome = await platform.pipeline.ingest(request(crlf));
    expect(outcome).toMatchObject({ duplicateMessage: false, appended: 0, duplicates: 12, status: 'processed' });
    expect(await platform.events.count()).toBe(12);
  });

  it('should dead-letter each bad row with its line and reason and still store the good rows', async () => {
    const outcome = await platform.pipeline.ingest(request(badRows));
    expect(outcome.status).toBe('partial');
    expect(outcome.appended).toBe(3);
    expect(outcome.deadLetters.map((d) => [d.line, d.pointer, d.error_code])).toEqual([
      [3, 'vessel_imo', 'PCS_CSV_BAD_IDENTIFIER'],
      [4, 'eta', 'PCS_CSV_BAD_DATETIME'],
      [5, 'voyage', 'PCS_CSV_MISSING_VALUE'],
    ]);
    expect(outcome.deadLetters.every((d) => d.status === 'open' && d.parser_version === '1.0.0')).toBe(true);
    expect(await platform.deadLetters.countOpen()).toBe(3);
  });

  it('should dead-letter a message that is not CSV at all, and keep its bytes', async () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const outcome = await platform.pipeline.ingest(request(garbage));
    expect(outcome.status).toBe('failed');
    expect(outcome.deadLetters.map((d) => d.error_code)).toEqual(['PCS_CSV_UNREADABLE']);
    expect(Buffer.from((await platform.inbox.get(outcome.inboxId))!.body).equals(garbage)).toBe(true);
  });

  it('should read zone-less times in the sender zone, not the server zone', async () => {
    const csv = 'vessel_imo,voyage,port,eta\n9839179,0021E,USLGB,2026-12-03 05:30\n';
    await platform.pipeline.ingest(request(Buffer.from(csv), { timeZone: 'America/Los_Angeles' }));
    const { events } = await platform.events.read('0', 10, { visibleTo: LOCAL_OPERATOR });
    expect(events[0]!.eventDateTime).toBe('2026-12-03T13:30:00.000Z');
  });

  it('should process a message left unprocessed by a crash exactly once', async () => {
    const received = await platform.pipeline.receive(request(good));
    expect(received.status).toBe('received');
    expect(await platform.pipeline.processPending()).toBe(1);
    expect(await platform.pipeline.processPending()).toBe(0);
    await platform.pipeline.process(received.inboxId);
    expect(await platform.events.count()).toBe(12);
  });

  it('should keep a message the parser crashed on, and replay it into events after the fix', async () => {
    const buggy = new IngestPipeline({
      db: platform.database.db,
      inbox: platform.inbox,
      deadLetters: platform.deadLetters,
      events: platform.events,
      parsers: new ParserRegistry([buggyParser]),
      defaultTimeZone: 'UTC',
    });
    const crashed = await buggy.ingest(request(good));
    expect(crashed.status).toBe('failed');
    expect(crashed.deadLetters[0]).toMatchObject({
      error_code: 'PCS_INGEST_PARSER_CRASH',
      parser_version: '0.9.0-buggy',
    });
    expect(crashed.deadLetters[0]!.message).toContain("reading 'eta'");
    expect(await platform.events.count()).toBe(0);

    // The fixed release replays every message with open dead letters.
    const [replayed] = await platform.pipeline.replay();
    expect(replayed).toMatchObject({ inboxId: crashed.inboxId, status: 'processed', appended: 12 });
    expect(await platform.deadLetters.countOpen()).toBe(0);
    const history = await platform.deadLetters.list({ status: 'replayed' });
    expect(history.map((d) => d.error_code)).toEqual(['PCS_INGEST_PARSER_CRASH']);
    expect(await platform.events.count()).toBe(12);
    expect((await platform.inbox.get(crashed.inboxId))!.status).toBe('processed');
    // Replaying again finds nothing to do and adds nothing.
    expect(await platform.pipeline.replay()).toEqual([]);
    expect(await platform.events.count()).toBe(12);
  });

  it('should count replay attempts for rows that still fail', async () => {
    const first = await platform.pipeline.ingest(request(badRows));
    const [again] = await platform.pipeline.replay([first.inboxId]);
    expect(again!.deadLetters.map((d) => d.attempts)).toEqual([2, 2, 2]);
    expect(again!.appended).toBe(0);
    expect(await platform.deadLetters.countOpen()).toBe(3);
    expect(await platform.events.count()).toBe(3);
  });
});
