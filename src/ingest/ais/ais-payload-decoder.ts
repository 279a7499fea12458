/**
 * Field decoding of AIS messages per ITU-R M.1371-5 Annex 8 §3 (message tables cited per type). Works on a
 * de-armoured payload in an `AisBitReader`; returns a typed message, or an error code for payloads that
 * are too short or of an unknown type. Pure, allocation = the message object (and its strings).
 *
 * "Not available" values (Table 45 and friends) become `null`: lat 91°, lon 181°, SOG 1023, COG 3600,
 * heading 511, ROT −128, draught 0, IMO 0, ship type 0, ETA month/day 0, hour 24, minute 60.
 */
import type { AisBitReader } from './ais-bit-reader.js';
import type { AisErrorCode } from '../../domain/errors/ais-errors.js';
import type { AisMessage, AisOtherMessage } from './ais-types.js';

/** Minimum significant bits per type (standard length, less what real transmitters commonly drop). */
const MIN_BITS: Readonly<Record<number, number>> = {
  1: 163, // Table 45 is 168 bits; the last 5 bits of the SOTDMA state are often cut (as gpsd accepts)
  2: 163,
  3: 163,
  4: 168,
  5: 420, // Table 48 is 424 bits; many class A units send 420 (2 fill bits lost, spare bits only)
  9: 168,
  11: 168,
  18: 168,
  19: 312,
  21: 272,
  24: 160, // part A is 160 bits (some units pad to 168); part B is checked below
  27: 96,
};

const ARMOUR = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';

/** 1/10 000 minute → degrees rounded to 1e-6 (x / 600 000 = x·5/3 µ°). */
function deg4(raw: number, notAvailable: number, limit: number): number | null {
  if (raw === notAvailable || raw > limit || raw < -limit) return null;
  return Math.round((raw * 5) / 3) / 1e6;
}
/** 1/10 minute (type 27) → degrees rounded to 1e-6. */
function deg1(raw: number, notAvailable: number, limit: number): number | null {
  if (raw === notAvailable || raw > limit || raw < -limit) return null;
  return Math.round((raw * 5000) / 3) / 1e6;
}
const LAT_NA = 91 * 600_000;
const LON_NA = 181 * 600_000;
const LAT_MAX = 90 * 600_000;
const LON_MAX = 180 * 600_000;

function sog10(raw: number): number | null {
  return raw === 1023 ? null : raw / 10;
}
function cog10(raw: number): number | null {
  return raw >= 3600 ? null : raw / 10;
}
function heading(raw: number): number | null {
  return raw >= 360 ? null : raw;
}
function orNull(raw: number, notAvailable: number): number | null {
  return raw === notAvailable ? null : raw;
}

/** Re-armours the payload (for message types kept raw). */
function armour(r: AisBitReader): string {
  const n = Math.ceil(r.bits / 6);
  let s = '';
  for (let i = 0; i < n; i++) s += ARMOUR[r.six[i]!]!;
  return s;
}

