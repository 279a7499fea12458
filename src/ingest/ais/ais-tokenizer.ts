/**
 * Framing of one input line holding an AIS sentence: NMEA 0183 / IEC 61162-1 (Ed. 5) `!xxVDM` / `!xxVDO`
 * encapsulation sentences, 7 fields — `!ccVDM,count,number,seqid,channel,payload,fill*hh` — with the
 * checksum (XOR of every byte between `!` and `*`, §7.2.3) validated; IEC 62320-1 (Ed. 2) tag blocks
 * (`\s:source,c:unixtime*hh\` before the sentence); receiver prefixes (a Unix or ISO 8601 time, or any text,
 * before the `!`), trailing fields after the checksum (`,1234567890` = Unix time) and GateHouse `$PGHP,1,...`
 * time headers.
 *
 * Zero-copy: works on byte offsets in the caller's buffer, no regular expressions, no allocation except
 * tag block sources. Results go into a reusable `AisSentence`.
 */
import type { AisErrorCode } from '../../domain/errors/ais-errors.js';

/** What a line turned out to be. */
export const LINE_SENTENCE = 0;
export const LINE_SKIP = 1;
export const LINE_PGHP = 2;
export type LineKind = typeof LINE_SENTENCE | typeof LINE_SKIP | typeof LINE_PGHP;

/** One framed VDM/VDO sentence: offsets into the caller's buffer plus decoded header fields. */
export class AisSentence {
  /** Char codes of the 2-letter talker id. */
  talker1 = 0;
  talker2 = 0;
  /** true for `VDO` (own ship), false for `VDM`. */
  own = false;
  fragmentCount = 0;
  fragmentNumber = 0;
  /** Sequential message id 0–9, or −1 when empty. */
  seqId = -1;
  /** Char code of the channel, 0 when empty. */
  channel = 0;
  payloadStart = 0;
  payloadEnd = 0;
  fillBits = 0;
  /** Tag block `s:` source, or null. */
  source: string | null = null;
  /** Unix ms from tag block `c:`, a prefix, a suffix or `$PGHP`; NaN when none. */
  timeMs = NaN;
}

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

const BANG = 0x21;
const DOLLAR = 0x24;
const STAR = 0x2a;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

/** Parses `d+` at [from, to); −1 if empty or not all digits. */
function digits(buf: Uint8Array, from: number, to: number): number {
  if (from >= to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (!isDigit(b)) return -1;
    v = v * 10 + (b - 48);
  }
  return v;
}

/** Where a `.d…` fraction that may start at `i` ends (after its digits); `i` when there is no `.` there. */
function fractionEnd(buf: Uint8Array, i: number, to: number): number {
  if (i >= to || buf[i] !== 0x2e) return i;
  i++;
  while (i < to && isDigit(buf[i]!)) i++;
  return i;
}

/** `ms` plus the fraction at [dot, end) as milliseconds (`.5` → 500, `.1234` → 123.4), digit by digit. */
function withFraction(ms: number, buf: Uint8Array, dot: number, end: number): number {
  let scale = 100;
  for (let i = dot + 1; i < end; i++) {
    ms += (buf[i]! - 48) * scale;
    scale /= 10;
  }
  return ms;
}

/**
 * Unix time `ssssssssss[.fff]` (seconds) or `sssssssssssss` (13 digits = milliseconds) at [from, to); NaN if
 * the text is not such a number. Fewer than 9 integer digits is not taken as a time.
 */
