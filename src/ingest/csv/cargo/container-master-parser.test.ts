import { describe, expect, it } from 'vitest';
import { payloadFields } from '../../../domain/canonical-event.js';
import { fixture } from '../../../../test/support/fixtures.js';
import { parserUnderTest } from '../../../../test/support/parser-under-test.js';
import { containerMasterParser } from './container-master-parser.js';

const { ctx, parse, parseFixture } = parserUnderTest(containerMasterParser, {
  receivedAt: '2026-02-01T12:00:00.000Z',
  sourceOrg: 'port-authority',
});

describe('csv-container-master parser', () => {
  const good = parseFixture('csv-cargo/container-master.csv');

  it('should turn each container into an EQUIPMENT MSTR event dated when the file was received', () => {
    expect(good.rejected).toEqual([]);
    expect(good.events.map((e) => [e.eventType, e.eventTypeCode, e.references?.equipmentReference])).toEqual([
      ['EQUIPMENT', 'MSTR', 'EGHU9345670'],
      ['EQUIPMENT', 'MSTR', 'MSKU9070323'],
      ['EQUIPMENT', 'MSTR', 'CAIU8800110'],
      ['EQUIPMENT', 'MSTR', 'TCLU5544330'],
      ['EQUIPMENT', 'MSTR', 'HLBU9023110'],
    ]);
    expect(good.events.every((e) => e.eventDateTime === ctx.receivedAt && e.eventClassifierCode === 'ACT')).toBe(true);
  });

  it('should carry size/type with TEU, masses, reefer, hazardous UN numbers, owner and operator', () => {
    // ISO 6346 45G1 is a 40 ft high cube (length code 4, height code 5): 2 TEU, not 2.25.
    expect(good.events[0]!.payload).toMatchObject({ isoEquipmentCode: '45G1', teu: 2, lengthFt: 40 });
    expect(good.events[2]!.payload).toEqual({
      extension: 'openpcs',
      isoEquipmentCode: '45R1',
      teu: 2,
      lengthFt: 40,
      ownerScac: 'CAIU',
      operatorScac: 'CMDU',
      tareKg: 4800,
      maxGrossKg: 34000,
      reefer: true,
      hazardousUnNumbers: [],
      sourceMessage: { format: 'csv-container-master', line: 4 },
    });
    expect(good.events[2]!.references).toEqual({ equipmentReference: 'CAIU8800110', carrierCode: 'CMDU' });
    expect(good.events[3]!.payload).toMatchObject({ teu: 1, hazardousUnNumbers: ['1263', '3082'] });
    expect(payloadFields(good.events[4]!)['hazardousUnNumbers']).toEqual(['1993']);
  });

  it('should date master data at as_of when given', () => {
    const body = 'container_number,size_type,as_of\nEGHU9345670,45G1,2026-01-15 00:00\n';
    expect(parse(body).events[0]!.eventDateTime).toBe('2026-01-15T08:00:00.000Z');
  });

  it('should reject every bad row with its line, column and code', () => {
    const bad = parseFixture('csv-cargo/container-master-bad.csv');
    expect(bad.events).toEqual([]);
    expect(bad.rejected.map((r) => [r.line, r.code, r.pointer])).toEqual([
      [2, 'PCS_ID_CONTAINER_CHECK_DIGIT', 'container_number'],
      [3, 'PCS_ID_SIZE_TYPE_UNKNOWN', 'size_type'],
      [4, 'PCS_CSV_BAD_NUMBER', 'tare_kg'],
      [5, 'PCS_CSV_INCONSISTENT_ROW', 'tare_kg'],
      [6, 'PCS_CSV_INCONSISTENT_ROW', 'reefer'],
      [7, 'PCS_CSV_BAD_VALUE', 'hazardous_un_number'],
      [8, 'PCS_CSV_BAD_NUMBER', 'tare_kg'],
    ]);
    expect(bad.rejected[3]!.message).toBe('tare_kg 3900 is not below max_gross_kg 3800');
  });

  it('should reject the whole file once when a required column is missing', () => {
    expect(parse('container_number,owner_scac\nEGHU9345670,EGLV\n').rejected).toEqual([
      expect.objectContaining({ code: 'PCS_CSV_MISSING_COLUMN', line: 1, pointer: 'size_type' }),
    ]);
  });

  it('should key by content: same bytes same keys, a changed row a new key', () => {
    const text = fixture('csv-cargo/container-master.csv').toString('utf8');
    const keys = (t: string) => parse(t).events.map((e) => e.idempotencyKey);
    const before = keys(text);
    expect(keys(text)).toEqual(before);
    const after = keys(text.replace('MSKU9070323,42G1,MAEU,MAEU,3750', 'MSKU9070323,42G1,MAEU,MAEU,3760'));
    expect(after.map((k, i) => k === before[i])).toEqual([true, false, true, true, true]);
  });
});
