/**
 * Fast NDJSON output of decoded AIS messages: one JSON object per line, camelCase fields, written as
 * ASCII straight into a byte buffer (no `JSON.stringify`, no intermediate strings for numbers). The field
 * set per type is the CLI contract documented in docs/ais.md. When the buffer fills, it is handed to
 * `flush` (ownership passes: the writer continues in a fresh buffer), so the consumer may queue it.
 */
import {
  isAisRawMessage,
  type AisAidToNavigationReport,
  type AisBaseStationReport,
  type AisExtendedReportB,
  type AisLongRangeReport,
  type AisMessage,
  type AisOtherMessage,
  type AisPositionReportA,
  type AisPositionReportB,
  type AisRawType,
  type AisSarAircraftReport,
  type AisStaticDataReportA,
  type AisStaticDataReportB,
  type AisStaticVoyageData,
} from './ais-types.js';

/** Room kept free for one message (the longest, a raw 1024-char payload, stays well below). */
const RESERVE = 4096;
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/** One output field: the message property and its `,"name":` bytes, encoded once. */
interface Field {
  readonly name: string;
  readonly key: Uint8Array;
}

/** The fields of one message interface, in output order (the names are checked against `M`). */
function fieldsOf<M>(...names: readonly (keyof M & string)[]): readonly Field[] {
  return names.map((name) => ({ name, key: Uint8Array.from(`,"${name}":`, (c) => c.charCodeAt(0)) }));
}

/*
 * The field set and order per type after `type`, `repeat`, `mmsi` (the contract in docs/ais.md). The position
 * block of the class A and B reports and the dimensions to the reference point are shared by several types.
 */
const SHIP_POSITION = ['sog', 'accuracy', 'lon', 'lat', 'cog', 'heading', 'second'] as const;
const DIMENSIONS = ['toBow', 'toStern', 'toPort', 'toStarboard'] as const;

const POSITION_A = fieldsOf<AisPositionReportA>('navStatus', 'turn', ...SHIP_POSITION, 'maneuver', 'raim', 'radio');
const BASE_STATION = fieldsOf<AisBaseStationReport>(
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'accuracy',
  'lon',
  'lat',
  'epfd',
  'raim',
  'radio',
);
const STATIC_VOYAGE = fieldsOf<AisStaticVoyageData>(
  'aisVersion',
  'imo',
  'callsign',
  'name',
  'shipType',
  ...DIMENSIONS,
  'epfd',
  'etaMonth',
  'etaDay',
  'etaHour',
  'etaMinute',
  'draught',
  'destination',
  'dte',
);
const SAR_AIRCRAFT = fieldsOf<AisSarAircraftReport>(
  'altitude',
  'sog',
  'accuracy',
  'lon',
  'lat',
  'cog',
  'second',
  'dte',
  'assigned',
  'raim',
  'radio',
);
const POSITION_B = fieldsOf<AisPositionReportB>(
  ...SHIP_POSITION,
  'csUnit',
  'display',
  'dsc',
  'band',
  'msg22',
  'assigned',
  'raim',
  'radio',
);
const EXTENDED_B = fieldsOf<AisExtendedReportB>(
  ...SHIP_POSITION,
  'name',
  'shipType',
  ...DIMENSIONS,
  'epfd',
  'raim',
  'dte',
  'assigned',
);
const AID_TO_NAVIGATION = fieldsOf<AisAidToNavigationReport>(
  'aidType',
  'name',
  'accuracy',
  'lon',
  'lat',
  ...DIMENSIONS,
  'epfd',
  'second',
  'offPosition',
  'raim',
  'virtualAid',
  'assigned',
);
const STATIC_PART_A = fieldsOf<AisStaticDataReportA>('partNo', 'name');
const STATIC_PART_B = fieldsOf<AisStaticDataReportB>(
  'partNo',
  'shipType',
  'vendorId',
  'model',
  'serial',
  'callsign',
  ...DIMENSIONS,
  'mothershipMmsi',
);
const LONG_RANGE = fieldsOf<AisLongRangeReport>('accuracy', 'raim', 'navStatus', 'lon', 'lat', 'sog', 'cog', 'gnss');
const OTHER = fieldsOf<AisOtherMessage>('payload', 'fillBits');

/** The field layout of each decoded type but the raw ones and type 24 (whose two parts differ). */
const LAYOUTS: Readonly<Record<Exclude<AisMessage['type'], AisRawType | 24>, readonly Field[]>> = {
  1: POSITION_A,
  2: POSITION_A,
  3: POSITION_A,
  4: BASE_STATION,
  5: STATIC_VOYAGE,
  9: SAR_AIRCRAFT,
  11: BASE_STATION,
  18: POSITION_B,
  19: EXTENDED_B,
  21: AID_TO_NAVIGATION,
  27: LONG_RANGE,
};

