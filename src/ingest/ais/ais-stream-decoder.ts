/**
 * Streaming AIS NMEA decoder: bytes in (any chunking), decoded messages and rejections out through
 * callbacks. Lines are found with `indexOf(LF)` on the chunk; a partial last line is carried to the next
 * chunk, so memory stays flat whatever the input size. Per line: framing (`tokenizeAisLine`, IEC 61162-1 /
 * IEC 62320-1), reassembly (`AisReassembler`), field decoding (`decodeAisPayload`, ITU-R M.1371-5).
 * Never throws on bad input: every malformed line becomes one rejection with its 1-based line number.
 */
import type { Rejection } from '../message-parser.js';
import { AIS_ERRORS, type AisErrorCode } from '../../domain/errors/ais-errors.js';
import { decodeAisPayload } from './ais-payload-decoder.js';
import { AisReassembler, FRAGMENT_COMPLETE } from './ais-reassembler.js';
import { AisSentence, LINE_PGHP, LINE_SENTENCE, LINE_SKIP, tokenizeAisLine } from './ais-tokenizer.js';
import type { AisEnvelope, AisMessage } from './ais-types.js';

export type AisMessageHandler = (message: AisMessage, envelope: AisEnvelope) => void;
export type AisRejectionHandler = (rejection: Rejection) => void;

export interface AisStreamDecoderOptions {
  /** Messages waiting for fragments at most (default 256); the oldest is dropped beyond. */
  readonly maxPendingMessages?: number;
  /** Lines after its first fragment that a message may wait for the rest (default 1000). */
  readonly fragmentTimeoutLines?: number;
  /** Lines longer than this are rejected without being buffered further (default 64 KiB). */
  readonly maxLineBytes?: number;
}

export interface AisDecodeStats {
  lines: number;
  sentences: number;
  messages: number;
  rejected: number;
}

const LF = 10;
const names = new Map<number, string>();
function cachedName(code: number): string {
  let s = names.get(code);
  if (s === undefined) {
    s = code < 256 ? (code === 0 ? '' : String.fromCharCode(code)) : String.fromCharCode(code >> 8, code & 255);
    names.set(code, s);
  }
  return s;
}

export class AisStreamDecoder {
  readonly stats: AisDecodeStats = { lines: 0, sentences: 0, messages: 0, rejected: 0 };
  private readonly sentence = new AisSentence();
  private readonly reassembler: AisReassembler;
  private readonly envelope: AisEnvelope = {
    line: 0,
    talker: '',
    sentence: 'VDM',
    channel: '',
    source: null,
    timeMs: null,
  };
  private carry = new Uint8Array(256);
  private carryLength = 0;
  private carryOverflow = false;
  /** Time of a `$PGHP` header, for the next sentence only. */
  private headerTimeMs = NaN;
  private readonly maxLineBytes: number;

  constructor(
    private readonly onMessage: AisMessageHandler,
    private readonly onReject: AisRejectionHandler,
    options: AisStreamDecoderOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? 65_536;
    this.reassembler = new AisReassembler(
      (line, reason) => this.reject(line, 'PCS_AIS_INCOMPLETE_MESSAGE', `incomplete multi-sentence message: ${reason}`),
      options.maxPendingMessages ?? 256,
      options.fragmentTimeoutLines ?? 1000,
    );
  }

  /** Decodes every complete line of `chunk` (plus the line carried from the previous chunk). */
  push(chunk: Uint8Array): void {
    let pos = 0;
    const end = chunk.length;
    if (this.carryLength > 0 || this.carryOverflow) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        this.append(chunk, 0, end);
        return;
      }
      this.append(chunk, 0, nl);
      this.endCarriedLine();
      pos = nl + 1;
    }
    while (pos < end) {
      const nl = chunk.indexOf(LF, pos);
      if (nl < 0) {
        this.append(chunk, pos, end);
        return;
      }
      this.line(chunk, pos, nl);
      pos = nl + 1;
    }
  }

  /** Decodes a last line without newline and reports incomplete multi-sentence messages. */
  end(): void {
    if (this.carryLength > 0 || this.carryOverflow) this.endCarriedLine();
    this.reassembler.flush();
  }

  private append(chunk: Uint8Array, from: number, to: number): void {
    const need = this.carryLength + (to - from);
    if (need > this.maxLineBytes) {
      this.carryOverflow = true;
      return;
    }
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLength);
    this.carryLength = need;
  }

  private endCarriedLine(): void {
    if (this.carryOverflow) {
      this.stats.lines++;
      this.reject(this.stats.lines, 'PCS_AIS_NOT_NMEA', `line longer than ${this.maxLineBytes} bytes`);
    } else {
      this.line(this.carry, 0, this.carryLength);
    }
    this.carryLength = 0;
    this.carryOverflow = false;
  }

  private line(buf: Uint8Array, start: number, end: number): void {
    const line = ++this.stats.lines;
    const s = this.sentence;
    const kind = tokenizeAisLine(buf, start, end, s);
    if (kind === LINE_SKIP) return;
    if (kind === LINE_PGHP) {
      this.headerTimeMs = s.timeMs;
      return;
    }
    if (kind !== LINE_SENTENCE) {
      this.headerTimeMs = NaN;
      this.reject(line, kind, AIS_ERRORS[kind].text);
      return;
    }
    this.stats.sentences++;
    if (Number.isNaN(s.timeMs)) s.timeMs = this.headerTimeMs;
    this.headerTimeMs = NaN;
    const r = this.reassembler;
    const status = r.add(buf, s, line);
    if (status !== FRAGMENT_COMPLETE) {
      if (typeof status === 'string') this.reject(line, status, AIS_ERRORS[status].text);
      return;
    }
    const message = decodeAisPayload(r.reader);
    if (typeof message === 'string') {
      this.reject(r.firstLine, message, AIS_ERRORS[message].text);
      return;
    }
    this.stats.messages++;
    const env = this.envelope;
    env.line = r.firstLine;
    env.talker = cachedName((s.talker1 << 8) | s.talker2);
    env.sentence = s.own ? 'VDO' : 'VDM';
    env.channel = cachedName(s.channel);
    env.source = r.source;
    env.timeMs = Number.isNaN(r.timeMs) ? null : r.timeMs;
    this.onMessage(message, env);
  }

  private reject(line: number, code: AisErrorCode, message: string): void {
    this.stats.rejected++;
    this.onReject({ code, message, line });
  }
}
