import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/support/fixtures.js';
import type { ParseContext } from '../../message-parser.js';
import { compileCsvLayout, validateCsvLayout } from '../csv-layout.js';
import { appointmentSlotParser } from './appointment-slot-parser.js';
import { emptyReturnParser } from './empty-return-parser.js';
import { terminalNoticeParser } from './terminal-notice-parser.js';

const ctx: ParseContext = {
  inboxId: 'inbox-feeds-1',
  receivedAt: '2026-03-02T16:30:00.000Z',
  sourceOrg: 'wbct',
  timeZone: 'America/Los_Angeles',
};
const bytes = (text: string) => new TextEncoder().encode(text);
const rejections = (r: {
  rejected: readonly { line?: number | undefined; code: string; pointer?: string | undefined }[];
}) => r.rejected.map((x) => [x.line, x.code, x.pointer]);

describe('csv-appointment-slots parser', () => {
  it('should turn each row into a SLOT statement dated when the terminal stated it, in the sender zone', () => {
    const good = appointmentSlotParser.parse(fixture('csv-cargo/appointment-slots.csv'), ctx);
    expect(good.rejected).toEqual([]);
    expect(good.events.map((e) => [e.eventType, e.eventTypeCode, e.location?.facilityCode, e.eventDateTime])).toEqual([
      ['TRANSPORT', 'SLOT', 'WBCT', '2026-03-02T16:05:00.000Z'],
      ['TRANSPORT', 'SLOT', 'WBCT', '2026-03-02T16:05:00.000Z'],
      ['TRANSPORT', 'SLOT', 'WBCT', '2026-03-02T16:05:00.000Z'],
      ['TRANSPORT', 'SLOT', 'LBCT', '2026-03-02T16:10:00.000Z'],
    ]);
    expect(good.events[2]!.payload).toEqual({
      extension: 'openpcs',
      transactionType: 'EXPORT_DROPOFF',
      slotStart: '2026-03-02T18:00:00.000Z',
      slotEnd: '2026-03-02T19:00:00.000Z',
      capacity: 60,
      booked: 12,
      sourceMessage: { format: 'csv-appointment-slots', line: 4 },
    });
    // The port of a known terminal comes from the SMDG list when the row has none.
    expect(good.events[3]!.location?.unLocationCode).toBe('USLGB');
    // The same file re-sent gives the same keys (stored once per sender); a changed figure a new one.
    const again = appointmentSlotParser.parse(fixture('csv-cargo/appointment-slots.csv'), ctx);
    expect(again.events.map((e) => e.idempotencyKey)).toEqual(good.events.map((e) => e.idempotencyKey));
    expect(new Set(good.events.map((e) => e.idempotencyKey)).size).toBe(4);
  });

  it('should reject bad rows with their line and column', () => {
    const bad = appointmentSlotParser.parse(fixture('csv-cargo/appointment-slots-bad.csv'), ctx);
    expect(bad.events).toEqual([]);
    expect(rejections(bad)).toEqual([
      [2, 'PCS_CSV_INCONSISTENT_ROW', 'booked'],
      [3, 'PCS_CSV_BAD_VALUE', 'transaction_type'],
      [4, 'PCS_CSV_INCONSISTENT_ROW', 'slot_end'],
      [5, 'PCS_CSV_INCONSISTENT_ROW', 'free'],
      [6, 'PCS_CSV_BAD_NUMBER', 'capacity'],
      [7, 'PCS_CSV_INCONSISTENT_ROW', 'slot_start'],
    ]);
  });

  it("should read a terminal's own layout through its declared mapping", () => {
    const declared = validateCsvLayout('csv-appointment-slots', {
      columns: {
        Facility: 'terminal',
        'Appt Type': 'transaction_type',
        'Window Start': 'slot_start',
        'Window End': 'slot_end',
        Max: 'capacity',
        Used: 'booked',
        'Published At': 'stated_at',
      },
      values: { transaction_type: { 'MTY IN': 'EMPTY_RETURN', 'IMP OUT': 'IMPORT_PICKUP' } },
      dateTimes: { slot_start: 'MM/DD/YYYY HH:mm', slot_end: 'MM/DD/YYYY HH:mm', stated_at: 'MM/DD/YYYY HH:mm' },
    });
    if (!declared.ok) throw new Error(JSON.stringify(declared.problems));
    const layout = compileCsvLayout('csv-appointment-slots', declared.layout, 1);
    const body =
      'Facility,Appt Type,Window Start,Window End,Max,Used,Published At\n' +
      'WBCT,MTY IN,03/02/2026 09:00,03/02/2026 10:00,40,31,03/02/2026 08:05\n' +
      'WBCT,REEFER,03/02/2026 09:00,03/02/2026 10:00,40,31,03/02/2026 08:05\n';
    const result = appointmentSlotParser.parse(bytes(body), { ...ctx, csvLayout: layout });
    expect(result.events.map((e) => e.payload)).toMatchObject([
      { transactionType: 'EMPTY_RETURN', slotStart: '2026-03-02T17:00:00.000Z', capacity: 40, booked: 31 },
    ]);
    expect(rejections(result)).toEqual([[3, 'PCS_CSV_BAD_VALUE', 'transaction_type']]);
    expect(result.rejected[0]!.message).toContain('their column "appt type"');
  });
});

