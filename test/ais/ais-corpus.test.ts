/**
 * Conformance corpus: the pyais sample files (test/fixtures/ais, provenance in its README) and known
 * sentences with values checked by hand against the bit layout of ITU-R M.1371-5 Table 45 (type 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeToObjects } from './ais-decode-to-objects.js';
import { AisStreamDecoder } from '../../src/ingest/ais/ais-stream-decoder.js';
import type { AisMessage } from '../../src/ingest/ais/ais-types.js';
import { checksum } from '../../src/sim/ais/ais-encoder.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ais');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** Independent reference: armoured payload → bit string → fields by Table 45 offsets. */
function table45(payload: string): Record<string, number> {
  const bits = payload
    .split('')
    .map((ch) => {
      let v = ch.charCodeAt(0) - 48;
      if (v > 40) v -= 8;
      return v.toString(2).padStart(6, '0');
    })
    .join('');
  const u = (start: number, len: number): number => parseInt(bits.slice(start, start + len), 2);
  const s = (start: number, len: number): number => {
    const v = u(start, len);
    return v >= 2 ** (len - 1) ? v - 2 ** len : v;
  };
  return {
    type: u(0, 6),
    repeat: u(6, 2),
    mmsi: u(8, 30),
    status: u(38, 4),
    rot: s(42, 8),
    sog: u(50, 10),
    accuracy: u(60, 1),
    lon: s(61, 28),
    lat: s(89, 27),
    cog: u(116, 12),
    heading: u(128, 9),
    second: u(137, 6),
    maneuver: u(143, 2),
    raim: u(148, 1),
    radio: u(149, 19),
  };
}

