/**
 * Properties of the AIS decoder (fast-check): arbitrary input never throws (it becomes rejections with
 * catalogued codes), and decode(encode(x)) = x for arbitrary valid messages of types 1–3, 5, 18 and 24.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToObjects } from './ais-decode-to-objects.js';
import { AIS_ERRORS } from '../../src/domain/errors/ais-errors.js';
import type { AisMessage } from '../../src/ingest/ais/ais-types.js';
import {
  encodePositionA,
  encodePositionB,
  encodeStaticData,
  encodeStaticVoyage,
  SIXBIT_TEXT,
  toSentences,
} from '../../src/sim/ais/ais-encoder.js';

const mmsi = fc.integer({ min: 0, max: 2 ** 30 - 1 });
const repeat = fc.integer({ min: 0, max: 3 });
/** Decoded degrees of a raw 1/10 000' value (1 unit = 1/600 000°), rounded to 1e-6 as documented. */
const degrees = (maxDeg: number) =>
  fc.option(
    fc.integer({ min: -maxDeg * 600_000, max: maxDeg * 600_000 }).map((raw) => Math.round(raw / 0.6) / 1e6),
    { nil: null },
  );
const tenths = (max: number) =>
  fc.option(
    fc.integer({ min: 0, max }).map((v) => v / 10),
    { nil: null },
  );
const text = (chars: number) =>
  fc.array(fc.constantFrom(...SIXBIT_TEXT.split('')), { maxLength: chars }).map((a) => a.join('').trimEnd());

const positionA = fc.record({
  type: fc.constantFrom(1 as const, 2 as const, 3 as const),
  repeat,
  mmsi,
  navStatus: fc.integer({ min: 0, max: 15 }),
  turn: fc.option(fc.integer({ min: -127, max: 127 }), { nil: null }),
  sog: tenths(1022),
  accuracy: fc.boolean(),
  lon: degrees(180),
  lat: degrees(90),
  cog: tenths(3599),
  heading: fc.option(fc.integer({ min: 0, max: 359 }), { nil: null }),
  second: fc.integer({ min: 0, max: 63 }),
  maneuver: fc.integer({ min: 0, max: 2 }),
  raim: fc.boolean(),
  radio: fc.integer({ min: 0, max: 2 ** 19 - 1 }),
});

const staticVoyage = fc.record({
  type: fc.constant(5 as const),
  repeat,
  mmsi,
  aisVersion: fc.integer({ min: 0, max: 3 }),
  imo: fc.option(fc.integer({ min: 1, max: 2 ** 30 - 1 }), { nil: null }),
  callsign: text(7),
  name: text(20),
  shipType: fc.option(fc.integer({ min: 1, max: 255 }), { nil: null }),
  toBow: fc.integer({ min: 0, max: 511 }),
  toStern: fc.integer({ min: 0, max: 511 }),
  toPort: fc.integer({ min: 0, max: 63 }),
  toStarboard: fc.integer({ min: 0, max: 63 }),
  epfd: fc.integer({ min: 0, max: 15 }),
  etaMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  etaDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
  etaHour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: null }),
  etaMinute: fc.option(fc.integer({ min: 0, max: 59 }), { nil: null }),
  draught: fc.option(
    fc.integer({ min: 1, max: 255 }).map((v) => v / 10),
    { nil: null },
  ),
  destination: text(20),
  dte: fc.boolean(),
});

const positionB = fc.record({
  type: fc.constant(18 as const),
  repeat,
  mmsi,
  sog: tenths(1022),
  accuracy: fc.boolean(),
  lon: degrees(180),
  lat: degrees(90),
  cog: tenths(3599),
  heading: fc.option(fc.integer({ min: 0, max: 359 }), { nil: null }),
  second: fc.integer({ min: 0, max: 63 }),
  csUnit: fc.boolean(),
  display: fc.boolean(),
  dsc: fc.boolean(),
  band: fc.boolean(),
  msg22: fc.boolean(),
  assigned: fc.boolean(),
  raim: fc.boolean(),
  radio: fc.integer({ min: 0, max: 2 ** 20 - 1 }),
});

const staticA = fc.record({
  type: fc.constant(24 as const),
  repeat,
  mmsi,
  partNo: fc.constant(0 as const),
  name: text(20),
});
const staticB = fc
  .record({
    type: fc.constant(24 as const),
    repeat,
    mmsi: fc.integer({ min: 0, max: 979_999_999 }),
    partNo: fc.constant(1 as const),
    shipType: fc.option(fc.integer({ min: 1, max: 255 }), { nil: null }),
    vendorId: text(3),
    model: fc.integer({ min: 0, max: 15 }),
    serial: fc.integer({ min: 0, max: 2 ** 20 - 1 }),
    callsign: text(7),
    toBow: fc.integer({ min: 0, max: 511 }),
    toStern: fc.integer({ min: 0, max: 511 }),
    toPort: fc.integer({ min: 0, max: 63 }),
    toStarboard: fc.integer({ min: 0, max: 63 }),
  })
  .filter((m) => Math.floor(m.mmsi / 10_000_000) !== 98)
  .map((m) => ({ ...m, mothershipMmsi: null }));

function roundTrip(bits: string): AisMessage[] {
  const result = decodeToObjects(`${toSentences(bits).join('\r\n')}\r\n`);
  expect(result.rejected).toEqual([]);
  return result.messages.map((m) => m.message);
}

describe('AIS decoder properties', () => {
  it('should never throw on arbitrary bytes, only return catalogued rejections', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const result = decodeToObjects(bytes);
        for (const r of result.rejected) expect(Object.keys(AIS_ERRORS)).toContain(r.code);
      }),
      { numRuns: 500 },
    );
  });

  it('should never throw on corrupted valid sentences (each corruption rejected or still decodable)', () => {
    const valid = '\\s:rx1,c:1700000000*01\\!AIVDM,1,1,,B,15M67FC000G?ufbE`wFepT@3n00Sa,0*2B,1700000001';
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (edits) => {
          const chars = valid.split('');
          for (const [i, c] of edits) chars[i] = String.fromCharCode(c);
          const input = chars.join('');
          const result = decodeToObjects(input);
          // at most one outcome per line (a corruption may insert a line feed)
          expect(result.messages.length + result.rejected.length).toBeLessThanOrEqual(input.split('\n').length);
          for (const r of result.rejected) expect(Object.keys(AIS_ERRORS)).toContain(r.code);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('should round-trip class A position reports (types 1-3)', () => {
    fc.assert(
      fc.property(positionA, (m) => {
        expect(roundTrip(encodePositionA(m))).toEqual([m]);
      }),
    );
  });

  it('should round-trip 2-sentence static and voyage data (type 5)', () => {
    fc.assert(
      fc.property(staticVoyage, (m) => {
        expect(roundTrip(encodeStaticVoyage(m))).toEqual([m]);
      }),
    );
  });

  it('should round-trip class B position reports (type 18)', () => {
    fc.assert(
      fc.property(positionB, (m) => {
        expect(roundTrip(encodePositionB(m))).toEqual([m]);
      }),
    );
  });

  it('should round-trip static data reports parts A and B (type 24)', () => {
    fc.assert(
      fc.property(fc.oneof(staticA, staticB), (m) => {
        expect(roundTrip(encodeStaticData(m))).toEqual([m]);
      }),
    );
  });
});