export function parseUnixTime(buf: Uint8Array, from: number, to: number): number {
  let i = from;
  let v = 0;
  while (i < to && isDigit(buf[i]!)) v = v * 10 + (buf[i++]! - 48);
  const intDigits = i - from;
  if (intDigits < 9 || intDigits > 13) return NaN;
  if (intDigits >= 12) return i === to ? v : NaN;
  const end = fractionEnd(buf, i, to);
  return end === to ? Math.round(withFraction(v * 1000, buf, i, end)) : NaN;
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.fff][Z]` (UTC) at [from, to); NaN otherwise. */
export function parseIsoTime(buf: Uint8Array, from: number, to: number): number {
  if (to - from < 19) return NaN;
  const y = digits(buf, from, from + 4);
  const mo = digits(buf, from + 5, from + 7);
  const d = digits(buf, from + 8, from + 10);
  const h = digits(buf, from + 11, from + 13);
  const mi = digits(buf, from + 14, from + 16);
  const s = digits(buf, from + 17, from + 19);
  const sep = buf[from + 10];
  if (buf[from + 4] !== 0x2d || buf[from + 7] !== 0x2d || (sep !== 0x54 && sep !== 0x20)) return NaN;
  if (buf[from + 13] !== 0x3a || buf[from + 16] !== 0x3a) return NaN;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
    return NaN;
  }
  const end = fractionEnd(buf, from + 19, to);
  const ms = withFraction(0, buf, from + 19, end);
  const zone = end < to && buf[end] === 0x5a ? end + 1 : end;
  return zone === to ? Date.UTC(y, mo - 1, d, h, mi, s, Math.round(ms)) : NaN;
}

/** Receiver prefix text before the sentence: a Unix or ISO time (trailing separators allowed), else NaN. */
function prefixTime(buf: Uint8Array, from: number, to: number): number {
  while (to > from && (buf[to - 1]! <= 0x20 || buf[to - 1] === COMMA || buf[to - 1] === 0x3b || buf[to - 1] === 0x7c)) {
    to--;
  }
  while (from < to && buf[from]! <= 0x20) from++;
  if (from === to) return NaN;
  const t = parseUnixTime(buf, from, to);
  return Number.isNaN(t) ? parseIsoTime(buf, from, to) : t;
}

function latin1(buf: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

/**
 * Tag block content at [from, to) (between the backslashes): `key:value` pairs separated by commas, then
 * `*hh` (IEC 62320-1 §B.2: checksum as for a sentence). Fills `out.source` and `out.timeMs` (`c:` is Unix
 * seconds; 13 digits are taken as milliseconds, as some networks send). Returns false (and sets nothing) on a bad checksum.
 */
function parseTagBlock(buf: Uint8Array, from: number, to: number, out: AisSentence): boolean {
  let x = 0;
  let star = from;
  while (star < to && buf[star] !== STAR) x ^= buf[star++]!;
  if (star + 3 !== to) return false;
  const hi = HEX[buf[star + 1]!]!;
  const lo = HEX[buf[star + 2]!]!;
  if (hi < 0 || lo < 0 || ((hi << 4) | lo) !== x) return false;
  let p = from;
  while (p < star) {
    let q = p;
    while (q < star && buf[q] !== COMMA) q++;
    if (q - p >= 2 && buf[p + 1] === 0x3a) {
      const key = buf[p];
      if (key === 0x73) out.source = latin1(buf, p + 2, q);
      else if (key === 0x63) {
        const v = digits(buf, p + 2, q);
        if (v >= 0) out.timeMs = q - p - 2 >= 13 ? v : v * 1000;
      }
    }
    p = q + 1;
  }
  return true;
}

/**
 * `$PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,...*hh` (GateHouse header, message type 1 = time of the next sentence).
 * Sets `out.timeMs`; LINE_SKIP for other PGHP types or a bad one.
 */
function parsePghp(buf: Uint8Array, p: number, end: number, out: AisSentence): LineKind | AisErrorCode {
  let x = 0;
  let q = p + 1;
  const fields: number[] = [];
  let fieldStart = p + 6;
  for (; q < end && buf[q] !== STAR; q++) {
    const b = buf[q]!;
    x ^= b;
    if (b === COMMA && q >= p + 6) {
      if (fields.length < 9) fields.push(digits(buf, fieldStart, q));
      fieldStart = q + 1;
    }
  }
  if (q + 3 > end) return 'PCS_AIS_NOT_NMEA';
  const hi = HEX[buf[q + 1]!]!;
  const lo = HEX[buf[q + 2]!]!;
  if (hi < 0 || lo < 0) return 'PCS_AIS_NOT_NMEA';
  if (((hi << 4) | lo) !== x) return 'PCS_AIS_BAD_CHECKSUM';
  const [type, y, mo, d, h, mi, s, ms] = fields;
  if (type !== 1 || y === undefined || mo === undefined || d === undefined || h === undefined) return LINE_SKIP;
  if (mi === undefined || s === undefined || ms === undefined || y < 0 || mo < 1 || d < 1 || h < 0 || mi < 0) {
    return LINE_SKIP;
  }
  out.timeMs = Date.UTC(y, mo - 1, d, h, mi, Math.max(0, s), Math.max(0, ms));
  return LINE_PGHP;
}

/**
 * Frames the line at [start, end) (without its newline). Returns LINE_SENTENCE with `out` filled,
 * LINE_SKIP for blank lines, `#` comments and non-AIS NMEA sentences (`$GPGGA`, `!AIALR`...), LINE_PGHP
 * (time in `out.timeMs`), or an error code.
 */
