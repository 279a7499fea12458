import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../message-parser.js';
import { edifactBaplieParser } from './edifact-baplie-parser.js';
import { edifactCoarriParser } from './edifact-coarri-parser.js';
import { edifactCodecoParser } from './edifact-codeco-parser.js';
import { edifactIftstaParser } from './edifact-iftsta-parser.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../../../test/fixtures/edifact/${name}`, import.meta.url));
const ctx: ParseContext = { inboxId: 'i', receivedAt: '2024-03-02T12:00:00Z', sourceOrg: 'wbct', timeZone: 'UTC' };
const codes = (r: { rejected: { code: string }[] }) => r.rejected.map((x) => x.code);

describe('edifact-codeco', () => {
  const r = edifactCodecoParser.parse(fixture('codeco-gate-in-out.edi'), ctx);
  const by = (id: string) => r.events.find((e) => e.references?.equipmentReference === id);

  it('should turn gate-in and gate-out reports of both interchanges into GTIN/GTOT events', () => {
    expect(r.events.map((e) => [e.eventTypeCode, e.references?.equipmentReference])).toEqual([
      ['GTIN', 'TCLU9988775'],
      ['GTIN', 'HLXU1122330'],
      ['GTOT', 'CSQU3054383'],
      ['GTIN', 'MAEU1234567'],
    ]);
  });

  it('should read DTM+7 in the terminal local time and the SMDG terminal from LOC C519', () => {
    expect(by('TCLU9988775')).toMatchObject({
      eventClassifierCode: 'ACT',
      eventDateTime: '2024-03-01T14:45:00.000Z',
      location: {
        unLocationCode: 'USLAX',
        facilityCode: 'WBCT',
        facilityCodeListProvider: 'SMDG',
        facilityTypeCode: 'GATE',
      },
      references: { carrierBookingReference: 'ONEYBKG555' },
      payload: {
        emptyIndicatorCode: 'LADEN',
        ISOEquipmentCode: '45G1',
        modeOfTransport: 'TRUCK',
        seals: ['WB123456'],
        truckOrTrainId: '7ABC+123',
      },
    });
    expect(by('HLXU1122330')!.payload).toMatchObject({ emptyIndicatorCode: 'EMPTY' });
  });

  it('should take header DTM/LOC for a gate-out by rail', () => {
    expect(by('CSQU3054383')).toMatchObject({
      eventDateTime: '2024-03-01T23:30:00.000Z',
      references: { transportDocumentReference: 'MAEU240098765' },
      payload: { modeOfTransport: 'RAIL' },
    });
  });

  it('should read the UNA-customised interchange at Long Beach', () => {
    expect(by('MAEU1234567')).toMatchObject({
      eventDateTime: '2024-03-02T11:30:00.000Z',
      location: { unLocationCode: 'USLGB', facilityCode: 'LBCT' },
      payload: { ISOEquipmentCode: '45R1' },
    });
  });

  it('should reject only the container with the bad check digit', () => {
    expect(codes(r)).toEqual(['PCS_ID_CONTAINER_CHECK_DIGIT']);
    expect(r.rejected[0]!.message).toMatch(/MSCU1234567/);
  });
});

describe('edifact-coarri', () => {
  const r = edifactCoarriParser.parse(fixture('coarri-discharge-load.edi'), ctx);

  it('should map discharge (98) and loading (270) reports and reject the message whose UNT count is wrong', () => {
    expect(r.events.map((e) => [e.eventTypeCode, e.references?.equipmentReference])).toEqual([
      ['DISC', 'CSQU3054383'],
      ['DISC', 'MAEU1234567'],
      ['LOAD', 'TGHU8765436'],
    ]);
    expect(codes(r)).toEqual(['PCS_EDIFACT_UNT_COUNT_MISMATCH']);
  });

  it('should carry vessel, stowage cell, VGM, seals and dangerous goods', () => {
    expect(r.events[0]).toMatchObject({
      eventDateTime: '2024-01-14T16:12:00.000Z', // 08:12 PST at Long Beach
      eventCreatedDateTime: '2024-01-14T12:00:00.000Z', // DTM+137 read in the sender zone (UTC)
      location: { unLocationCode: 'USLGB', facilityCode: 'LBCT' },
      references: {
        vesselIMONumber: '9811000',
        carrierVoyageNumber: '047E',
        transportDocumentReference: 'MAEU240098765',
      },
      payload: {
        stowageLocation: '0340284',
        verifiedGrossMassKg: 24500,
        seals: ['ML1234567'],
        transportCall: { vesselName: 'EVER GIVEN', UNLocationCode: 'USLGB', facilityCode: 'LBCT' },
      },
    });
    expect(r.events[1]!.payload).toMatchObject({ dangerousGoods: [{ unNumber: '1203', imoClass: '3' }] });
  });

  it('should keep a discharged box’s port of loading (LOC+9), where the vessel came from, and none on a load', () => {
    expect(r.events[0]!.payload).toMatchObject({ portOfLoading: 'CNSHA' });
    expect(r.events[2]!.payload).not.toHaveProperty('portOfLoading');
  });
});

