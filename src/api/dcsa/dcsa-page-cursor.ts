/**
 * Page cursors of `GET /v2/events`: opaque to clients (base64url JSON), self-contained (the filter and page
 * size travel in the cursor, so `?cursor=…` alone fetches the page), positioned by event `seq`:
 * `after` = the events after a position, ascending; `before` = the `limit` events before a position
 * (null = the newest), still returned ascending. Access is not in the cursor: it is re-applied from the
 * caller on every request, so a tampered cursor reveals nothing.
 */
import { z } from 'zod';
import type { DcsaEventFilter } from '../../store/event-query.js';
import { isEventPosition } from '../cursor.js';
import { DcsaEventFilterSchema, canonicalFilter } from '../../dcsa/dcsa-event-filter.js';

export interface PageCursor {
  readonly direction: 'after' | 'before';
  /** Position; `null` only for `before` (= after the newest event). */
  readonly seq: string | null;
  readonly limit: number;
  readonly filter: DcsaEventFilter;
}

const Seq = z.string().refine(isEventPosition);

const CursorJson = z.strictObject({
  v: z.literal(1),
  d: z.enum(['after', 'before']),
  s: Seq.nullable(),
  l: z.number().int().min(1).max(10_000),
  f: DcsaEventFilterSchema,
});

export function encodePageCursor(cursor: PageCursor): string {
  const json = { v: 1, d: cursor.direction, s: cursor.seq, l: cursor.limit, f: cursor.filter };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not a cursor issued by `encodePageCursor`. */
export function decodePageCursor(text: string): PageCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = CursorJson.safeParse(json);
  if (!parsed.success) return null;
  const { d, s, l, f } = parsed.data;
  if (d === 'after' && s === null) return null;
  return { direction: d, seq: s, limit: l, filter: canonicalFilter(f) };
}