export function tokenizeAisLine(
  buf: Uint8Array,
  start: number,
  end: number,
  out: AisSentence,
): LineKind | AisErrorCode {
  while (end > start && buf[end - 1]! <= 0x20) end--;
  while (start < end && buf[start]! <= 0x20) start++;
  if (start === end || buf[start] === 0x23) return LINE_SKIP;
  out.source = null;
  out.timeMs = NaN;
  let p = start;
  let prefixEnd = -1;
  for (;;) {
    if (p >= end) return 'PCS_AIS_NOT_NMEA';
    const b = buf[p]!;
    if (b === BANG || b === DOLLAR) break;
    if (b === BACKSLASH) {
      if (prefixEnd < 0) prefixEnd = p;
      let q = p + 1;
      while (q < end && buf[q] !== BACKSLASH) q++;
      if (q < end) {
        // A tag block whose checksum fails is ignored (its source/time are not trusted) but the sentence,
        // which has its own checksum, still decodes, as gpsd and pyais do.
        parseTagBlock(buf, p + 1, q, out);
        p = q + 1;
        continue;
      }
    }
    p++;
  }
  if (prefixEnd < 0) prefixEnd = p;
  if (prefixEnd > start && Number.isNaN(out.timeMs)) out.timeMs = prefixTime(buf, start, prefixEnd);
  if (buf[p] === DOLLAR) {
    // GateHouse wrapper; any other `$` sentence is not AIS and is skipped.
    if (end - p > 6 && buf[p + 1] === 0x50 && buf[p + 2] === 0x47 && buf[p + 3] === 0x48 && buf[p + 4] === 0x50) {
      return parsePghp(buf, p, end, out);
    }
    return LINE_SKIP;
  }
  // Address field: talker (2) + VDM/VDO (IEC 61162-1 §8.3.96/97).
  if (end - p < 7 || buf[p + 6] !== COMMA) {
    return end - p >= 4 && buf[p + 3] === 0x56 ? 'PCS_AIS_MALFORMED_SENTENCE' : 'PCS_AIS_NOT_NMEA';
  }
  if (buf[p + 3] !== 0x56 || buf[p + 4] !== 0x44 || (buf[p + 5] !== 0x4d && buf[p + 5] !== 0x4f)) return LINE_SKIP;
  out.talker1 = buf[p + 1]!;
  out.talker2 = buf[p + 2]!;
  out.own = buf[p + 5] === 0x4f;
  // Checksum and commas in one pass.
  let x = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let c5 = 0;
  let commas = 0;
  let q = p + 1;
  for (; q < end; q++) {
    const b = buf[q]!;
    if (b === STAR) break;
    x ^= b;
    if (b === COMMA) {
      switch (commas++) {
        case 0:
          c0 = q;
          break;
        case 1:
          c1 = q;
          break;
        case 2:
          c2 = q;
          break;
        case 3:
          c3 = q;
          break;
        case 4:
          c4 = q;
          break;
        case 5:
          c5 = q;
          break;
        default:
          break;
      }
    }
  }
  if (q + 3 > end) return 'PCS_AIS_MALFORMED_SENTENCE';
  const hi = HEX[buf[q + 1]!]!;
  const lo = HEX[buf[q + 2]!]!;
  if (hi < 0 || lo < 0) return 'PCS_AIS_MALFORMED_SENTENCE';
  if (((hi << 4) | lo) !== x) return 'PCS_AIS_BAD_CHECKSUM';
  if (commas !== 6) return 'PCS_AIS_MALFORMED_SENTENCE';
  // Trailing field after the checksum: `,<unix time>` as many receivers append.
  if (q + 3 < end && buf[q + 3] === COMMA && Number.isNaN(out.timeMs)) out.timeMs = parseUnixTime(buf, q + 4, end);
  const count = digits(buf, c0 + 1, c1);
  const number = digits(buf, c1 + 1, c2);
  if (count < 1 || count > 9 || number < 1 || number > count) return 'PCS_AIS_MALFORMED_SENTENCE';
  out.fragmentCount = count;
  out.fragmentNumber = number;
  if (c3 === c2 + 1) out.seqId = -1;
  else {
    const seq = digits(buf, c2 + 1, c3);
    if (seq < 0 || seq > 9) return 'PCS_AIS_MALFORMED_SENTENCE';
    out.seqId = seq;
  }
  if (c4 - c3 > 2) return 'PCS_AIS_MALFORMED_SENTENCE';
  out.channel = c4 === c3 + 1 ? 0 : buf[c3 + 1]!;
  out.payloadStart = c4 + 1;
  out.payloadEnd = c5;
  if (q === c5 + 1) out.fillBits = 0;
  else {
    const fill = digits(buf, c5 + 1, q);
    if (fill < 0 || fill > 5) return 'PCS_AIS_MALFORMED_SENTENCE';
    out.fillBits = fill;
  }
  return LINE_SENTENCE;
}
