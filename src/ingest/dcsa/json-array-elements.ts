/**
 * The elements of a top-level JSON array (RFC 8259 §5) one by one, as text, so that a 64 MiB array of events is
 * never parsed into one tree: each element's text is cut out by tracking strings (with their escapes) and the
 * nesting of objects and arrays, and the caller parses it on its own (`JSON.parse`, which checks the element's
 * grammar). The array itself is checked here: one comma between elements, none trailing, the closing bracket,
 * only JSON whitespace (space, tab, LF, CR) after it. Together, the text is a JSON array exactly when every
 * element parses and no `error` is yielded (the fuzz test in json-array-elements.test.ts holds it to JSON.parse).
 */

/** What the walk finds: an element's text, or where the array stops being JSON (reading stops there). */
export type JsonArrayPart =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly at: number; readonly message: string };

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const isSpace = (c: number): boolean => c === SPACE || c === TAB || c === LF || c === CR;

/** The index of the first character after JSON whitespace from `at`. */
export function skipJsonSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The elements of the array that opens at `open` (`text[open]` is `[`). */
export function* jsonArrayElements(text: string, open: number): Generator<JsonArrayPart> {
  let i = skipJsonSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_ARRAY) {
    i++;
  } else {
    for (;;) {
      const end = valueEnd(text, i);
      if (end < 0) {
        yield { ok: false, at: i, message: i >= text.length ? 'the array is not closed' : 'a value is expected' };
        return;
      }
      yield { ok: true, text: text.slice(i, end) };
      i = skipJsonSpace(text, end);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i = skipJsonSpace(text, i + 1);
      } else if (c === CLOSE_ARRAY) {
        i++;
        break;
      } else {
        yield {
          ok: false,
          at: i,
          message: i >= text.length ? 'the array is not closed' : 'a comma or the end of the array is expected',
        };
        return;
      }
    }
  }
  const after = skipJsonSpace(text, i);
  if (after < text.length) yield { ok: false, at: after, message: 'unexpected data after the array' };
}

/** Where the value starting at `start` ends (exclusive), or -1 when none starts there or it is not closed. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (Number.isNaN(first) || first === COMMA || first === CLOSE_ARRAY || first === CLOSE_OBJECT) return -1;
  if (first === QUOTE) return stringEnd(text, start);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) {
    // A number or a literal: up to the next delimiter; JSON.parse of the element judges it.
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isSpace(c) || c === COMMA || c === CLOSE_ARRAY) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
      // Brackets of the wrong kind (`{]`) end the value all the same: JSON.parse of the element refuses it.
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The index after the closing quote of the string that opens at `start`, or -1 when it is not closed. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}
