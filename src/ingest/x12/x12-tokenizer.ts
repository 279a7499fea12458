/**
 * ANSI X12 tokenizer (X12.5 interchange control structure). The ISA header is fixed-width (106 chars), and
 * defines the delimiters for its interchange: element separator = ISA byte 4, component separator = ISA16,
 * segment terminator = the byte after ISA16, repetition separator = ISA11 from version 00402 on.
 *
 * Tolerated: UTF-8 BOM, CR/LF/CRLF (or nothing) after each terminator, whitespace between interchanges,
 * an ISA whose fields were not space-padded (the 16th element separator is found by counting, not by
 * offset), and several interchanges in one file, each with its own delimiters.
 *
 * `readX12Tokens` walks the text segment by segment, a generator that keeps nothing.
 */
import type { X12Delimiters, X12Issue, X12Segment } from './x12-types.js';

/** What `readX12Tokens` finds, in file order. */
export type X12Token =
  /** A problem outside any interchange (garbage, malformed ISA). */
  | { readonly kind: 'issue'; readonly issue: X12Issue }
  /** The ISA of an interchange; its segments follow. */
  | { readonly kind: 'isa'; readonly isa: X12Segment; readonly delimiters: X12Delimiters }
  | { readonly kind: 'segment'; readonly segment: X12Segment }
  /** The end of the interchange: after its IEA (`closed`), or cut off by the next ISA or the end of the text. */
  | { readonly kind: 'end'; readonly closed: boolean };

export interface X12TokenOptions {
  /**
   * Split only the envelope segments (ISA, GS, GE, ST, SE, IEA) into elements; any other segment comes with
   * its id alone (`elements: [id]`). For a pass that checks envelopes and never looks inside a transaction set.
   */
  readonly envelopeOnly?: boolean;
}

const decoder = new TextDecoder('utf-8');
const WHITESPACE = /\s/;
const ENVELOPE_IDS = new Set(['GS', 'GE', 'ST', 'SE', 'IEA']);

/** The body as text, without a UTF-8 BOM: decode once, then read it as often as needed. */
export function x12Text(body: Uint8Array | string): string {
  const text = typeof body === 'string' ? body : decoder.decode(body);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text's tokens one by one (`x12Text` gives the text of a body). */
export function* readX12Tokens(text: string, options: X12TokenOptions = {}): Generator<X12Token> {
  let ordinal = 0;
  let pos = 0;

  while (pos < text.length) {
    while (pos < text.length && WHITESPACE.test(text[pos]!)) pos++;
    if (pos >= text.length) break;
    if (!text.startsWith('ISA', pos)) {
      const next = text.indexOf('ISA', pos);
      ordinal++;
      yield {
        kind: 'issue',
        issue: {
          code: 'PCS_X12_NO_ISA',
          message: `unexpected data "${text.slice(pos, pos + 20)}" where an ISA header was expected`,
          line: ordinal,
        },
      };
      if (next < 0) break;
      pos = next;
      continue;
    }
    const header = readIsa(text, pos);
    ordinal++;
    if (!header) {
      yield {
        kind: 'issue',
        issue: { code: 'PCS_X12_ISA_MALFORMED', message: 'ISA header has fewer than 16 elements', line: ordinal },
      };
      const next = text.indexOf('ISA', pos + 3);
      if (next < 0) break;
      pos = next;
      continue;
    }
    const { delimiters, isaElements, end } = header;
    yield { kind: 'isa', isa: { id: 'ISA', elements: isaElements, ordinal }, delimiters };
    pos = end;
    let closed = false;
    while (pos < text.length) {
      let start = pos;
      while (start < text.length && (text[start] === '\r' || text[start] === '\n')) start++;
      if (start >= text.length) {
        pos = start;
        break;
      }
      // a new interchange begins without this one having an IEA: stop here, the outer loop reads it
      if (text.startsWith('ISA' + delimiters.element, start) || isaAhead(text, start)) {
        pos = start;
        break;
      }
      let stop = text.indexOf(delimiters.segment, start);
      if (stop < 0) stop = text.length;
      let raw = text.slice(start, stop);
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      pos = stop + 1;
      if (raw.trim() === '') continue;
      ordinal++;
      const segment = split(raw, delimiters.element, options.envelopeOnly === true, ordinal);
      yield { kind: 'segment', segment };
      if (segment.id === 'IEA') {
        closed = true;
        break;
      }
    }
    yield { kind: 'end', closed };
  }
}

function split(raw: string, element: string, envelopeOnly: boolean, ordinal: number): X12Segment {
  if (envelopeOnly) {
    const cut = raw.indexOf(element);
    const id = (cut < 0 ? raw : raw.slice(0, cut)).trim();
    if (!ENVELOPE_IDS.has(id)) return { id, elements: [id], ordinal };
  }
  const elements = raw.split(element);
  const id = elements[0]!.trim();
  elements[0] = id;
  return { id, elements, ordinal };
}

/** ISA followed by any non-alphanumeric separator byte: the start of another interchange. */
function isaAhead(text: string, at: number): boolean {
  if (!text.startsWith('ISA', at)) return false;
  const sep = text[at + 3];
  return sep !== undefined && !/[A-Za-z0-9\s]/.test(sep);
}

function readIsa(text: string, at: number): { delimiters: X12Delimiters; isaElements: string[]; end: number } | null {
  const element = text[at + 3];
  if (element === undefined || /[A-Za-z0-9\s]/.test(element)) return null;
  // find the 16th element separator; ISA16 is the single character after it, the terminator follows
  let p = at + 3;
  for (let n = 0; n < 16; n++) {
    p = text.indexOf(element, n === 0 ? p : p + 1);
    if (p < 0) return null;
  }
  const component = text[p + 1];
  const segment = text[p + 2];
  if (component === undefined || segment === undefined) return null;
  const isaElements = text.slice(at, p + 2).split(element);
  if (isaElements.length !== 17) return null;
  const version = (isaElements[12] ?? '').trim();
  const isa11 = isaElements[11] ?? '';
  const repetition = version >= '00402' && isa11.length === 1 && !/[A-Za-z0-9]/.test(isa11) ? isa11 : null;
  return { delimiters: { element, component, repetition, segment }, isaElements, end: p + 3 };
}
