import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../../message-parser.js';
import { VESSEL_PARTICULARS_COLUMNS, vesselParticularsParser } from './vessel-particulars-parser.js';

const ctx: ParseContext = {
  inboxId: 'inbox-particulars-1',
  receivedAt: '2026-03-02T22:30:00.000Z',
  sourceOrg: 'coscon',
  timeZone: 'America/Los_Angeles',
};
const HEADER = VESSEL_PARTICULARS_COLUMNS.join(',');
const parse = (...rows: string[]) =>
  vesselParticularsParser.parse(new TextEncoder().encode([HEADER, ...rows].join('\n')), ctx);

describe('csv-vessel-particulars parser', () => {
  it('should turn each row into a VPAR statement of the IMO, dated as_of, empty cells null, spellings normalised', () => {
    const r = parse(
      '9516442,477776200,COSCO SPAIN,Container,13386,140000,141823,68640,12000,24.5,15.5,ssd,2,VLSFO,0.5,2011,Y,N,2026-03-02 06:40',
      '9516442,,,,,,,,,,,,4,mgo,,,,,2026-03-03T06:40:00Z',
    );
    expect(r.rejected).toEqual([]);
    expect(r.events.map((e) => [e.eventType, e.eventTypeCode, e.eventClassifierCode, e.eventDateTime])).toEqual([
      ['VESSEL', 'VPAR', 'ACT', '2026-03-02T14:40:00.000Z'],
      ['VESSEL', 'VPAR', 'ACT', '2026-03-03T06:40:00.000Z'],
    ]);
    expect(r.events[0]!.references).toEqual({ vesselIMONumber: '9516442', vesselMMSI: '477776200' });
    expect(r.events[0]!.payload).toEqual({
      extension: 'openpcs',
      imo: '9516442',
      mmsi: '477776200',
      vesselName: 'COSCO SPAIN',
      shipType: 'container',
      teu: 13_386,
      dwt: 140_000,
      gt: 141_823,
      mainEngineKw: 68_640,
      auxEngineKw: 12_000,
      designSpeedKn: 24.5,
      maxDraughtM: 15.5,
      mainEngine: 'SSD',
      engineStroke: 2,
      fuel: 'LFO',
      sulphurPct: 0.5,
      builtYear: 2011,
      shorePowerCapable: true,
      zeroEmissionCapable: false,
      sourceMessage: { format: 'csv-vessel-particulars', line: 2 },
    });
    expect(r.events[1]!.references).toEqual({ vesselIMONumber: '9516442' });
    expect(r.events[1]!.payload).toMatchObject({
      mmsi: null,
      teu: null,
      mainEngine: null,
      engineStroke: 4,
      fuel: 'MDO',
      shorePowerCapable: null,
    });
  });

  it('should give the same row the same key (redelivery is stored once) and a changed row a new one', () => {
    const row = '9516442,,,container,13386,,,68640,,,,,,,,,,,2026-03-02 06:40';
    const again = parse(row.replace('13386', ' 13386 ').replace('container', 'CONTAINER'));
    const changed = parse(row.replace('68640', '68000'));
    expect(parse(row).events[0]!.idempotencyKey).toBe(again.events[0]!.idempotencyKey);
    expect(changed.events[0]!.idempotencyKey).not.toBe(parse(row).events[0]!.idempotencyKey);
  });

  it('should reject bad rows with the line and column, and keep the good ones', () => {
    const r = parse(
      '9516442,,,container,13386,,,,,,,,,,,,,,2026-03-02 06:40',
      '9516443,,,container,13386,,,,,,,,,,,,,,2026-03-02 06:40',
      '9516442,,,,,,,,,,,,,,,,,,2026-03-02 06:40',
      '9516442,,,container,-5,,,,,,,,,,,,,,2026-03-02 06:40',
      '9516442,,,container,,,,0,,,,,,,,,,,2026-03-02 06:40',
      '9516442,,,container,,,,,,,,SSD,4,,,,,,2026-03-02 06:40',
      '9516442,,,container,,,,,,,,,,AMMONIA,,,,,2026-03-02 06:40',
      '9516442,,,container,,,,,,,,,,,,2030,,,2026-03-02 06:40',
      '9516442,,,spaceship,,,,,,,,,,,,,,,2026-03-02 06:40',
      '9516442,,,container,,,,,,99,,,,,,,,,2026-03-02 06:40',
      '9516442,,,container,,,,,,,,,,,,,,,',
      '9516442,,,container,,,,,,,,,,,,,maybe,,2026-03-02 06:40',
    );
    expect(r.events).toHaveLength(1);
    expect(r.rejected.map((x) => [x.line, x.code, x.pointer])).toEqual([
      [3, 'PCS_ID_IMO_CHECK_DIGIT', 'imo'],
      [4, 'PCS_CSV_MISSING_VALUE', 'imo'],
      [5, 'PCS_CSV_BAD_VALUE', 'teu'],
      [6, 'PCS_CSV_BAD_VALUE', 'main_engine_kw'],
      [7, 'PCS_CSV_INCONSISTENT_ROW', 'engine_stroke'],
      [8, 'PCS_CSV_BAD_VALUE', 'fuel'],
      [9, 'PCS_CSV_BAD_NUMBER', 'built_year'],
      [10, 'PCS_CSV_BAD_VALUE', 'ship_type'],
      [11, 'PCS_CSV_BAD_VALUE', 'design_speed_kn'],
      [12, 'PCS_CSV_MISSING_VALUE', 'as_of'],
      [13, 'PCS_CSV_BAD_VALUE', 'shore_power'],
    ]);
  });
});