describe('AIS NMEA conformance corpus', () => {
  it('should decode the well-known type 1 sentence field by field as its bit layout says', () => {
    const payload = '15M67FC000G?ufbE`wFepT@3n00Sa';
    const raw = table45(payload);
    const { messages, rejected } = decodeToObjects(`!AIVDM,1,1,,B,${payload},0*2B\n`);
    expect(rejected).toEqual([]);
    expect(raw).toMatchObject({ type: 1, mmsi: 366053209, status: 3, lon: -73404971, lat: 22691674, cog: 3554 });
    expect(messages[0]!.message).toEqual({
      type: 1,
      repeat: raw['repeat'],
      mmsi: 366053209,
      navStatus: 3,
      turn: raw['rot'],
      sog: 0,
      accuracy: false,
      lon: -122.341618, // −73 404 971 / 600 000 = −122.3416183…
      lat: 37.819457, // 22 691 674 / 600 000 = 37.8194566…
      cog: 355.4,
      heading: 136,
      second: 1,
      maneuver: 3,
      raim: true,
      radio: raw['radio'],
    });
    expect(messages[0]!.envelope).toMatchObject({ talker: 'AI', sentence: 'VDM', channel: 'B', line: 1 });
  });

  it('should reject the same sentence with the checksum 5C often quoted for it (XOR is 2B)', () => {
    expect(checksum('AIVDM,1,1,,B,15M67FC000G?ufbE`wFepT@3n00Sa,0')).toBe('2B');
    const { messages, rejected } = decodeToObjects('!AIVDM,1,1,,B,15M67FC000G?ufbE`wFepT@3n00Sa,0*5C\n');
    expect(messages).toEqual([]);
    expect(rejected).toEqual([expect.objectContaining({ code: 'PCS_AIS_BAD_CHECKSUM', line: 1 })]);
  });

  it('should decode every single-part sentence with a payload of nmea_data_sample.txt and emit nothing for orphans', () => {
    const text = fixture('nmea_data_sample.txt');
    const lines = text.toString('latin1').split('\n');
    const singles = lines.filter((l) => l.startsWith('!AIVDM,1,1,') && !/,,[0-5]\*/.test(l)).length;
    const { messages, rejected } = decodeToObjects(text);
    expect(messages).toHaveLength(singles);
    expect(singles).toBe(778);
    expect(messages.every((m) => m.message.mmsi > 0)).toBe(true);
    const codes = rejected.map((r) => r.code);
    expect(codes.filter((c) => c === 'PCS_AIS_EMPTY_PAYLOAD')).toHaveLength(100);
    // the 20 first parts of 2-part messages whose second part never comes
    expect(codes.filter((c) => c === 'PCS_AIS_INCOMPLETE_MESSAGE')).toHaveLength(20);
    expect(codes).toHaveLength(120);
    for (const r of rejected.filter((x) => x.code === 'PCS_AIS_INCOMPLETE_MESSAGE')) {
      expect(lines[r.line! - 1]).toMatch(/^!AIVDM,2,1,/);
    }
  });

  it('should find the 6 messages among comments and text of messages.ais', () => {
    const { messages, rejected } = decodeToObjects(fixture('messages.ais'));
    expect(messages.map((m) => m.message.mmsi)).toEqual([
      413355820, 445451000, 412764890, 413355820, 445451000, 412764890,
    ]);
    expect(rejected).toEqual([]);
  });

  it('should reassemble the 2-part type 5 messages of mixed.txt, with and without tag blocks', () => {
    const { messages, rejected } = decodeToObjects(fixture('mixed.txt'));
    const statics = messages.filter((m) => m.message.type === 5);
    expect(statics.map((m) => m.message)).toEqual([
      expect.objectContaining({ mmsi: 351759000, imo: 9134270, callsign: '3FOF8', name: 'EVER DIADEM', draught: 12.2 }),
      expect.objectContaining({
        mmsi: 366989380,
        callsign: 'WDC2198',
        name: 'MARE ISLAND',
        destination: '<> SFO VJ/FB',
      }),
    ]);
    // the SAVDM pair: source and time from the first fragment's tag block (c: 1428621738 s)
    expect(statics[1]!.envelope).toMatchObject({ talker: 'SA', source: 'b003669710', timeMs: 1428621738000, line: 24 });
    expect(messages).toHaveLength(12);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [14, 'PCS_AIS_NOT_NMEA'], // foobar
      [21, 'PCS_AIS_NOT_NMEA'], // IamNotAnAisMessage1111
      [23, 'PCS_AIS_MALFORMED_SENTENCE'], // no *hh
      [35, 'PCS_AIS_BAD_CHECKSUM'],
    ]);
  });

  it('should decode gatehouse.nmea and date each sentence by the $PGHP header before it', () => {
    const { messages, rejected } = decodeToObjects(fixture('gatehouse.nmea'));
    expect(messages).toHaveLength(4);
    expect(messages[0]!.envelope.timeMs).toBe(Date.UTC(2008, 4, 9, 0, 0, 0, 10));
    // its header on line 5 has a wrong checksum: no time for the sentence after it
    expect(messages[1]!.envelope.timeMs).toBeNull();
    expect(rejected).toEqual([expect.objectContaining({ code: 'PCS_AIS_BAD_CHECKSUM', line: 7 })]);
  });

  it('should take times from tag blocks, receiver prefixes and trailing fields, and accept any talker and channel', () => {
    const body = (talker: string, channel: string): string => {
      const b = `${talker}VDM,1,1,,${channel},15M67FC000G?ufbE\`wFepT@3n00Sa,0`;
      return `!${b}*${checksum(b)}`;
    };
    const input = [
      `\\s:rx7,c:1700000000*${checksum('s:rx7,c:1700000000')}\\${body('AB', 'A')}`,
      `2022-01-03 00:00:01 ${body('BS', '1')}`,
      `1234567890.123 ${body('AI', '2')}`,
      `${body('SA', '')},1641168000`,
      body('AI', 'B')
        .replace('AIVDM', 'AIVDO')
        .replace(/\*..$/, `*${checksum('AIVDO,1,1,,B,15M67FC000G?ufbE`wFepT@3n00Sa,0')}`),
    ].join('\n');
    const { messages, rejected } = decodeToObjects(input);
    expect(rejected).toEqual([]);
    expect(messages.map((m) => m.envelope)).toEqual([
      { line: 1, talker: 'AB', sentence: 'VDM', channel: 'A', source: 'rx7', timeMs: 1_700_000_000_000 },
      { line: 2, talker: 'BS', sentence: 'VDM', channel: '1', source: null, timeMs: Date.UTC(2022, 0, 3, 0, 0, 1) },
      { line: 3, talker: 'AI', sentence: 'VDM', channel: '2', source: null, timeMs: 1_234_567_890_123 },
      { line: 4, talker: 'SA', sentence: 'VDM', channel: '', source: null, timeMs: 1_641_168_000_000 },
      { line: 5, talker: 'AI', sentence: 'VDO', channel: 'B', source: null, timeMs: null },
    ]);
  });

  it('should give the same messages whatever the chunking of the stream', () => {
    const text = fixture('mixed.txt');
    const whole = decodeToObjects(text).messages.map((m) => m.message);
    for (const size of [1, 7, 64]) {
      const got: AisMessage[] = [];
      const decoder = new AisStreamDecoder(
        (m) => got.push(m),
        () => undefined,
      );
      for (let i = 0; i < text.length; i += size) decoder.push(text.subarray(i, i + size));
      decoder.end();
      expect(got).toEqual(whole);
    }
  });

  it('should drop a message whose fragments arrive out of order without emitting it', () => {
    const b1 = 'AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0';
    const b2 = 'AIVDM,2,2,1,A,88888888880,2';
    const { messages, rejected } = decodeToObjects(`!${b2}*${checksum(b2)}\n!${b1}*${checksum(b1)}\n`);
    expect(messages).toEqual([]);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [1, 'PCS_AIS_FRAGMENT_OUT_OF_ORDER'],
      [2, 'PCS_AIS_INCOMPLETE_MESSAGE'],
    ]);
  });

  it('should turn "not available" values into null (M.1371-5 Table 45)', () => {
    // type 1, mmsi 1, ROT -128, SOG 1023, lon 181°, lat 91°, COG 3600, heading 511
    const bits =
      '000001' +
      '00' +
      (1).toString(2).padStart(30, '0') +
      '1111' +
      '10000000' +
      '1111111111' +
      '0' +
      (181 * 600_000).toString(2).padStart(28, '0') +
      (91 * 600_000).toString(2).padStart(27, '0') +
      (3600).toString(2).padStart(12, '0') +
      (511).toString(2).padStart(9, '0') +
      '111100' +
      '00' +
      '000' +
      '0' +
      '0'.repeat(19);
    let payload = '';
    for (let i = 0; i < bits.length; i += 6) {
      const v = parseInt(bits.slice(i, i + 6), 2);
      payload += String.fromCharCode(v < 40 ? v + 48 : v + 56);
    }
    const b = `AIVDM,1,1,,A,${payload},0`;
    const { messages } = decodeToObjects(`!${b}*${checksum(b)}`);
    expect(messages[0]!.message).toMatchObject({
      navStatus: 15,
      turn: null,
      sog: null,
      lon: null,
      lat: null,
      cog: null,
      heading: null,
      second: 60,
    });
  });
});
