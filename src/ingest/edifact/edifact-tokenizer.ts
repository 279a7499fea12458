/**
 * UN/EDIFACT tokenizer (ISO 9735-1 §7-8). Service characters come from the UNA service string advice when
 * present (UNA1 component, UNA2 element, UNA3 decimal mark, UNA4 release, UNA5 repetition/reserved, UNA6
 * segment terminator), else the defaults `:+.? '`. The release character makes the next character literal
 * (`?+`, `?:`, `?'`, `??`). A second interchange in the same file starts again from the defaults unless it
 * has its own UNA. Tolerated: UTF-8 BOM, CR/LF/whitespace between segments (not inside), a missing final
 * terminator, ISO 8859-1 bytes (UNOC) that are not valid UTF-8.
 */
import {
  DEFAULT_EDIFACT_DELIMITERS,
  type EdifactDelimiters,
  type EdifactIssue,
  type EdifactSegment,
} from './edifact-types.js';

export interface EdifactTokens {
  readonly segments: readonly EdifactSegment[];
  /** Service characters in force for each segment (parallel to `segments`). */
  readonly delimiters: readonly EdifactDelimiters[];
  readonly issues: readonly EdifactIssue[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

export function decodeEdifact(body: Uint8Array | string): string {
  if (typeof body === 'string') return body;
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    text = latin1.decode(body);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One segment with the service characters in force for it, or an issue of the service string. */
export type EdifactToken =
  { readonly segment: EdifactSegment; readonly delimiters: EdifactDelimiters } | { readonly issue: EdifactIssue };

/** The whole body at once (small messages, tests); `readEdifactTokens` reads it segment by segment. */
export function tokenizeEdifact(body: Uint8Array | string): EdifactTokens {
  const segments: EdifactSegment[] = [];
  const delimiters: EdifactDelimiters[] = [];
  const issues: EdifactIssue[] = [];
  for (const token of readEdifactTokens(body)) {
    if ('issue' in token) issues.push(token.issue);
    else {
      segments.push(token.segment);
      delimiters.push(token.delimiters);
    }
  }
  return { segments, delimiters, issues };
}

/**
 * The segments one after another, so a large interchange is never held as segments whole (only its text).
 */
export function* readEdifactTokens(body: Uint8Array | string): Generator<EdifactToken> {
  const text = decodeEdifact(body);
  let ordinal = 0;
  let d = DEFAULT_EDIFACT_DELIMITERS;
  let unaPending = false;
  let lastTag = '';
  let pos = 0;
  const n = text.length;

  while (pos < n) {
    const c0 = text.charCodeAt(pos);
    if (c0 === 0x0a || c0 === 0x0d || c0 === 0x20 || c0 === 0x09) {
      pos++;
      continue;
    }
    if (text.startsWith('UNA', pos)) {
      if (pos + 9 > n) {
        yield { issue: { code: 'PCS_EDIFACT_UNA_MALFORMED', message: 'UNA is shorter than 6 service characters' } };
        break;
      }
      d = {
        component: text[pos + 3]!,
        element: text[pos + 4]!,
        decimal: text[pos + 5]!,
        release: text[pos + 6]!,
        repetition: text[pos + 7]!,
        segment: text[pos + 8]!,
      };
      unaPending = true;
      pos += 9;
      continue;
    }
    if (!unaPending && lastTag === 'UNZ' && text.startsWith('UNB', pos)) d = DEFAULT_EDIFACT_DELIMITERS;
    unaPending = false;

    const elements: string[][] = [];
    let components: string[] = [];
    let current = '';
    while (pos < n) {
      const c = text[pos]!;
      if (c === d.release && d.release !== ' ') {
        if (pos + 1 < n) current += text[pos + 1];
        pos += 2;
        continue;
      }
      pos++;
      if (c === d.segment) break;
      if (c === d.element) {
        components.push(current);
        elements.push(components);
        components = [];
        current = '';
      } else if (c === d.component) {
        components.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    components.push(current);
    elements.push(components);
    const tag = (elements[0]![0] ?? '').trim();
    yield { segment: { tag, elements: elements.slice(1), ordinal: ++ordinal }, delimiters: d };
    lastTag = tag;
  }
}
