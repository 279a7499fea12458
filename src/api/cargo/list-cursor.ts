/** Opaque keyset cursors for the cargo lists: base64url of `<kind>:<last key>`. Clients must not parse them. */
export function encodeListCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url');
}

/** The last key, or null when the cursor was not made by `encodeListCursor` for this kind. */
export function decodeListCursor(kind: string, cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) return null;
  const key = text.slice(kind.length + 1);
  return key.length > 0 && key.length <= 200 ? key : null;
}
