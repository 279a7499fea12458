/**
 * Multi-sentence reassembly of AIS VDM/VDO messages (IEC 61162-1 §8.3.96: fragment count, fragment
 * number, sequential message id). Fragments are keyed by talker, VDM/VDO, channel and sequential id; a
 * later fragment carrying a different tag block source than the first belongs to another receiver and
 * breaks the message. Incomplete messages (orphans) never emit: they are reported when a new first
 * fragment reuses their key, when they exceed `timeoutLines` lines or the `capacity`, and at end of input.
 *
 * The completed payload is de-armoured into `reader` (6-bit values, IEC 61162-1 Annex: char − 48, minus 8
 * more above 40).
 */
import { AisBitReader } from './ais-bit-reader.js';
import type { AisErrorCode } from '../../domain/errors/ais-errors.js';
import type { AisSentence } from './ais-tokenizer.js';

/** Armoured characters per message at most (1024 × 6 = 6144 bits, far above M.1371-5's 1008). */
export const MAX_PAYLOAD_CHARS = 1024;

const SIXBIT = new Int8Array(256).fill(-1);
for (let c = 48; c <= 87; c++) SIXBIT[c] = c - 48;
for (let c = 96; c <= 119; c++) SIXBIT[c] = c - 56;

/** De-armours [from, to) of `buf` into `six` at `offset`; returns the new length, or −1 on a bad character. */
function dearmour(buf: Uint8Array, from: number, to: number, six: Uint8Array, offset: number): number {
  let n = offset;
  for (let i = from; i < to; i++) {
    const v = SIXBIT[buf[i]!]!;
    if (v < 0) return -1;
    six[n++] = v;
  }
  return n;
}

interface Pending {
  key: string;
  six: Uint8Array;
  chars: number;
  count: number;
  next: number;
  firstLine: number;
  source: string | null;
  timeMs: number;
}

export const FRAGMENT_COMPLETE = 0;
export const FRAGMENT_PENDING = 1;

export type OrphanHandler = (firstLine: number, reason: string) => void;

export class AisReassembler {
  /** The last completed message's payload. */
  readonly reader = new AisBitReader(MAX_PAYLOAD_CHARS);
  /** Line of the completed message's first fragment, and its tag block source and time. */
  firstLine = 0;
  source: string | null = null;
  timeMs = NaN;

  private readonly pending = new Map<string, Pending>();
  private readonly pool: Pending[] = [];
  private lastSweep = 0;

  constructor(
    private readonly onOrphan: OrphanHandler,
    private readonly capacity = 256,
    private readonly timeoutLines = 1000,
  ) {}

  /** Adds the sentence framed in `s`; FRAGMENT_COMPLETE when `reader` holds a whole message. */
  add(
    buf: Uint8Array,
    s: AisSentence,
    line: number,
  ): typeof FRAGMENT_COMPLETE | typeof FRAGMENT_PENDING | AisErrorCode {
    const length = s.payloadEnd - s.payloadStart;
    if (s.fragmentCount === 1) {
      if (length === 0) return 'PCS_AIS_EMPTY_PAYLOAD';
      if (length > MAX_PAYLOAD_CHARS) return 'PCS_AIS_PAYLOAD_TOO_LONG';
      const n = dearmour(buf, s.payloadStart, s.payloadEnd, this.reader.six, 0);
      if (n < 0) return 'PCS_AIS_BAD_PAYLOAD';
      this.reader.bits = n * 6 - s.fillBits;
      this.firstLine = line;
      this.source = s.source;
      this.timeMs = s.timeMs;
      return FRAGMENT_COMPLETE;
    }
    if (line - this.lastSweep > 64) this.sweep(line);
    const key = `${String.fromCharCode(s.talker1, s.talker2)}${s.own ? 'O' : 'M'}${s.channel}:${s.seqId}`;
    let entry = this.pending.get(key);
    if (s.fragmentNumber === 1) {
      if (entry) {
        this.drop(entry, 'a new message reused its sequential id before it was complete');
      } else if (this.pending.size >= this.capacity) {
        const oldest = this.pending.values().next().value;
        if (oldest) this.drop(oldest, `more than ${this.capacity} messages were waiting for fragments`);
      }
      entry = this.pool.pop() ?? {
        key,
        six: new Uint8Array(MAX_PAYLOAD_CHARS),
        chars: 0,
        count: 0,
        next: 0,
        firstLine: 0,
        source: null,
        timeMs: NaN,
      };
      entry.key = key;
      entry.chars = 0;
      entry.count = s.fragmentCount;
      entry.next = 1;
      entry.firstLine = line;
      entry.source = s.source;
      entry.timeMs = s.timeMs;
      this.pending.set(key, entry);
    } else if (
      !entry ||
      entry.next !== s.fragmentNumber ||
      entry.count !== s.fragmentCount ||
      (s.source !== null && s.source !== entry.source)
    ) {
      const why = `fragment ${s.fragmentNumber} of ${s.fragmentCount} on line ${line} did not follow it`;
      if (entry) this.drop(entry, why);
      return 'PCS_AIS_FRAGMENT_OUT_OF_ORDER';
    }
    if (entry.chars + length > MAX_PAYLOAD_CHARS) {
      this.release(entry);
      return 'PCS_AIS_PAYLOAD_TOO_LONG';
    }
    const n = dearmour(buf, s.payloadStart, s.payloadEnd, entry.six, entry.chars);
    if (n < 0) {
      this.release(entry);
      return 'PCS_AIS_BAD_PAYLOAD';
    }
    entry.chars = n;
    if (entry.next < entry.count) {
      entry.next++;
      return FRAGMENT_PENDING;
    }
    this.release(entry);
    if (n === 0) return 'PCS_AIS_EMPTY_PAYLOAD';
    this.reader.six.set(entry.six.subarray(0, n));
    this.reader.bits = n * 6 - s.fillBits;
    this.firstLine = entry.firstLine;
    this.source = entry.source ?? s.source;
    this.timeMs = Number.isNaN(entry.timeMs) ? s.timeMs : entry.timeMs;
    return FRAGMENT_COMPLETE;
  }

  /** Reports every message still waiting for fragments (end of input). */
  flush(): void {
    for (const entry of [...this.pending.values()]) this.drop(entry, 'the input ended before its last fragment');
  }

  private sweep(line: number): void {
    this.lastSweep = line;
    for (const entry of this.pending.values()) {
      // Map iteration is insertion order: the first young entry ends the sweep.
      if (line - entry.firstLine <= this.timeoutLines) break;
      this.drop(entry, `its next fragment did not come within ${this.timeoutLines} lines`);
    }
  }

  private drop(entry: Pending, reason: string): void {
    this.onOrphan(entry.firstLine, reason);
    this.release(entry);
  }

  private release(entry: Pending): void {
    this.pending.delete(entry.key);
    this.pool.push(entry);
  }
}