function layoutOf(m: AisMessage): readonly Field[] {
  if (isAisRawMessage(m)) return OTHER;
  if (m.type === 24) return m.partNo === 0 ? STATIC_PART_A : STATIC_PART_B;
  return LAYOUTS[m.type];
}

export class AisNdjsonWriter {
  private buf: Uint8Array;
  private pos = 0;
  private readonly digits = new Uint8Array(24);

  constructor(
    private readonly flush: (bytes: Uint8Array) => void,
    private readonly capacity = 1 << 16,
  ) {
    this.buf = new Uint8Array(Math.max(capacity, RESERVE * 2));
  }

  /** Bytes written so far and not yet flushed. */
  get buffered(): number {
    return this.pos;
  }

  write(m: AisMessage): void {
    if (this.pos + RESERVE > this.buf.length) this.drain();
    this.ascii('{"type":');
    this.int(m.type);
    this.key('repeat');
    this.int(m.repeat);
    this.key('mmsi');
    this.int(m.mmsi);
    this.fields(m, layoutOf(m));
    this.buf[this.pos++] = 0x7d; // }
    this.buf[this.pos++] = 0x0a; // \n
  }

  /** Hands over whatever is buffered. */
  end(): void {
    if (this.pos > 0) this.drain();
  }

  private drain(): void {
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.buf.length);
    this.pos = 0;
    this.flush(out);
  }

  /** The message's fields in the layout's order, each as `,"name":value`. */
  private fields(m: AisMessage, fields: readonly Field[]): void {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      this.bytes(f.key);
      this.value(Reflect.get(m, f.name));
    }
  }

  /** A field value by its JSON type; a whole number is written as `int` writes it. */
  private value(v: unknown): void {
    if (typeof v === 'number') this.num(v);
    else if (typeof v === 'boolean') this.bool(v);
    else if (typeof v === 'string') this.str(v);
    else this.ascii('null');
  }

  private bytes(b: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  private ascii(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** `,"name":` */
  private key(name: string): void {
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x2c;
    buf[p++] = 0x22;
    for (let i = 0; i < name.length; i++) buf[p++] = name.charCodeAt(i);
    buf[p++] = 0x22;
    buf[p++] = 0x3a;
    this.pos = p;
  }

  private bool(v: boolean): void {
    this.ascii(v ? 'true' : 'false');
  }

  /** Non-negative or negative safe integer. */
  private int(v: number): void {
    const buf = this.buf;
    if (v < 0) {
      buf[this.pos++] = 0x2d;
      v = -v;
    }
    if (v < 10) {
      buf[this.pos++] = 48 + v;
      return;
    }
    const d = this.digits;
    let n = 0;
    while (v > 0) {
      const q = Math.floor(v / 10);
      d[n++] = 48 + (v - q * 10);
      v = q;
    }
    let p = this.pos;
    while (n > 0) buf[p++] = d[--n]!;
    this.pos = p;
  }

  /** A number with at most 6 decimals written exactly as its shortest form; others via `String`. */
  private num(v: number | null): void {
    if (v === null) {
      this.ascii('null');
      return;
    }
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 53) {
      this.int(v);
      return;
    }
    for (let k = 1; k <= 6; k++) {
      const scale = POW10[k]!;
      const scaled = Math.round(v * scale);
      if (scaled / scale === v && Math.abs(scaled) < 2 ** 53) {
        this.decimal(scaled, k);
        return;
      }
    }
    this.ascii(String(v));
  }

  /** `scaled / 10^k` as text, e.g. (−1234, 3) → `-1.234`, (5, 2) → `0.05`. */
  private decimal(scaled: number, k: number): void {
    const buf = this.buf;
    if (scaled < 0) {
      buf[this.pos++] = 0x2d;
      scaled = -scaled;
    }
    const scale = POW10[k]!;
    const whole = Math.floor(scaled / scale);
    let frac = scaled - whole * scale;
    this.int(whole);
    buf[this.pos++] = 0x2e;
    let p = this.pos + k;
    this.pos = p;
    for (let i = 0; i < k; i++) {
      const q = Math.floor(frac / 10);
      buf[--p] = 48 + (frac - q * 10);
      frac = q;
    }
  }

  private str(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) {
        buf[p++] = 0x5c;
        buf[p++] = c;
      } else if (c < 0x20 || c > 0x7e) {
        // not produced by 6-bit text; kept correct for any string
        const esc = `\\u${c.toString(16).padStart(4, '0')}`;
        for (let j = 0; j < esc.length; j++) buf[p++] = esc.charCodeAt(j);
      } else {
        buf[p++] = c;
      }
    }
    buf[p++] = 0x22;
    this.pos = p;
  }
}
