/** The `ais-nmea` MessageParser: decoded AIS messages → VESSEL canonical events. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aisNmeaParser } from '../../src/ingest/ais/ais-nmea-parser.js';
import type { ParseContext } from '../../src/ingest/message-parser.js';
import { checksum } from '../../src/sim/ais/ais-encoder.js';

const ctx: ParseContext = {
  inboxId: 'in-1',
  receivedAt: '2026-11-24T10:00:00.000Z',
  sourceOrg: 'local',
  timeZone: 'UTC',
};
const sentence = (body: string): string => `!${body}*${checksum(body)}`;
const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');

describe('ais-nmea parser', () => {
  it('should turn a position report into a POSN event dated by its tag block', () => {
    const tag = 's:rx1,c:1700000000';
    const input = `\\${tag}*${checksum(tag)}\\${sentence('AIVDM,1,1,,B,15M67FC000G?ufbE`wFepT@3n00Sa,0')}\n`;
    const { events, rejected } = aisNmeaParser.parse(bytes(input), ctx);
    expect(rejected).toEqual([]);
    expect(events).toEqual([
      {
        idempotencyKey: 'ais-pos:366053209:2023-11-14T22:13',
        eventType: 'VESSEL',
        eventTypeCode: 'POSN',
        eventClassifierCode: 'ACT',
        eventDateTime: '2023-11-14T22:13:20.000Z',
        eventCreatedDateTime: ctx.receivedAt,
        location: { latitude: 37.819457, longitude: -122.341618 },
        references: { vesselMMSI: '366053209' },
        payload: {
          mmsi: '366053209',
          lat: 37.819457,
          lon: -122.341618,
          sogKn: 0,
          cogDeg: 355.4,
          headingDeg: 136,
          navStatus: 3,
          aisType: 1,
        },
      },
    ]);
  });

  it('should turn type 5 into a STAT event with IMO reference and the same key on re-delivery', () => {
    const input = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ais', 'mixed.txt'));
    const first = aisNmeaParser.parse(input, ctx);
    const again = aisNmeaParser.parse(input, { ...ctx, receivedAt: '2026-11-25T00:00:00.000Z' });
    const stat = first.events.filter((e) => e.eventTypeCode === 'STAT');
    expect(stat).toHaveLength(2);
    expect(stat[0]).toMatchObject({
      eventDateTime: ctx.receivedAt, // no time in the file for it
      references: { vesselMMSI: '351759000', vesselIMONumber: '9134270' },
      payload: {
        mmsi: '351759000',
        imo: '9134270',
        callSign: '3FOF8',
        name: 'EVER DIADEM',
        shipType: 70,
        lengthM: 295,
        beamM: 32,
        draughtM: 12.2,
        destination: 'NEW YORK',
        eta: { month: 5, day: 15, hour: 14, minute: 0 },
      },
    });
    expect(stat[0]!.idempotencyKey).toMatch(/^ais-static:351759000:[0-9a-f]{64}$/);
    // IMO 914466500 is not a valid 7-digit IMO number: no reference
    expect(stat[1]!.references).toEqual({ vesselMMSI: '366989380' });
    expect(stat[1]!.eventDateTime).toBe('2015-04-09T23:22:18.000Z');
    // static keys hash the content only: a re-delivery at another time is the same fact
    const statKeys = (r: typeof first): string[] =>
      r.events.filter((e) => e.eventTypeCode === 'STAT').map((e) => e.idempotencyKey);
    expect(statKeys(again)).toEqual(statKeys(first));
    // a replay of the same inbox message (same receivedAt) gives the same keys for every event
    expect(aisNmeaParser.parse(input, ctx).events.map((e) => e.idempotencyKey)).toEqual(
      first.events.map((e) => e.idempotencyKey),
    );
    expect(first.rejected.map((r) => r.code)).toEqual([
      'PCS_AIS_NOT_NMEA',
      'PCS_AIS_NOT_NMEA',
      'PCS_AIS_MALFORMED_SENTENCE',
      'PCS_AIS_BAD_CHECKSUM',
    ]);
  });

  it('should merge type 24 parts A and B of one vessel into one STAT event', () => {
    const input = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ais', 'nmea_data_sample.txt'));
    const { events, rejected } = aisNmeaParser.parse(input, ctx);
    const stat = events.filter((e) => e.eventTypeCode === 'STAT');
    expect(stat).toHaveLength(1);
    expect(stat[0]!.payload).toMatchObject({
      mmsi: '244270489',
      name: 'SY-LUNDE',
      callSign: 'PH7460',
      shipType: 36,
      lengthM: 12,
      beamM: 3,
    });
    // positions: one per vessel per minute (all fall back to receivedAt here)
    const posn = events.filter((e) => e.eventTypeCode === 'POSN');
    expect(new Set(posn.map((e) => e.idempotencyKey)).size).toBe(posn.length);
    expect(posn.every((e) => e.eventDateTime === ctx.receivedAt)).toBe(true);
    expect(rejected.every((r) => typeof r.line === 'number')).toBe(true);
  });

  it('should reject garbage with line numbers and never throw', () => {
    const { events, rejected } = aisNmeaParser.parse(bytes('hello\n!AIVDM,1,1,,A,1,0*00\n\u0000\u00ff'), ctx);
    expect(events).toEqual([]);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [1, 'PCS_AIS_NOT_NMEA'],
      [2, 'PCS_AIS_BAD_CHECKSUM'],
      [3, 'PCS_AIS_NOT_NMEA'],
    ]);
  });
});
