/**
 * Text PostgreSQL cannot keep. A `text` value may not contain NUL (U+0000: "invalid byte sequence for
 * encoding UTF8: 0x00"), and `jsonb` refuses both `\u0000` and an unpaired UTF-16 surrogate (`\ud800`),
 * which `JSON.stringify` writes as an escape. Raw bytes are safe (the inbox body is `bytea`); everything
 * derived from them as text — dead-letter messages quoting the input, pointers, header values, event
 * payloads — passes through here before it reaches a `text` or `jsonb` column.
 */

// NUL, or an unpaired surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_GLOBAL = new RegExp(UNSTORABLE.source, 'g');

/** True when the string can go into a `text` or `jsonb` column as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * The string with NUL written as the six characters `\u0000` (so a reader still sees where it was) and
 * every unpaired surrogate replaced by U+FFFD, the way a UTF-8 decoder treats an invalid sequence.
 */
export function storableText(text: string): string {
  if (isStorableText(text)) return text;
  return text.replace(UNSTORABLE_GLOBAL, (char) => (char === '\u0000' ? '\\u0000' : '\uFFFD'));
}

/** A JSON-like value with every string (keys included) made storable; for `jsonb` columns such as metadata. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)]));
  }
  return value;
}

/**
 * JSON pointer (RFC 6901) of the first string or key in `value` that cannot be stored, or undefined when
 * all of it can; `Date`s and numbers are always storable.
 */
export function unstorableTextAt(value: unknown, at = ''): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : at || '/';
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const here = `${at}/${escapePointer(storableText(key))}`;
    if (!isStorableText(key)) return here;
    const found = unstorableTextAt(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