describe('edifact-coarri document codes (SMDG COARRI MIG: 98 discharge, 270 loading; UNTDID 1001: 119, 181, 122)', () => {
  // One discharge report, written from the SMDG COARRI MIG segment layout (BGM, TDT 20, LOC 165 with C519
  // terminal, EQD group with DTM 203 and LOC 11 port of discharge); only BGM 1001 varies.
  const report = (bgm: string): Uint8Array =>
    new TextEncoder().encode(
      [
        "UNB+UNOA:2+LBCT+EGLV+240115:1200+CO0099'",
        "UNH+1+COARRI:D:95B:UN:ITG12'",
        `BGM+${bgm}+REP0001+9'`,
        "TDT+20+047E+1+13+EGLV:172:20+++9811000:146:11:EVER GIVEN'",
        "LOC+165+USLGB:139:6+LBCT:TER:306'",
        "EQD+CN+CSQU3054383+45G1:102:5++3+5'",
        "DTM+203:202401140812:203'",
        "LOC+11+USLGB:139:6'",
        "LOC+9+CNSHA:139:6'",
        "UNT+9+1'",
        "UNZ+1+CO0099'",
      ].join(''),
    );
  const moves = (bgm: string) =>
    edifactCoarriParser.parse(report(bgm), ctx).events.map((e) => [e.eventTypeCode, e.location?.unLocationCode]);

  it('should turn a discharge report into a DISC only — no LOAD at the port of discharge, no phantom export', () => {
    for (const bgm of ['98', '119', '181']) expect(moves(bgm)).toEqual([['DISC', 'USLGB']]);
  });

  it('should turn a loading report into a LOAD', () => {
    for (const bgm of ['270', '122']) expect(moves(bgm)).toEqual([['LOAD', 'USLGB']]);
  });

  it('should reject codes that are not load/discharge reports (44 transport status report, 46) instead of guessing', () => {
    for (const bgm of ['44', '46']) {
      const r = edifactCoarriParser.parse(report(bgm), ctx);
      expect(r.events).toEqual([]);
      expect(codes(r)).toEqual(['PCS_EDIFACT_UNKNOWN_DOCUMENT']);
    }
  });
});

describe('edifact-iftsta', () => {
  const r = edifactIftstaParser.parse(fixture('iftsta-status.edi'), ctx);

  it('should map carrier status codes to DISC, customs release and an estimated vessel arrival', () => {
    expect(r.events.map((e) => [e.eventType, e.eventTypeCode, e.eventClassifierCode])).toEqual([
      ['EQUIPMENT', 'DISC', 'ACT'],
      ['SHIPMENT', 'RELS', 'ACT'],
      ['TRANSPORT', 'ARRI', 'EST'],
    ]);
    expect(r.events[0]).toMatchObject({
      eventDateTime: '2024-01-15T14:12:00.000Z',
      references: {
        equipmentReference: 'CSQU3054383',
        transportDocumentReference: 'MAEU240098765',
        vesselIMONumber: '9811000',
      },
    });
    expect(r.events[1]).toMatchObject({
      payload: { holdType: 'CUSTOMS' },
      references: { transportDocumentReference: 'MAEU240098765' },
    });
    expect(r.events[2]).toMatchObject({
      location: { unLocationCode: 'USLGB' },
      references: { carrierVoyageNumber: '048E' },
    });
  });

  it('should reject the bad container and the unmapped status, keeping the rest', () => {
    expect(codes(r)).toEqual(['PCS_ID_CONTAINER_CHECK_DIGIT', 'PCS_EDIFACT_UNSUPPORTED_STATUS']);
  });
});

describe('edifact-baplie', () => {
  const r = edifactBaplieParser.parse(fixture('baplie-ever-given.edi'), ctx);

  it('should plan a discharge at the next port of call for each container bound there, at the ETA', () => {
    expect(r.events.map((e) => [e.eventTypeCode, e.eventClassifierCode, e.references?.equipmentReference])).toEqual([
      ['DISC', 'PLN', 'CSQU3054383'],
      ['DISC', 'PLN', 'MAEU1234567'],
    ]);
    expect(r.events[0]).toMatchObject({
      eventDateTime: '2024-01-14T13:45:00.000Z', // 05:45 PST
      location: { unLocationCode: 'USLAX' },
      payload: { stowageLocation: '0340284', verifiedGrossMassKg: 24500, portOfLoading: 'CNSHA' },
    });
    expect(r.events[1]!.payload).toMatchObject({ grossWeightKg: 27000, dangerousGoods: [{ unNumber: '1203' }] });
  });

  it('should leave the container for Oakland on board and reject the bad check digit', () => {
    expect(r.events.some((e) => e.references?.equipmentReference === 'TGHU8765436')).toBe(false);
    expect(codes(r)).toEqual(['PCS_ID_CONTAINER_CHECK_DIGIT']);
  });

  it('should reject a CODECO sent to the BAPLIE parser', () => {
    const wrong = edifactBaplieParser.parse(fixture('codeco-gate-in-out.edi'), ctx);
    expect(wrong.events).toEqual([]);
    expect(new Set(codes(wrong))).toEqual(new Set(['PCS_EDIFACT_UNEXPECTED_MESSAGE_TYPE']));
  });
});
