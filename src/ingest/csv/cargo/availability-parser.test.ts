import { describe, expect, it } from 'vitest';
import { parserUnderTest } from '../../../../test/support/parser-under-test.js';
import { availabilityParser } from './availability-parser.js';

const { ctx, parse, parseFixture } = parserUnderTest(availabilityParser, {
  receivedAt: '2026-02-12T14:30:00.000Z',
  sourceOrg: 'terminal-ets',
});

describe('csv-availability parser', () => {
  const good = parseFixture('csv-cargo/availability.csv');

  it('should turn each row into an EQUIPMENT AVLB statement dated when the terminal stated it', () => {
    expect(good.rejected).toEqual([]);
    expect(
      good.events.map((e) => [e.eventType, e.eventTypeCode, e.references?.equipmentReference, e.eventDateTime]),
    ).toEqual([
      ['EQUIPMENT', 'AVLB', 'EGHU9345670', '2026-02-12T14:00:00.000Z'],
      ['EQUIPMENT', 'AVLB', 'TGHU8712349', '2026-02-12T14:00:00.000Z'],
      ['EQUIPMENT', 'AVLB', 'ONEU6123457', '2026-02-12T14:05:00.000Z'],
      ['EQUIPMENT', 'AVLB', 'MSKU5522106', '2026-02-12T14:10:00.000Z'],
      ['EQUIPMENT', 'AVLB', 'HLXU3141597', '2026-02-12T14:15:00.000Z'],
      ['EQUIPMENT', 'AVLB', 'OOLU2718289', '2026-02-12T14:20:00.000Z'],
    ]);
    expect(good.events.every((e) => e.eventCreatedDateTime === ctx.receivedAt)).toBe(true);
  });

  it('should carry availability, the holds listed and the last free day, at the terminal', () => {
    expect(good.events[0]!.payload).toEqual({
      extension: 'openpcs',
      availableForPickup: true,
      holds: [],
      lastFreeDay: '2026-02-16',
      sourceMessage: { format: 'csv-availability', line: 2 },
    });
    expect(good.events[1]!.payload).toEqual({
      extension: 'openpcs',
      availableForPickup: false,
      holds: ['CUSTOMS'],
      sourceMessage: { format: 'csv-availability', line: 3 },
    });
    expect(good.events[2]!.payload).toMatchObject({ holds: ['FREIGHT'] });
    expect(good.events[4]!.payload).toMatchObject({ holds: ['OTHER'] });
    // RELEASED in a hold column is no hold.
    expect(good.events[5]!.payload).toMatchObject({ holds: [] });
    expect(good.events[3]!.location).toMatchObject({ unLocationCode: 'USLGB', facilityCode: 'LBCT' });
    // Without a port column the UN/LOCODE comes from the SMDG terminal list (ITS is in Long Beach).
    expect(good.events[4]!.location).toMatchObject({ unLocationCode: 'USLGB', facilityCode: 'ITS' });
  });

  it('should give the same keys to the same list re-sent, and a new key to a changed statement', () => {
    const again = parseFixture('csv-cargo/availability.csv');
    expect(again.events.map((e) => e.idempotencyKey)).toEqual(good.events.map((e) => e.idempotencyKey));
    const changed = parse(
      'container_number,terminal,available,last_free_day,stated_at\nEGHU9345670,ETS,Y,2026-02-17,2026-02-12 06:00\n',
    );
    expect(changed.events[0]!.idempotencyKey).not.toBe(good.events[0]!.idempotencyKey);
    expect(changed.events[0]!.idempotencyKey.startsWith('csv-availability:ETS:EGHU9345670:')).toBe(true);
  });

  it('should reject each bad row with its line, column and code, and keep the good one', () => {
    const bad = parseFixture('csv-cargo/availability-bad.csv');
    expect(bad.rejected.map((r) => [r.line, r.code, r.pointer])).toEqual([
      [2, 'PCS_ID_CONTAINER_CHECK_DIGIT', 'container_number'],
      [3, 'PCS_CSV_MISSING_VALUE', 'container_number'],
      [4, 'PCS_CSV_MISSING_VALUE', 'terminal'],
      [5, 'PCS_CSV_BAD_VALUE', 'available'],
      [6, 'PCS_CSV_INCONSISTENT_ROW', 'available'],
      [7, 'PCS_CSV_BAD_DATE', 'last_free_day'],
      [8, 'PCS_CSV_INCONSISTENT_ROW', 'last_free_day'],
      [9, 'PCS_CSV_BAD_DATETIME', 'stated_at'],
      [10, 'PCS_CSV_MISSING_VALUE', 'stated_at'],
      [11, 'PCS_CSV_BAD_VALUE', 'customs_hold'],
    ]);
    expect(bad.rejected[6]!.message).toContain('361 days before stated_at');
    expect(bad.events.map((e) => e.payload)).toMatchObject([{ holds: ['CUSTOMS'] }]);
  });

  it('should reject the whole file when a required column is missing', () => {
    const res = parse('container_number,terminal,available\nEGHU9345670,ETS,Y\n');
    expect(res.events).toEqual([]);
    expect(res.rejected).toMatchObject([{ code: 'PCS_CSV_MISSING_COLUMN', pointer: 'stated_at' }]);
  });
});
