/**
 * ANSI X12 tokenizer (X12.5 interchange control structure). The ISA header is fixed-width (106 chars), and
 * defines the delimiters for its interchange: element separator = ISA byte 4, component separator = ISA16,
 * segment terminator = the byte after ISA16, repetition separator = ISA11 from version 00402 on.
 *
 * Tolerated: UTF-8 BOM, CR/LF/CRLF (or nothing) after each terminator, whitespace between interchanges,
 * an ISA whose fields were not space-padded (the 16th element separator is found by counting, not by
 * offset), and several interchanges in one file, each with its own delimiters.
 */
import type { X12Delimiters, X12Issue, X12Segment } from './x12-types.js';

export interface X12RawInterchange {
  readonly isa: X12Segment;
  readonly delimiters: X12Delimiters;
  /** Segments after ISA up to and including IEA (if present). */
  readonly segments: readonly X12Segment[];
  /** True when the interchange ended with an IEA segment. */
  readonly closed: boolean;
}

export interface X12Tokens {
  readonly interchanges: readonly X12RawInterchange[];
  readonly issues: readonly X12Issue[];
}

const decoder = new TextDecoder('utf-8');
const WHITESPACE = /\s/;

export function tokenizeX12(body: Uint8Array | string): X12Tokens {
  let text = typeof body === 'string' ? body : decoder.decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const interchanges: X12RawInterchange[] = [];
  const issues: X12Issue[] = [];
  let ordinal = 0;
  let pos = 0;

  while (pos < text.length) {
    while (pos < text.length && WHITESPACE.test(text[pos]!)) pos++;
    if (pos >= text.length) break;
    if (!text.startsWith('ISA', pos)) {
      const next = text.indexOf('ISA', pos);
      ordinal++;
      issues.push({
        code: 'PCS_X12_NO_ISA',
        message: `unexpected data "${text.slice(pos, pos + 20)}" where an ISA header was expected`,
        line: ordinal,
      });
      if (next < 0) break;
      pos = next;
      continue;
    }
    const header = readIsa(text, pos);
    ordinal++;
    if (!header) {
      issues.push({ code: 'PCS_X12_ISA_MALFORMED', message: 'ISA header has fewer than 16 elements', line: ordinal });
      const next = text.indexOf('ISA', pos + 3);
      if (next < 0) break;
      pos = next;
      continue;
    }
    const { delimiters, isaElements, end } = header;
    const isa: X12Segment = { id: 'ISA', elements: isaElements, ordinal };
    const segments: X12Segment[] = [];
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
      const elements = raw.split(delimiters.element);
      const id = elements[0]!.trim();
      elements[0] = id;
      segments.push({ id, elements, ordinal });
      if (id === 'IEA') {
        closed = true;
        break;
      }
    }
    interchanges.push({ isa, delimiters, segments, closed });
  }
  return { interchanges, issues };
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
