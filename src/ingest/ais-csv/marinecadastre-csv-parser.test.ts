import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { positionIdempotencyKey } from '../../domain/vessel-observation.js';
import { AIS_CSV_ERRORS } from '../../domain/errors/ais-csv-errors.js';
import { marineCadastreCsvParser } from './marinecadastre-csv-parser.js';

const ctx = { inboxId: 'inbox-1', receivedAt: '2022-01-04T00:00:00.000Z', sourceOrg: 'noaa', timeZone: 'UTC' };
const fixture = new URL(
  '../../../test/vessel-calls/fixtures/marinecadastre-2022-01-03-san-pedro-bay.csv',
  import.meta.url,
);
const HEADER =
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';
const parse = (text: string) => marineCadastreCsvParser.parse(new TextEncoder().encode(text), ctx);

describe('MarineCadastre AIS CSV parser', () => {
  const body = readFileSync(fixture);
  const result = marineCadastreCsvParser.parse(body, ctx);
  const lines = body.toString('utf8').trim().split('\n').slice(1);

  it('should turn the real San Pedro Bay extract into one position per vessel-minute and deduplicated static records', () => {
    expect(lines).toHaveLength(2274);
    // The extract really holds rows from transmitters with a 10-digit "MMSI": each is rejected, with its line.
    const badMmsiLines = lines.flatMap((l, i) => (/^\d{9},/.test(l) ? [] : [i + 2]));
    expect(badMmsiLines.length).toBeGreaterThan(0);
    expect(result.rejected.map((r) => [r.code, r.line])).toEqual(
      badMmsiLines.map((line) => ['PCS_AISCSV_BAD_MMSI', line]),
    );
    // Expected counts computed independently from the raw rows: distinct (MMSI, BaseDateTime[0..16]) pairs,
    // and distinct (MMSI, VesselName, IMO, CallSign, VesselType, Length, Width, Draft) tuples with any value.
    const minutes = new Set(
      lines
        .filter((l) => /^\d{9},/.test(l))
        .map((l) => l.split(','))
        .map((c) => `${c[0]}|${c[1]!.slice(0, 16)}`),
    );
    const positions = result.events.filter((e) => e.eventTypeCode === 'POSN');
    expect(positions).toHaveLength(minutes.size);
    expect(positions.length).toBeLessThan(lines.length); // one-per-minute keys collapsed real duplicates
    const statics = result.events.filter((e) => e.eventTypeCode === 'STAT');
    expect(statics.length).toBeGreaterThan(400);
    expect(new Set(result.events.map((e) => e.idempotencyKey)).size).toBe(result.events.length);
  });

  it('should give identical keys when the same file is delivered again', () => {
    const again = marineCadastreCsvParser.parse(readFileSync(fixture), {
      ...ctx,
      receivedAt: '2023-05-05T00:00:00.000Z',
    });
    expect(again.events.map((e) => e.idempotencyKey)).toEqual(result.events.map((e) => e.idempotencyKey));
  });

  it('should map a moored container ship row to typed position and static payloads', () => {
    const pos = result.events.find(
      (e) => e.idempotencyKey === positionIdempotencyKey('477776200', '2022-01-03T00:01:17.000Z'),
    );
    expect(pos?.eventType).toBe('VESSEL');
    expect(pos?.payload).toMatchObject({ mmsi: '477776200', navStatus: 5, aisType: null, transceiverClass: 'A' });
    const stat = result.events.find((e) => e.eventTypeCode === 'STAT' && e.references?.vesselMMSI === '477776200');
    expect(stat?.payload).toMatchObject({ name: 'COSCO SPAIN', shipType: 71, lengthM: 366, draughtM: 12.8 });
    expect(stat?.idempotencyKey).toMatch(/^ais-static:477776200:[0-9a-f]{64}$/);
  });

  it('should read "not available" values as null (heading 511, SOG 102.3, COG 360)', () => {
    const r = parse(`${HEADER}\n367000001,2022-01-03T00:00:00,33.7,-118.2,102.3,360,511,X,,,,0,,,,,A\n`);
    expect(r.events[0]?.payload).toMatchObject({ sogKn: null, cogDeg: null, headingDeg: null, navStatus: 0 });
    expect(r.events).toHaveLength(2); // the name alone is a static record
  });

  it('should keep the first report of a minute and drop the later one', () => {
    const r = parse(
      `${HEADER}\n367000001,2022-01-03T00:00:05,33.7,-118.2,1,10,10,,,,,0,,,,,A\n367000001,2022-01-03T00:00:55,33.8,-118.2,1,10,10,,,,,0,,,,,A\n`,
    );
    expect(r.events).toHaveLength(1);
    expect(r.events[0]?.payload).toMatchObject({ lat: 33.7 });
    expect(r.events[0]?.eventDateTime).toBe('2022-01-03T00:00:05.000Z');
  });

  it('should reject bad rows with line and column and keep the good ones', () => {
    const r = parse(
      [
        HEADER,
        '12345,2022-01-03T00:00:00,33.7,-118.2,0,0,511,,,,,,,,,,A',
        '367000001,03/01/2022 00:00,33.7,-118.2,0,0,511,,,,,,,,,,A',
        '367000001,2022-01-03T00:01:00,91,181,0,0,511,,,,,,,,,,A',
        '367000001,2022-01-03T00:02:00,33.7,-118.2,fast,0,511,,,,,,,,,,A',
        '367000001,2022-01-03T00:03:00,33.7,-118.2,0,0,511,"OPEN,,,,,,,,,A',
        '367000001,2022-01-03T00:04:00,33.7,-118.2,0,0,511,"NAME, WITH COMMA",,,,,,,,,A',
      ].join('\r\n'),
    );
    expect(r.rejected.map((x) => [x.code, x.line, x.pointer])).toEqual([
      ['PCS_AISCSV_BAD_MMSI', 2, 'MMSI'],
      ['PCS_AISCSV_BAD_DATETIME', 3, 'BaseDateTime'],
      ['PCS_AISCSV_BAD_POSITION', 4, 'LAT'],
      ['PCS_AISCSV_BAD_NUMBER', 5, 'SOG'],
      ['PCS_AISCSV_BAD_QUOTING', 6, undefined],
    ]);
    expect(r.events.find((e) => e.eventTypeCode === 'STAT')?.payload).toMatchObject({ name: 'NAME, WITH COMMA' });
    for (const x of r.rejected) expect(AIS_CSV_ERRORS).toHaveProperty(x.code);
  });

  it('should reject a row whose numeric cell does not fit its column, naming the column, and keep the good rows', () => {
    // MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass
    const rows: [string, string][] = [
      ['VesselType', '367000001,2022-01-03T00:00:00,33.7,-118.2,0,0,511,A,,,70.5,0,,,,,A'],
      ['VesselType', '367000001,2022-01-03T00:01:00,33.7,-118.2,0,0,511,A,,,256,0,,,,,A'],
      ['VesselType', '367000001,2022-01-03T00:02:00,33.7,-118.2,0,0,511,A,,,-1,0,,,,,A'],
      ['Status', '367000001,2022-01-03T00:03:00,33.7,-118.2,0,0,511,A,,,70,5.5,,,,,A'],
      ['Status', '367000001,2022-01-03T00:04:00,33.7,-118.2,0,0,511,A,,,70,16,,,,,A'],
      ['Heading', '367000001,2022-01-03T00:05:00,33.7,-118.2,0,0,360,A,,,70,0,,,,,A'],
      ['Heading', '367000001,2022-01-03T00:06:00,33.7,-118.2,0,0,90.5,A,,,70,0,,,,,A'],
      ['SOG', '367000001,2022-01-03T00:07:00,33.7,-118.2,102.4,0,511,A,,,70,0,,,,,A'],
      ['COG', '367000001,2022-01-03T00:08:00,33.7,-118.2,0,360.1,511,A,,,70,0,,,,,A'],
      ['Length', '367000001,2022-01-03T00:09:00,33.7,-118.2,0,0,511,A,,,70,0,1023,,,,A'],
      ['Width', '367000001,2022-01-03T00:10:00,33.7,-118.2,0,0,511,A,,,70,0,,-3,,,A'],
      ['Draft', '367000001,2022-01-03T00:11:00,33.7,-118.2,0,0,511,A,,,70,0,,,25.6,,A'],
      ['IMO', '367000001,2022-01-03T00:12:00,33.7,-118.2,0,0,511,A,IMO70.5,,70,0,,,,,A'],
    ];
    const good = [
      '367000002,2022-01-03T00:00:00,33.7,-118.2,102.3,360,511,B,IMO9074729,CALL,70.0,15,1022,126,25.5,,A',
      '367000003,2022-01-03T00:00:00,33.7,-118.2,0,359.9,359,C,,,0,0,0,0,0,,B',
      // Values real files carry: a reserved ship type, a crew-typed "IMO" that is no IMO number.
      '367000004,2022-01-03T00:00:00,33.7,-118.2,-0.1,-12.5,0,D,IMO1001301448,,200,0,,,,,B',
    ];
    const r = parse([HEADER, ...rows.map(([, row]) => row), ...good].join('\n'));
    expect(r.rejected.map((x) => [x.pointer, x.line])).toEqual(rows.map(([pointer], i) => [pointer, i + 2]));
    expect(r.rejected.map((x) => x.code)).toEqual([
      ...rows.slice(0, -1).map(() => 'PCS_AISCSV_OUT_OF_RANGE'),
      'PCS_AISCSV_BAD_IMO',
    ]);
    expect(r.rejected[0]?.message).toBe('VesselType "70.5" is not a whole number from 0 to 255');
    // Only the good rows' vessels produced events, with the values in their columns' types.
    expect([...new Set(r.events.map((e) => e.references?.vesselMMSI))]).toEqual([
      '367000002',
      '367000003',
      '367000004',
    ]);
    const reserved = r.events.filter((e) => e.references?.vesselMMSI === '367000004').map((e) => e.payload);
    expect(reserved).toEqual([
      expect.objectContaining({ sogKn: null, cogDeg: null, headingDeg: 0 }),
      expect.objectContaining({ imo: null, shipType: 200 }),
    ]);
    const stat = r.events.find((e) => e.eventTypeCode === 'STAT' && e.references?.vesselMMSI === '367000002');
    expect(stat?.payload).toMatchObject({ shipType: 70, lengthM: 1022, beamM: 126, draughtM: 25.5 });
    const pos = r.events.find((e) => e.eventTypeCode === 'POSN' && e.references?.vesselMMSI === '367000002');
    expect(pos?.payload).toMatchObject({ sogKn: null, cogDeg: null, headingDeg: null, navStatus: 15 });
    for (const x of r.rejected) expect(AIS_CSV_ERRORS).toHaveProperty(x.code);
  });

  it('should name every bad column of one row and accept only plain decimal numbers', () => {
    const r = parse(`${HEADER}\n367000001,2022-01-03T00:00:00,33.7,-118.2,0x10,1e2,Infinity,A,,,70.5,,,,,,A\n`);
    expect(r.events).toEqual([]);
    expect(r.rejected.map((x) => [x.code, x.pointer])).toEqual([
      ['PCS_AISCSV_BAD_NUMBER', 'SOG'],
      ['PCS_AISCSV_BAD_NUMBER', 'COG'],
      ['PCS_AISCSV_BAD_NUMBER', 'Heading'],
      ['PCS_AISCSV_OUT_OF_RANGE', 'VesselType'],
    ]);
  });

  it('should reject a text cell with a NUL character, which the store cannot hold', () => {
    const r = parse(`${HEADER}\n367000001,2022-01-03T00:00:00,33.7,-118.2,0,0,511,BAD\u0000NAME,,,70,0,,,,,A\n`);
    expect(r.events).toEqual([]);
    expect(r.rejected.map((x) => [x.code, x.pointer])).toEqual([['PCS_AISCSV_BAD_TEXT', 'VesselName']]);
  });

  it('should reject a file without the required columns as a whole', () => {
    const r = parse('MMSI,LAT,LON\n367000001,33,-118\n');
    expect(r.events).toEqual([]);
    expect(r.rejected).toEqual([expect.objectContaining({ code: 'PCS_AISCSV_MISSING_COLUMN', line: 1 })]);
  });

  it('should never throw on arbitrary bytes', () => {
    for (const bytes of [
      new Uint8Array([0xff, 0xfe, 0x00]),
      new Uint8Array(),
      new TextEncoder().encode('"\n"""\n,,,'),
    ]) {
      expect(() => marineCadastreCsvParser.parse(bytes, ctx)).not.toThrow();
    }
  });
});
