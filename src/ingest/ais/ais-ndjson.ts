/**
 * Fast NDJSON output of decoded AIS messages: one JSON object per line, camelCase fields, written as
 * ASCII straight into a byte buffer (no `JSON.stringify`, no intermediate strings for numbers). The field
 * set per type is the CLI contract documented in docs/ais.md. When the buffer fills, it is handed to
 * `flush` (ownership passes: the writer continues in a fresh buffer), so the consumer may queue it.
 */
import type { AisMessage } from './ais-types.js';

/** Room kept free for one message (the longest, a raw 1024-char payload, stays well below). */
const RESERVE = 4096;
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

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
    switch (m.type) {
      case 1:
      case 2:
      case 3:
        this.key('navStatus');
        this.int(m.navStatus);
        this.key('turn');
        this.num(m.turn);
        this.key('sog');
        this.num(m.sog);
        this.key('accuracy');
        this.bool(m.accuracy);
        this.key('lon');
        this.num(m.lon);
        this.key('lat');
        this.num(m.lat);
        this.key('cog');
        this.num(m.cog);
        this.key('heading');
        this.num(m.heading);
        this.key('second');
        this.int(m.second);
        this.key('maneuver');
        this.int(m.maneuver);
        this.key('raim');
        this.bool(m.raim);
        this.key('radio');
        this.int(m.radio);
        break;
      case 4:
      case 11:
        this.key('year');
        this.num(m.year);
        this.key('month');
        this.num(m.month);
        this.key('day');
        this.num(m.day);
        this.key('hour');
        this.num(m.hour);
        this.key('minute');
        this.num(m.minute);
        this.key('second');
        this.num(m.second);
        this.key('accuracy');
        this.bool(m.accuracy);
        this.key('lon');
        this.num(m.lon);
        this.key('lat');
        this.num(m.lat);
        this.key('epfd');
        this.int(m.epfd);
        this.key('raim');
        this.bool(m.raim);
        this.key('radio');
        this.int(m.radio);
        break;
      case 5:
        this.key('aisVersion');
        this.int(m.aisVersion);
        this.key('imo');
        this.num(m.imo);
        this.key('callsign');
        this.str(m.callsign);
        this.key('name');
        this.str(m.name);
        this.key('shipType');
        this.num(m.shipType);
        this.dimensions(m.toBow, m.toStern, m.toPort, m.toStarboard);
        this.key('epfd');
        this.int(m.epfd);
        this.key('etaMonth');
        this.num(m.etaMonth);
        this.key('etaDay');
        this.num(m.etaDay);
        this.key('etaHour');
        this.num(m.etaHour);
        this.key('etaMinute');
        this.num(m.etaMinute);
        this.key('draught');
        this.num(m.draught);
        this.key('destination');
        this.str(m.destination);
        this.key('dte');
        this.bool(m.dte);
        break;
      case 9:
        this.key('altitude');
        this.num(m.altitude);
        this.key('sog');
        this.num(m.sog);
        this.key('accuracy');
        this.bool(m.accuracy);
        this.key('lon');
        this.num(m.lon);
        this.key('lat');
        this.num(m.lat);
        this.key('cog');
        this.num(m.cog);
        this.key('second');
        this.int(m.second);
        this.key('dte');
        this.bool(m.dte);
        this.key('assigned');
        this.bool(m.assigned);
        this.key('raim');
        this.bool(m.raim);
        this.key('radio');
        this.int(m.radio);
        break;
      case 18:
        this.classB(m.sog, m.accuracy, m.lon, m.lat, m.cog, m.heading, m.second);
        this.key('csUnit');
        this.bool(m.csUnit);
        this.key('display');
        this.bool(m.display);
        this.key('dsc');
        this.bool(m.dsc);
        this.key('band');
        this.bool(m.band);
        this.key('msg22');
        this.bool(m.msg22);
        this.key('assigned');
        this.bool(m.assigned);
        this.key('raim');
        this.bool(m.raim);
        this.key('radio');
        this.int(m.radio);
        break;
      case 19:
        this.classB(m.sog, m.accuracy, m.lon, m.lat, m.cog, m.heading, m.second);
        this.key('name');
        this.str(m.name);
        this.key('shipType');
        this.num(m.shipType);
        this.dimensions(m.toBow, m.toStern, m.toPort, m.toStarboard);
        this.key('epfd');
        this.int(m.epfd);
        this.key('raim');
        this.bool(m.raim);
        this.key('dte');
        this.bool(m.dte);
        this.key('assigned');
        this.bool(m.assigned);
        break;
      case 21:
        this.key('aidType');
        this.int(m.aidType);
        this.key('name');
        this.str(m.name);
        this.key('accuracy');
        this.bool(m.accuracy);
        this.key('lon');
        this.num(m.lon);
        this.key('lat');
        this.num(m.lat);
        this.dimensions(m.toBow, m.toStern, m.toPort, m.toStarboard);
        this.key('epfd');
        this.int(m.epfd);
        this.key('second');
        this.int(m.second);
        this.key('offPosition');
        this.bool(m.offPosition);
        this.key('raim');
        this.bool(m.raim);
        this.key('virtualAid');
        this.bool(m.virtualAid);
        this.key('assigned');
        this.bool(m.assigned);
        break;
      case 24:
        this.key('partNo');
        this.int(m.partNo);
        if (m.partNo === 0) {
          this.key('name');
          this.str(m.name);
        } else {
          this.key('shipType');
          this.num(m.shipType);
          this.key('vendorId');
          this.str(m.vendorId);
          this.key('model');
          this.int(m.model);
          this.key('serial');
          this.int(m.serial);
          this.key('callsign');
          this.str(m.callsign);
          this.dimensions(m.toBow, m.toStern, m.toPort, m.toStarboard);
          this.key('mothershipMmsi');
          this.num(m.mothershipMmsi);
        }
        break;
      case 27:
        this.key('accuracy');
        this.bool(m.accuracy);
        this.key('raim');
        this.bool(m.raim);
        this.key('navStatus');
        this.int(m.navStatus);
        this.key('lon');
        this.num(m.lon);
        this.key('lat');
        this.num(m.lat);
        this.key('sog');
        this.num(m.sog);
        this.key('cog');
        this.num(m.cog);
        this.key('gnss');
        this.bool(m.gnss);
        break;
      case 6:
      case 7:
      case 8:
      case 10:
      case 12:
      case 13:
      case 14:
      case 15:
      case 16:
      case 17:
      case 20:
      case 22:
      case 23:
      case 25:
      case 26:
        this.key('payload');
        this.str(m.payload);
        this.key('fillBits');
        this.int(m.fillBits);
        break;
    }
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

  private classB(
    sog: number | null,
    accuracy: boolean,
    lon: number | null,
    lat: number | null,
    cog: number | null,
    heading: number | null,
    second: number,
  ): void {
    this.key('sog');
    this.num(sog);
    this.key('accuracy');
    this.bool(accuracy);
    this.key('lon');
    this.num(lon);
    this.key('lat');
    this.num(lat);
    this.key('cog');
    this.num(cog);
    this.key('heading');
    this.num(heading);
    this.key('second');
    this.int(second);
  }

  private dimensions(toBow: number, toStern: number, toPort: number, toStarboard: number): void {
    this.key('toBow');
    this.int(toBow);
    this.key('toStern');
    this.int(toStern);
    this.key('toPort');
    this.int(toPort);
    this.key('toStarboard');
    this.int(toStarboard);
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