export function decodeAisPayload(r: AisBitReader): AisMessage | AisErrorCode {
  if (r.bits < 38) return 'PCS_AIS_PAYLOAD_TOO_SHORT';
  const type = r.uint(0, 6);
  if (type === 0 || type > 27) return 'PCS_AIS_UNKNOWN_TYPE';
  const min = MIN_BITS[type];
  if (min !== undefined && r.bits < min) return 'PCS_AIS_PAYLOAD_TOO_SHORT';
  const repeat = r.uint(6, 2);
  const mmsi = r.uint(8, 30);
  switch (type) {
    case 1:
    case 2:
    case 3: {
      const turn = r.int(42, 8);
      return {
        type,
        repeat,
        mmsi,
        navStatus: r.uint(38, 4),
        turn: turn === -128 ? null : turn,
        sog: sog10(r.uint(50, 10)),
        accuracy: r.bool(60),
        lon: deg4(r.int(61, 28), LON_NA, LON_MAX),
        lat: deg4(r.int(89, 27), LAT_NA, LAT_MAX),
        cog: cog10(r.uint(116, 12)),
        heading: heading(r.uint(128, 9)),
        second: r.uint(137, 6),
        maneuver: r.uint(143, 2),
        raim: r.bool(148),
        radio: r.uint(149, 19),
      };
    }
    case 4:
    case 11:
      // Table 46: UTC date/time with n/a values year 0, month 0, day 0, hour 24, minute 60, second 60.
      return {
        type,
        repeat,
        mmsi,
        year: orNull(r.uint(38, 14), 0),
        month: orNull(r.uint(52, 4), 0),
        day: orNull(r.uint(56, 5), 0),
        hour: orNull(r.uint(61, 5), 24),
        minute: orNull(r.uint(66, 6), 60),
        second: orNull(r.uint(72, 6), 60),
        accuracy: r.bool(78),
        lon: deg4(r.int(79, 28), LON_NA, LON_MAX),
        lat: deg4(r.int(107, 27), LAT_NA, LAT_MAX),
        epfd: r.uint(134, 4),
        raim: r.bool(148),
        radio: r.uint(149, 19),
      };
    case 5:
      return {
        type,
        repeat,
        mmsi,
        aisVersion: r.uint(38, 2),
        imo: orNull(r.uint(40, 30), 0),
        callsign: r.text(70, 42),
        name: r.text(112, 120),
        shipType: orNull(r.uint(232, 8), 0),
        toBow: r.uint(240, 9),
        toStern: r.uint(249, 9),
        toPort: r.uint(258, 6),
        toStarboard: r.uint(264, 6),
        epfd: r.uint(270, 4),
        etaMonth: orNull(r.uint(274, 4), 0),
        etaDay: orNull(r.uint(278, 5), 0),
        etaHour: orNull(r.uint(283, 5), 24),
        etaMinute: orNull(r.uint(288, 6), 60),
        draught: orNull(r.uint(294, 8), 0) === null ? null : r.uint(294, 8) / 10,
        destination: r.text(302, 120),
        dte: r.bool(422),
      };
    case 9:
      return {
        type,
        repeat,
        mmsi,
        altitude: orNull(r.uint(38, 12), 4095),
        sog: orNull(r.uint(50, 10), 1023),
        accuracy: r.bool(60),
        lon: deg4(r.int(61, 28), LON_NA, LON_MAX),
        lat: deg4(r.int(89, 27), LAT_NA, LAT_MAX),
        cog: cog10(r.uint(116, 12)),
        second: r.uint(128, 6),
        dte: r.bool(142),
        assigned: r.bool(146),
        raim: r.bool(147),
        radio: r.uint(148, 20),
      };
    case 18:
      return {
        type,
        repeat,
        mmsi,
        sog: sog10(r.uint(46, 10)),
        accuracy: r.bool(56),
        lon: deg4(r.int(57, 28), LON_NA, LON_MAX),
        lat: deg4(r.int(85, 27), LAT_NA, LAT_MAX),
        cog: cog10(r.uint(112, 12)),
        heading: heading(r.uint(124, 9)),
        second: r.uint(133, 6),
        csUnit: r.bool(141),
        display: r.bool(142),
        dsc: r.bool(143),
        band: r.bool(144),
        msg22: r.bool(145),
        assigned: r.bool(146),
        raim: r.bool(147),
        radio: r.uint(148, 20),
      };
    case 19:
      return {
        type,
        repeat,
        mmsi,
        sog: sog10(r.uint(46, 10)),
        accuracy: r.bool(56),
        lon: deg4(r.int(57, 28), LON_NA, LON_MAX),
        lat: deg4(r.int(85, 27), LAT_NA, LAT_MAX),
        cog: cog10(r.uint(112, 12)),
        heading: heading(r.uint(124, 9)),
        second: r.uint(133, 6),
        name: r.text(143, 120),
        shipType: orNull(r.uint(263, 8), 0),
        toBow: r.uint(271, 9),
        toStern: r.uint(280, 9),
        toPort: r.uint(289, 6),
        toStarboard: r.uint(295, 6),
        epfd: r.uint(301, 4),
        raim: r.bool(305),
        dte: r.bool(306),
        assigned: r.bool(307),
      };
    case 21: {
      // Table 72: the name extension (0–88 bits, whole characters) follows bit 272.
      const extChars = Math.min(14, ((r.bits - 272) / 6) | 0);
      const name = r.text(43, 120);
      return {
        type,
        repeat,
        mmsi,
        aidType: r.uint(38, 5),
        name: extChars > 0 && name.length === 20 ? name + r.text(272, extChars * 6) : name,
        accuracy: r.bool(163),
        lon: deg4(r.int(164, 28), LON_NA, LON_MAX),
        lat: deg4(r.int(192, 27), LAT_NA, LAT_MAX),
        toBow: r.uint(219, 9),
        toStern: r.uint(228, 9),
        toPort: r.uint(237, 6),
        toStarboard: r.uint(243, 6),
        epfd: r.uint(249, 4),
        second: r.uint(253, 6),
        offPosition: r.bool(259),
        raim: r.bool(268),
        virtualAid: r.bool(269),
        assigned: r.bool(270),
      };
    }
    case 24: {
      const partNo = r.uint(38, 2);
      if (partNo === 0) return { type, repeat, mmsi, partNo, name: r.text(40, 120) };
      if (partNo !== 1) return 'PCS_AIS_BAD_PART_NUMBER';
      if (r.bits < 162) return 'PCS_AIS_PAYLOAD_TOO_SHORT';
      // Table 77: for an auxiliary craft (MMSI 98XXXYYYY, ITU-R M.585) bits 132–161 hold the mother ship's MMSI.
      const auxiliary = ((mmsi / 10_000_000) | 0) === 98;
      return {
        type,
        repeat,
        mmsi,
        partNo,
        shipType: orNull(r.uint(40, 8), 0),
        vendorId: r.text(48, 18),
        model: r.uint(66, 4),
        serial: r.uint(70, 20),
        callsign: r.text(90, 42),
        toBow: auxiliary ? 0 : r.uint(132, 9),
        toStern: auxiliary ? 0 : r.uint(141, 9),
        toPort: auxiliary ? 0 : r.uint(150, 6),
        toStarboard: auxiliary ? 0 : r.uint(156, 6),
        mothershipMmsi: auxiliary ? r.uint(132, 30) : null,
      };
    }
    case 27:
      return {
        type,
        repeat,
        mmsi,
        accuracy: r.bool(38),
        raim: r.bool(39),
        navStatus: r.uint(40, 4),
        lon: deg1(r.int(44, 18), 181 * 600, 180 * 600),
        lat: deg1(r.int(62, 17), 91 * 600, 90 * 600),
        sog: orNull(r.uint(79, 6), 63),
        cog: orNull(r.uint(85, 9), 511),
        gnss: r.bool(94),
      };
    default:
      return {
        type: type as AisOtherMessage['type'],
        repeat,
        mmsi,
        payload: armour(r),
        fillBits: Math.ceil(r.bits / 6) * 6 - r.bits,
      };
  }
}
