import { describe, expect, it } from 'vitest';
import { payloadFields } from '../../../domain/canonical-event.js';
import { fixture } from '../../../../test/support/fixtures.js';
import { parserUnderTest } from '../../../../test/support/parser-under-test.js';
import { holdParser } from './hold-parser.js';

const { parse, parseFixture } = parserUnderTest(holdParser, {
  receivedAt: '2026-02-11T23:00:00.000Z',
  sourceOrg: 'terminal-ets',
});

describe('csv-holds parser', () => {
  const good = parseFixture('csv-cargo/holds.csv');

  it('should turn holds and releases into SHIPMENT HOLD/RELS events with UTC instants', () => {
    expect(good.rejected).toEqual([]);
    expect(good.events.map((e) => [e.eventType, e.eventTypeCode, e.eventClassifierCode, e.eventDateTime])).toEqual([
      ['SHIPMENT', 'HOLD', 'ACT', '2026-02-10T15:12:00.000Z'],
      ['SHIPMENT', 'HOLD', 'ACT', '2026-02-10T15:15:00.000Z'],
      ['SHIPMENT', 'RELS', 'ACT', '2026-02-11T23:40:00.000Z'],
      ['SHIPMENT', 'RELS', 'ACT', '2026-02-12T00:02:00.000Z'],
      ['SHIPMENT', 'HOLD', 'ACT', '2026-02-11T17:00:00.000Z'],
    ]);
  });

  it('should name the container or bill of lading, the hold type, authority and reason', () => {
    expect(good.events[0]!.references).toEqual({ equipmentReference: 'EGHU9345670' });
    expect(good.events[0]!.payload).toEqual({
      extension: 'openpcs',
      holdType: 'CUSTOMS',
      holdReason: 'Exam: VACIS (non-intrusive inspection)',
      authority: 'CBP',
      holdId: 'H-1001',
      sourceMessage: { format: 'csv-holds', line: 2 },
    });
    expect(good.events[0]!.location).toMatchObject({ unLocationCode: 'USLAX', facilityCode: 'ETS' });
    expect(good.events[4]!.references).toEqual({ transportDocumentReference: 'MEDUSL123456' });
    expect(payloadFields(good.events[4]!)['holdType']).toBe('USDA');
    expect(good.events[4]!.location).toBeUndefined();
  });

  it('should accept common aliases (CBP customs hold, LINE freight hold, RELEASED)', () => {
    const body =
      'container_number,hold_type,action,timestamp\nEGHU9345670,CBP,HOLD,2026-02-10T07:00:00Z\nEGHU9345670,line,released,2026-02-10T08:00:00Z\n';
    expect(parse(body).events.map((e) => [e.eventTypeCode, payloadFields(e)['holdType']])).toEqual([
      ['HOLD', 'CUSTOMS'],
      ['RELS', 'FREIGHT'],
    ]);
  });

  it('should reject every bad row with its line, column and code and keep the good one', () => {
    const bad = parseFixture('csv-cargo/holds-bad.csv');
    expect(bad.rejected.map((r) => [r.line, r.code, r.pointer])).toEqual([
      [2, 'PCS_ID_CONTAINER_CHECK_DIGIT', 'container_number'],
      [3, 'PCS_CSV_MISSING_VALUE', 'container_number'],
      [4, 'PCS_CSV_BAD_VALUE', 'hold_type'],
      [5, 'PCS_CSV_BAD_VALUE', 'action'],
      [6, 'PCS_CSV_BAD_DATETIME', 'timestamp'],
    ]);
    expect(bad.rejected[2]!.message).toBe('hold_type "EMBARGO" is not one of CUSTOMS, FREIGHT, TERMINAL, USDA, OTHER');
    expect(bad.events).toHaveLength(1);
  });

  it('should reject the whole file once when a required column is missing', () => {
    expect(parse('container_number,hold_type,timestamp\nEGHU9345670,CBP,2026-02-10T07:00:00Z\n').rejected).toEqual([
      expect.objectContaining({ code: 'PCS_CSV_MISSING_COLUMN', line: 1, pointer: 'action' }),
    ]);
  });

  it('should keep keys for the same bytes and change only the changed row key', () => {
    const text = fixture('csv-cargo/holds.csv').toString('utf8');
    const keys = (t: string) => parse(t).events.map((e) => e.idempotencyKey);
    const before = keys(text);
    expect(keys(text)).toEqual(before);
    const after = keys(text.replace('1C release', '1C release (re-issued)'));
    expect(after.map((k, i) => k === before[i])).toEqual([true, true, false, true, true]);
  });
});
