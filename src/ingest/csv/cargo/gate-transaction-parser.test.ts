import { describe, expect, it } from 'vitest';
import { payloadFields } from '../../../domain/canonical-event.js';
import { fixture } from '../../../../test/support/fixtures.js';
import { parserUnderTest } from '../../../../test/support/parser-under-test.js';
import { gateTransactionParser } from './gate-transaction-parser.js';

const { parse, parseFixture } = parserUnderTest(gateTransactionParser, {
  receivedAt: '2026-02-12T19:00:00.000Z',
  sourceOrg: 'terminal-ets',
});

describe('csv-gate-transactions parser', () => {
  const good = parseFixture('csv-cargo/gate-transactions.csv');

  it('should give one truck ARRI/DEPA per visit side and one GTIN/GTOT per container', () => {
    expect(good.rejected).toEqual([]);
    expect(
      good.events.map((e) => [e.eventType, e.eventTypeCode, e.eventDateTime, e.references?.equipmentReference]),
    ).toEqual([
      ['TRANSPORT', 'ARRI', '2026-02-12T16:14:05.000Z', undefined],
      ['TRANSPORT', 'DEPA', '2026-02-12T16:52:40.000Z', undefined],
      // The dual-transaction truck at TraPac: arrived with its first IN transaction.
      ['TRANSPORT', 'ARRI', '2026-02-12T18:05:12.000Z', undefined],
      ['TRANSPORT', 'DEPA', '2026-02-12T18:49:02.000Z', undefined],
      ['EQUIPMENT', 'GTOT', '2026-02-12T16:52:40.000Z', 'EGHU9345670'],
      ['EQUIPMENT', 'GTIN', '2026-02-12T18:05:12.000Z', 'ONEU0123450'],
      ['EQUIPMENT', 'GTOT', '2026-02-12T18:49:02.000Z', 'TCLU5544330'],
    ]);
    expect(good.events.every((e) => e.eventClassifierCode === 'ACT')).toBe(true);
  });

  it('should describe the truck visit on the transport events', () => {
    expect(good.events[2]!.payload).toEqual({
      extension: 'openpcs',
      transportEventTypeCode: 'ARRI',
      modeOfTransport: 'TRUCK',
      visitId: 'V-TRP-20077',
      truckingCompany: 'HRZD',
      truckPlate: '8XYZ456',
      lane: 'IN-02',
      sourceMessage: { format: 'csv-gate-transactions', lines: [4, 5] },
    });
    expect(good.events[2]!.references).toEqual({ carrierCode: 'HRZD' });
    expect(good.events[2]!.location).toMatchObject({ unLocationCode: 'USLAX', facilityCode: 'TRAP' });
  });

  it('should carry DCSA equipment fields, seals, booking and the visit on container gate events', () => {
    const gtin = good.events[5]!;
    expect(gtin.references).toEqual({ equipmentReference: 'ONEU0123450', carrierBookingReference: 'ONEYLAXE12345000' });
    expect(gtin.payload).toMatchObject({
      equipmentEventTypeCode: 'GTIN',
      emptyIndicatorCode: 'LADEN',
      ISOEquipmentCode: '45G1',
      modeOfTransport: 'TRUCK',
      seals: ['ONE882211', 'CBP0045512'],
      visitId: 'V-TRP-20077',
      transactionId: 'GT-88140',
      appointmentId: 'APT-TRP-260212-0002',
    });
    expect(payloadFields(good.events[6]!)['emptyIndicatorCode']).toBe('EMPTY');
  });

  it('should reject every bad row with line, column and code, keeping the good rows of the file', () => {
    const bad = parseFixture('csv-cargo/gate-transactions-bad.csv');
    expect(bad.rejected.map((r) => [r.line, r.code, r.pointer])).toEqual([
      [2, 'PCS_ID_CONTAINER_CHECK_DIGIT', 'container_number'],
      [3, 'PCS_CSV_BAD_VALUE', 'direction'],
      [5, 'PCS_CSV_GROUP_CONFLICT', 'trucking_company_scac'],
      [6, 'PCS_CSV_INCONSISTENT_ROW', 'size_type'],
      [7, 'PCS_CSV_BAD_DATETIME', 'timestamp'],
      [8, 'PCS_ID_SIZE_TYPE_UNKNOWN', 'size_type'],
      [9, 'PCS_CSV_MISSING_VALUE', 'empty_full'],
    ]);
    expect(bad.events.map((e) => [e.eventTypeCode, payloadFields(e)['visitId']])).toEqual([
      ['ARRI', 'V-2'],
      ['GTIN', 'V-2'],
    ]);
    expect(bad.rejected[2]!.message).toBe('visit V-2: trucking_company_scac "HRZD" differs from "SBTL" on line 4');
  });

  it('should reject the whole file once when a required column is missing', () => {
    const result = parse('transaction_id,visit_id,terminal,direction,timestamp\nGT-1,V-1,ETS,IN,2026-02-12 08:00\n');
    expect(result.rejected).toEqual([
      expect.objectContaining({ code: 'PCS_CSV_MISSING_COLUMN', line: 1, pointer: 'trucking_company_scac' }),
    ]);
  });

  it('should read zone-less times in the sender zone and honour explicit offsets', () => {
    const header = 'transaction_id;visit_id;terminal;direction;timestamp;trucking_company_scac';
    const body = `${header}\r\nGT-1;V-1;LBCT;IN;2026-07-01 08:00;SBTL\r\nGT-2;V-1;LBCT;OUT;2026-07-01T09:00:00Z;SBTL\r\n`;
    const result = parse('\uFEFF' + body);
    expect(result.rejected).toEqual([]);
    expect(result.events.map((e) => [e.eventTypeCode, e.eventDateTime])).toEqual([
      ['ARRI', '2026-07-01T15:00:00.000Z'],
      ['DEPA', '2026-07-01T09:00:00.000Z'],
    ]);
    expect(result.events[0]!.location?.unLocationCode).toBe('USLGB');
  });

  it('should keep keys for the same bytes and change only the changed transaction key', () => {
    const text = fixture('csv-cargo/gate-transactions.csv').toString('utf8');
    const keys = (t: string) => parse(t).events.map((e) => e.idempotencyKey);
    const before = keys(text);
    expect(keys(text)).toEqual(before);
    const after = keys(text.replace('TCLU5544330,22G1,E', 'TCLU5544330,22G1,F'));
    expect(after.map((k, i) => k === before[i])).toEqual([true, true, true, true, true, true, false]);
  });
});
