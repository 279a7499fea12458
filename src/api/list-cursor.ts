/**
 * Opaque keyset cursors of the resource lists (containers, truck visits, vessel calls): base64url of
 * `<kind>:<last key>`. Clients must not parse them.
 */
import { hasControlCharacter } from '../domain/has-control-character.js';
import { badCursorProblem } from './problem.js';

export function encodeListCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url');
}

/** The last key, or null when the cursor was not made by `encodeListCursor` for this kind. */
export function decodeListCursor(kind: string, cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) return null;
  const key = text.slice(kind.length + 1);
  // Control characters never occur in a key made here; U+0000 would fail in PostgreSQL (a 500, not a 400).
  return key.length > 0 && key.length <= 200 && !hasControlCharacter(key) ? key : null;
}

/** The key after which the requested page starts (undefined: first page); 400 for a cursor not made here. */
export function afterKey(kind: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeListCursor(kind, cursor);
  if (key === null) throw badCursorProblem();
  return key;
}
