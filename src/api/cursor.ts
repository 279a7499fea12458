/** Opaque pagination cursors: base64url of the last event position seen. Clients must not parse them. */
export function encodeCursor(seq: string): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

/** The position, or null when the cursor was not made by `encodeCursor`. */
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('seq:')) return null;
  const seq = text.slice(4);
  return /^(0|[1-9]\d{0,18})$/.test(seq) ? seq : null;
}
