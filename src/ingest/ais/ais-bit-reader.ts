/**
 * Reads bit fields out of a de-armoured AIS payload (ITU-R M.1371-5 Annex 8 §3.3: the payload is sent as
 * 6-bit characters, most significant bit first; IEC 61162-1 armours each 6 bits as an ASCII character).
 *
 * `six` holds one 6-bit value per payload character; `bits` is the number of significant bits (characters
 * × 6 − fill bits). Bits past `bits` read as 0, as the standard pads short fields with zeros.
 */
export class AisBitReader {
  six: Uint8Array;
  bits = 0;

  constructor(capacity: number) {
    this.six = new Uint8Array(capacity);
  }

  /** Unsigned field of `len` ≤ 30 bits at bit `start`. */
  uint(start: number, len: number): number {
    const end = start + len;
    if (end > this.bits) return this.slowUint(start, len);
    const first = (start / 6) | 0;
    const last = ((end - 1) / 6) | 0;
    const six = this.six;
    const shift = (last + 1) * 6 - end;
    if (last - first < 5) {
      // at most 5 characters = 30 bits: fits a 32-bit integer
      let acc = 0;
      for (let i = first; i <= last; i++) acc = (acc << 6) | six[i]!;
      return (acc >>> shift) & ((1 << len) - 1);
    }
    let acc = 0;
    for (let i = first; i <= last; i++) acc = acc * 64 + six[i]!;
    return Math.floor(acc / 2 ** shift) % 2 ** len;
  }

  /** Two's complement signed field of `len` ≤ 30 bits. */
  int(start: number, len: number): number {
    const v = this.uint(start, len);
    return v >= 2 ** (len - 1) ? v - 2 ** len : v;
  }

  bool(start: number): boolean {
    return this.uint(start, 1) === 1;
  }

  /**
   * 6-bit ASCII text (M.1371-5 Table 47: 0–31 → `@`…`_`, 32–63 → space…`?`) of `len` bits; trailing `@`
   * (padding, "not available") and spaces are trimmed, and text stops at the first `@`.
   */
  text(start: number, len: number): string {
    let out = '';
    let keep = 0;
    const n = (len / 6) | 0;
    for (let k = 0; k < n; k++) {
      const v = this.uint(start + k * 6, 6);
      if (v === 0) break;
      const c = v < 32 ? v + 64 : v;
      out += String.fromCharCode(c);
      if (c !== 32) keep = out.length;
    }
    return keep === out.length ? out : out.slice(0, keep);
  }

  private slowUint(start: number, len: number): number {
    let v = 0;
    for (let b = start; b < start + len; b++) {
      const bit = b < this.bits ? (this.six[(b / 6) | 0]! >> (5 - (b % 6))) & 1 : 0;
      v = v * 2 + bit;
    }
    return v;
  }
}
