/**
 * The product's AIS encoder (the simulator's output; tests build fixtures with it): builds the 6-bit
 * payload of types 1–3, 5, 18 and 24 from decoded field values (ITU-R M.1371-5 Tables 45, 48, 70, 76, 77),
 * armours it (IEC 61162-1), splits it into VDM sentences of at most 60 characters and adds the checksum.
 * Written independently of the decoder (src/ingest/ais/), which tests check it against, as is gpsdecode.
 */
import type {
  AisPositionReportA,
  AisPositionReportB,
  AisStaticDataReportA,
  AisStaticDataReportB,
  AisStaticVoyageData,
} from '../../ingest/ais/ais-types.js';

const ALPHABET = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';

/** Scratch bits of the message being encoded (encoding is synchronous, so one buffer serves every call). */
const SCRATCH = new Uint8Array(1024);

/** Collects bits (0/1) most significant first; the longest message here (type 5) has 424 bits. */
class BitWriter {
  #length = 0;
  constructor() {
    SCRATCH.fill(0, 0, 448);
  }
  get length(): number {
    return this.#length;
  }
  /** The '0'/'1' text of the bits. */
  get bits(): string {
    let s = '';
    for (let i = 0; i < this.#length; i++) s += SCRATCH[i] === 1 ? '1' : '0';
    return s;
  }
  /** The 6-bit armoured payload (IEC 61162-1 §8.2.3) and the fill bits. */
  armour(): { payload: string; fill: number } {
    const fill = (6 - (this.#length % 6)) % 6;
    let payload = '';
    for (let i = 0; i < this.#length + fill; i += 6) {
      const v =
        (SCRATCH[i]! << 5) |
        (SCRATCH[i + 1]! << 4) |
        (SCRATCH[i + 2]! << 3) |
        (SCRATCH[i + 3]! << 2) |
        (SCRATCH[i + 4]! << 1) |
        SCRATCH[i + 5]!;
      payload += ALPHABET[v];
    }
    return { payload, fill };
  }
  /** The low `len` (≤ 32) bits of a non-negative whole number, most significant first. */
  uint(value: number, len: number): this {
    const v = value >>> 0;
    for (let i = len - 1; i >= 0; i--) SCRATCH[this.#length++] = i >= 32 ? 0 : (v >>> i) & 1;
    return this;
  }
  int(value: number, len: number): this {
    return this.uint(value < 0 ? value + 2 ** len : value, len);
  }
  bool(v: boolean): this {
    return this.uint(v ? 1 : 0, 1);
  }
  text(s: string, chars: number): this {
    for (let i = 0; i < chars; i++) {
      const c = i < s.length ? s.charCodeAt(i) : 64; // pad with '@'
      this.uint(c >= 64 ? c - 64 : c, 6);
    }
    return this;
  }
}

/** The printable characters of the 6-bit text alphabet (M.1371-5 Table 47), without `@`. */
export const SIXBIT_TEXT = ' !"#$%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_';

const pos = (deg: number | null, na: number): number => (deg === null ? na : Math.round(deg * 600_000));
const tenth = (v: number | null, na: number): number => (v === null ? na : Math.round(v * 10));

export function checksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/** Armours the bits and returns the VDM sentences (several when over 60 characters). */
export function toSentences(bits: string, channel = 'A', seqId = 3, talker = 'AI'): string[] {
  const fill = (6 - (bits.length % 6)) % 6;
  const padded = bits + '0'.repeat(fill);
  let payload = '';
  for (let i = 0; i < padded.length; i += 6) {
    let v = 0;
    for (let j = i; j < i + 6; j++) v = (v << 1) | (padded.charCodeAt(j) - 48);
    payload += ALPHABET[v];
  }
  return payloadSentences(payload, fill, channel, seqId, talker);
}

/** Splits an armoured payload into VDM sentences of at most 60 payload characters, with checksums. */
function payloadSentences(payload: string, fill: number, channel: string, seqId: number, talker: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += 60) parts.push(payload.slice(i, i + 60));
  return parts.map((part, i) => {
    const last = i === parts.length - 1;
    const seq = parts.length > 1 ? String(seqId) : '';
    const body = `${talker}VDM,${parts.length},${i + 1},${seq},${channel},${part},${last ? fill : 0}`;
    return `!${body}*${checksum(body)}`;
  });
}

/** The VDM sentences of a message straight from its bits (no '0'/'1' text in between: the simulator's path). */
function sentencesOf(w: BitWriter, channel: string, seqId: number): string[] {
  const { payload, fill } = w.armour();
  return payloadSentences(payload, fill, channel, seqId, 'AI');
}

/**
 * Speed over ground through time stamp: the same fields at the same widths and "not available" values in the
 * class A position report (messages 1–3) and the class B one (message 18), ITU-R M.1371-5 Annex 8 §3.1 and §3.17.
 */
type Motion = Pick<AisPositionReportA, 'sog' | 'accuracy' | 'lon' | 'lat' | 'cog' | 'heading' | 'second'>;
function writeMotion(w: BitWriter, m: Motion): BitWriter {
  return w
    .uint(tenth(m.sog, 1023), 10)
    .bool(m.accuracy)
    .int(pos(m.lon, 181 * 600_000), 28)
    .int(pos(m.lat, 91 * 600_000), 27)
    .uint(tenth(m.cog, 3600), 12)
    .uint(m.heading ?? 511, 9)
    .uint(m.second, 6);
}

function writePositionA(m: AisPositionReportA): BitWriter {
  return writeMotion(
    new BitWriter()
      .uint(m.type, 6)
      .uint(m.repeat, 2)
      .uint(m.mmsi, 30)
      .uint(m.navStatus, 4)
      .int(m.turn ?? -128, 8),
    m,
  )
    .uint(m.maneuver, 2)
    .uint(0, 3)
    .bool(m.raim)
    .uint(m.radio, 19);
}

/** Type 1–3 position report bits ('0'/'1' text). */
export function encodePositionA(m: AisPositionReportA): string {
  return writePositionA(m).bits;
}

/** Type 1–3 position report as VDM sentences. */
export function positionASentences(m: AisPositionReportA, channel: string): string[] {
  return sentencesOf(writePositionA(m), channel, 0);
}

function writeStaticVoyage(m: AisStaticVoyageData): BitWriter {
  return new BitWriter()
    .uint(5, 6)
    .uint(m.repeat, 2)
    .uint(m.mmsi, 30)
    .uint(m.aisVersion, 2)
    .uint(m.imo ?? 0, 30)
    .text(m.callsign, 7)
    .text(m.name, 20)
    .uint(m.shipType ?? 0, 8)
    .uint(m.toBow, 9)
    .uint(m.toStern, 9)
    .uint(m.toPort, 6)
    .uint(m.toStarboard, 6)
    .uint(m.epfd, 4)
    .uint(m.etaMonth ?? 0, 4)
    .uint(m.etaDay ?? 0, 5)
    .uint(m.etaHour ?? 24, 5)
    .uint(m.etaMinute ?? 60, 6)
    .uint(tenth(m.draught, 0), 8)
    .text(m.destination, 20)
    .bool(m.dte)
    .uint(0, 1);
}

/** Type 5 static and voyage data bits ('0'/'1' text). */
export function encodeStaticVoyage(m: AisStaticVoyageData): string {
  return writeStaticVoyage(m).bits;
}

/** Type 5 static and voyage data as VDM sentences (two; `seqId` 0–9 ties them together). */
export function staticVoyageSentences(m: AisStaticVoyageData, channel: string, seqId: number): string[] {
  return sentencesOf(writeStaticVoyage(m), channel, seqId);
}

export function encodePositionB(m: AisPositionReportB): string {
  return writeMotion(new BitWriter().uint(18, 6).uint(m.repeat, 2).uint(m.mmsi, 30).uint(0, 8), m)
    .uint(0, 2)
    .bool(m.csUnit)
    .bool(m.display)
    .bool(m.dsc)
    .bool(m.band)
    .bool(m.msg22)
    .bool(m.assigned)
    .bool(m.raim)
    .uint(m.radio, 20).bits;
}

export function encodeStaticData(m: AisStaticDataReportA | AisStaticDataReportB): string {
  const w = new BitWriter().uint(24, 6).uint(m.repeat, 2).uint(m.mmsi, 30).uint(m.partNo, 2);
  if (m.partNo === 0) return w.text(m.name, 20).bits;
  w.uint(m.shipType ?? 0, 8)
    .text(m.vendorId, 3)
    .uint(m.model, 4)
    .uint(m.serial, 20)
    .text(m.callsign, 7);
  if (m.mothershipMmsi !== null) w.uint(m.mothershipMmsi, 30);
  else w.uint(m.toBow, 9).uint(m.toStern, 9).uint(m.toPort, 6).uint(m.toStarboard, 6);
  return w.uint(0, 6).bits;
}
