/** Opaque pagination cursors: base64url of the last event position seen. Clients must not parse them. */
export function encodeCursor(seq: string): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

/** The position, or null when the cursor was not made by `encodeCursor`. */
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('seq:')) return null;
  const seq = text.slice(4);
  return isEventPosition(seq) ? seq : null;
}

/** Largest `event.seq` the store can hold (`int8`). */
const MAX_POSITION = 2n ** 63n - 1n;

/**
 * Whether the text is an event position the store can hold: a canonical decimal in [0, 2^63 − 1]. A
 * larger number would fail in PostgreSQL ("out of range for type bigint"), so a cursor carrying one is
 * refused as not issued here.
 */
export function isEventPosition(text: string): boolean {
  return /^(0|[1-9]\d{0,18})$/.test(text) && BigInt(text) <= MAX_POSITION;
}
