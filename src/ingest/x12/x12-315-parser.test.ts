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
    const bad = x12315Parser.parse(fixture('315-errors-custom-delimiters.edi'), ctx);

    it('should reject the transaction set whose SE count is wrong, and only that one', () => {
      expect(bad.rejected.filter((r) => r.code === 'PCS_X12_SE_COUNT_MISMATCH')).toHaveLength(1);
    });

    it('should reject the container with a wrong check digit', () => {
      const r = bad.rejected.find((x) => x.code === 'PCS_ID_CONTAINER_CHECK_DIGIT');
      expect(r?.message).toMatch(/MSCU1234579/);
    });

    it('should still map the good transaction sets around the bad ones', () => {
      expect(bad.events.map((e) => [e.eventTypeCode, e.references?.equipmentReference])).toEqual([
        ['LOAD', 'MSCU1234566'],
        ['GTIN', 'TGHU8765436'],
      ]);
      expect(bad.events[1]!.payload).toMatchObject({ emptyIndicatorCode: 'EMPTY', ISOEquipmentCode: '22G1' });
      expect(bad.events[0]!.references).toMatchObject({ vesselIMONumber: '9839430', carrierVoyageNumber: '0FM1RW1MA' });
      expect(bad.rejected).toHaveLength(2);
    });
  });
});