describe('csv-empty-returns parser', () => {
  it('should turn each row into an ERCV statement per location, carrier and size/type', () => {
    const good = emptyReturnParser.parse(fixture('csv-cargo/empty-returns.csv'), ctx);
    expect(good.rejected).toEqual([]);
    expect(good.events.map((e) => [e.eventType, e.eventTypeCode, e.location?.facilityTypeCode, e.payload])).toEqual([
      [
        'EQUIPMENT',
        'ERCV',
        'POTE',
        expect.objectContaining({
          locationCode: 'WBCT',
          carrierScac: 'MAEU',
          isoEquipmentCode: '45G1',
          accepting: true,
          remainingCapacity: 12,
        }),
      ],
      [
        'EQUIPMENT',
        'ERCV',
        'POTE',
        expect.objectContaining({ carrierScac: 'CMDU', accepting: false, remainingCapacity: 0 }),
      ],
      [
        'EQUIPMENT',
        'ERCV',
        'POTE',
        expect.objectContaining({ locationCode: 'LBCT', isoEquipmentCode: '45R1', remainingCapacity: null }),
      ],
      ['EQUIPMENT', 'ERCV', 'DEPO', expect.objectContaining({ locationType: 'DEPOT', locationCode: 'CAR-DEPOT-7' })],
    ]);
    expect(good.events[0]!.references?.carrierCode).toBe('MAEU');
  });

  it('should reject bad rows with their line and column', () => {
    const bad = emptyReturnParser.parse(fixture('csv-cargo/empty-returns-bad.csv'), ctx);
    expect(bad.events).toEqual([]);
    expect(rejections(bad)).toEqual([
      [2, 'PCS_CSV_INCONSISTENT_ROW', 'remaining_capacity'],
      [3, 'PCS_ID_SIZE_TYPE_UNKNOWN', 'iso_type'],
      [4, 'PCS_ID_SCAC_FORMAT', 'carrier_scac'],
      [5, 'PCS_CSV_BAD_VALUE', 'accepting'],
      [6, 'PCS_CSV_BAD_NUMBER', 'remaining_capacity'],
      [7, 'PCS_CSV_BAD_VALUE', 'location'],
    ]);
  });
});

describe('csv-terminal-notices parser', () => {
  it('should turn each row into a NOTC statement with its window, cancellation included', () => {
    const good = terminalNoticeParser.parse(fixture('csv-cargo/terminal-notices.csv'), ctx);
    expect(good.rejected).toEqual([]);
    expect(
      good.events.map((e) =>
        e.eventTypeCode === 'NOTC' ? [e.eventTypeCode, e.payload.noticeId, e.payload.noticeType, e.payload.status] : [],
      ),
    ).toEqual([
      ['NOTC', 'WBCT-0302-1', 'EMPTIES_NOT_ACCEPTED', 'ACTIVE'],
      ['NOTC', 'FOG-17', 'WEATHER', 'ACTIVE'],
      ['NOTC', 'LBCT-SYS-3', 'SYSTEM_DOWN', 'ACTIVE'],
      ['NOTC', 'WBCT-0302-1', 'EMPTIES_NOT_ACCEPTED', 'CANCELLED'],
    ]);
    expect(good.events[1]!.payload).toMatchObject({ terminal: null, validTo: '2026-03-02T19:00:00.000Z' });
    expect(good.events[1]!.location).toEqual({ unLocationCode: 'USLGB' });
    expect(good.events[2]!.payload).toMatchObject({
      validTo: null,
      text: 'Appointment system down, walk-ins by clerk',
    });
  });

  it('should reject bad rows with their line and column', () => {
    const bad = terminalNoticeParser.parse(fixture('csv-cargo/terminal-notices-bad.csv'), ctx);
    expect(bad.events).toEqual([]);
    expect(rejections(bad)).toEqual([
      [2, 'PCS_CSV_INCONSISTENT_ROW', 'carrier_scac'],
      [3, 'PCS_CSV_BAD_VALUE', 'notice_type'],
      [4, 'PCS_CSV_INCONSISTENT_ROW', 'valid_to'],
      [5, 'PCS_CSV_BAD_VALUE', 'notice_id'],
      [6, 'PCS_CSV_INCONSISTENT_ROW', 'valid_to'],
      [7, 'PCS_CSV_MISSING_VALUE', 'text'],
    ]);
  });
});
