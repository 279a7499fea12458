import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../message-parser.js';
import { x12315Parser } from './x12-315-parser.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../../../test/fixtures/x12/${name}`, import.meta.url));
const ctx: ParseContext = {
  inboxId: 'inbox-1',
  receivedAt: '2024-01-15T17:00:00Z',
  sourceOrg: 'maersk',
  timeZone: 'America/Los_Angeles',
};

describe('x12-315 parser', () => {
  const result = x12315Parser.parse(fixture('315-discharge-release-outgate.edi'), ctx);

  it('should read a clean interchange without rejections', () => {
    expect(result.rejected).toEqual([]);
  });

  it('should turn UV into a DISC of CSQU3054383 at USLAX in Los Angeles local time', () => {
    const disc = result.events.find((e) => e.eventTypeCode === 'DISC');
    expect(disc).toMatchObject({
      eventType: 'EQUIPMENT',
      eventClassifierCode: 'ACT',
      eventDateTime: '2024-01-15T14:12:00.000Z', // 06:12 PST
      eventCreatedDateTime: '2024-01-15T16:30:00.000Z', // GS04/GS05 08:30 PST
      location: { unLocationCode: 'USLAX', locationName: 'WBCT' },
      references: {
        equipmentReference: 'CSQU3054383',
        transportDocumentReference: 'MAEU240098765',
        carrierBookingReference: '240098765',
        vesselIMONumber: '9811000',
        carrierVoyageNumber: '047E',
      },
    });
    expect(disc!.payload).toMatchObject({
      emptyIndicatorCode: 'LADEN',
      ISOEquipmentCode: '45G1',
      modeOfTransport: 'VESSEL',
      seals: ['ML1234567'],
      transportCall: { vesselName: 'EVER GIVEN', vesselIMONumber: '9811000' },
    });
  });

  it('should turn CT into a customs release (openpcs SHIPMENT RELS) for the container and bill of lading', () => {
    const rels = result.events.find((e) => e.eventTypeCode === 'RELS');
    expect(rels).toMatchObject({
      eventType: 'SHIPMENT',
      eventDateTime: '2024-01-16T22:00:00.000Z',
      references: { equipmentReference: 'CSQU3054383', transportDocumentReference: 'MAEU240098765' },
      payload: { extension: 'openpcs', holdType: 'CUSTOMS' },
    });
  });

  it('should turn OA into a gate-out', () => {
    expect(result.events.find((e) => e.eventTypeCode === 'GTOT')).toMatchObject({
      eventDateTime: '2024-01-17T17:15:00.000Z',
      references: { equipmentReference: 'CSQU3054383' },
    });
  });

  it('should read the R4/DTM vessel schedule as actual departure from Shanghai (Shanghai time) and arrival at LA', () => {
    const depa = result.events.filter((e) => e.eventTypeCode === 'DEPA');
    const arri = result.events.filter((e) => e.eventTypeCode === 'ARRI');
    expect(depa).toHaveLength(1);
    expect(depa[0]).toMatchObject({
      eventType: 'TRANSPORT',
      eventClassifierCode: 'ACT',
      eventDateTime: '2023-12-28T13:30:00.000Z', // 21:30 CST (UTC+8)
      location: { unLocationCode: 'CNSHA' },
      references: { vesselIMONumber: '9811000', carrierVoyageNumber: '047E' },
    });
    expect(arri[0]).toMatchObject({ eventDateTime: '2024-01-14T13:45:00.000Z', location: { unLocationCode: 'USLAX' } });
    expect(result.events).toHaveLength(5);
  });

  it('should give the re-sent interchange (new control numbers, BOM, CRLF) the same idempotency keys', () => {
    const again = x12315Parser.parse(fixture('315-resent-crlf-bom.edi'), ctx);
    expect(again.rejected).toEqual([]);
    expect(again.events.map((e) => e.idempotencyKey).sort()).toEqual(result.events.map((e) => e.idempotencyKey).sort());
  });

  it('should give identical keys when the same bytes are parsed twice', () => {
    const twice = x12315Parser.parse(fixture('315-discharge-release-outgate.edi'), ctx);
    expect(twice.events.map((e) => e.idempotencyKey)).toEqual(result.events.map((e) => e.idempotencyKey));
  });

  describe('with custom delimiters and broken transaction sets', () => {
    const text = new TextDecoder().decode(fixture('315-errors-custom-delimiters.edi'));
    const bad = x12315Parser.parse(fixture('315-errors-custom-delimiters.edi'), ctx);
    // The same interchange with ST 0002's SE01 corrected (3 segments): the envelope is sound again.
    const mended = x12315Parser.parse(new TextEncoder().encode(text.replace('SE|9|0002!', 'SE|3|0002!')), ctx);

    it('should reject the whole interchange when one SE01 count is wrong, naming the element and control number', () => {
      expect(bad.events).toEqual([]);
      expect(bad.rejected.map((r) => [r.code, r.pointer])).toEqual([
        ['PCS_X12_SE_COUNT_MISMATCH', 'SE01'],
        ['PCS_X12_INTERCHANGE_REJECTED', 'SE01'],
      ]);
      expect(bad.rejected[0]!.message).toMatch(/ST02 0002/);
      expect(bad.rejected[1]!.message).toMatch(/ISA13 000000007.*none of its 4 transaction set/);
    });

    it('should reject the container with a wrong check digit', () => {
      const r = mended.rejected.find((x) => x.code === 'PCS_ID_CONTAINER_CHECK_DIGIT');
      expect(r?.message).toMatch(/MSCU1234579/);
    });

    it('should still map the good transaction sets around a bad container in a sound interchange', () => {
      expect(mended.events.map((e) => [e.eventTypeCode, e.references?.equipmentReference])).toEqual([
        ['LOAD', 'MSCU1234566'],
        ['LOAD', 'MSCU1234566'],
        ['GTIN', 'TGHU8765436'],
      ]);
      expect(mended.events[2]!.payload).toMatchObject({ emptyIndicatorCode: 'EMPTY', ISOEquipmentCode: '22G1' });
      expect(mended.events[0]!.references).toMatchObject({
        vesselIMONumber: '9839430',
        carrierVoyageNumber: '0FM1RW1MA',
      });
      expect(mended.rejected.map((r) => r.code)).toEqual(['PCS_ID_CONTAINER_CHECK_DIGIT']);
    });
  });

  describe('X12.5 envelope checks (ISA is 106 fixed-width characters; IEA/GE/SE counts and control numbers)', () => {
    const good = new TextDecoder().decode(fixture('315-discharge-release-outgate.edi'));
    const parse = (text: string) => x12315Parser.parse(new TextEncoder().encode(text), ctx);

    it('should accept the fixture as it is', () => {
      expect(good.split('~')[0]!.length + 1).toBe(106);
      expect(parse(good).rejected).toEqual([]);
    });

    it('should reject an interchange whose ISA06 is not padded to 15 characters (ISA 95 characters)', () => {
      const short = good.replace('*02*MAEU           *', '*02*MAEU*');
      const r = parse(short);
      expect(r.events).toEqual([]);
      expect(r.rejected.map((x) => [x.code, x.pointer])).toEqual([
        ['PCS_X12_ISA_LENGTH', 'ISA06'],
        ['PCS_X12_INTERCHANGE_REJECTED', 'ISA06'],
      ]);
      expect(r.rejected[0]!.message).toMatch(
        /ISA is 95 characters, must be 106: ISA06 "MAEU" is 4 characters.*TA1 note 006/,
      );
    });

    it.each([
      ['IEA02 ≠ ISA13', 'IEA*1*000000101~', 'IEA*1*000000999~', 'PCS_X12_IEA_CONTROL_MISMATCH', 'IEA02'],
      ['IEA01 group count', 'IEA*1*000000101~', 'IEA*2*000000101~', 'PCS_X12_IEA_COUNT_MISMATCH', 'IEA01'],
      ['GE01 set count', 'GE*3*101~', 'GE*2*101~', 'PCS_X12_GE_COUNT_MISMATCH', 'GE01'],
      ['GE02 ≠ GS06', 'GE*3*101~', 'GE*3*102~', 'PCS_X12_GE_CONTROL_MISMATCH', 'GE02'],
      ['SE02 ≠ ST02', 'SE*5*0002~', 'SE*5*0009~', 'PCS_X12_SE_CONTROL_MISMATCH', 'SE02'],
    ])('should reject the whole interchange on %s', (_what, from, to, code, pointer) => {
      expect(good).toContain(from);
      const r = parse(good.replace(from, to));
      expect(r.events).toEqual([]);
      expect(r.rejected.map((x) => [x.code, x.pointer])).toEqual([
        [code, pointer],
        ['PCS_X12_INTERCHANGE_REJECTED', pointer],
      ]);
    });
  });
});
