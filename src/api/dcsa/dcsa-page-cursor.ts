/**
 * Page cursors of `GET /v2/events`: opaque to clients (base64url JSON), self-contained (the filter and page
 * size travel in the cursor, so `?cursor=…` alone fetches the page), positioned by event `seq`:
 * `after` = the events after a position, ascending; `before` = the `limit` events before a position
 * (null = the newest), still returned ascending. Access is not in the cursor: it is re-applied from the
 * caller on every request, so a tampered cursor reveals nothing.
 *
 * A sorted read (`?sort=`, dcsa-sort.ts) carries its sort (`o`) and is positioned by the sort keys of an event
 * (`k`, exact instants) and its `seq`: `after` = the events after that event in sort order, `before` = the
 * `limit` events before it. `seq` `0` without keys is the start, `null` the end, as for unsorted reads.
 */
import { z } from 'zod';
import { SORTABLE_EVENT_FIELDS, type DcsaEventFilter, type EventSort } from '../../store/event-query.js';
import { isEventPosition } from '../cursor.js';
import { DcsaEventFilterSchema, canonicalFilter } from '../../dcsa/dcsa-event-filter.js';

export interface PageCursor {
  readonly direction: 'after' | 'before';
  /** Position; `null` only for `before` (= after the newest event). */
  readonly seq: string | null;
  readonly limit: number;
  readonly filter: DcsaEventFilter;
  /** The sort of a sorted read (absent: store order). */
  readonly sort?: EventSort | undefined;
  /** Sort keys of the event at `seq` in a sorted read (absent at the start and the end). */
  readonly keys?: readonly string[] | undefined;
}

const Seq = z.string().refine(isEventPosition);
/** An exact instant as the store writes sort keys (`YYYY-MM-DDTHH:MM:SS.ffffffZ`). */
const SortKey = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
const SortJson = z
  .array(z.strictObject({ f: z.enum(SORTABLE_EVENT_FIELDS), d: z.enum(['ASC', 'DESC']) }))
  .min(1)
  .max(SORTABLE_EVENT_FIELDS.length);

const CursorJson = z.strictObject({
  v: z.literal(1),
  d: z.enum(['after', 'before']),
  s: Seq.nullable(),
  l: z.number().int().min(1).max(10_000),
  f: DcsaEventFilterSchema,
  o: SortJson.optional(),
  k: z.array(SortKey).max(SORTABLE_EVENT_FIELDS.length).optional(),
});

export function encodePageCursor(cursor: PageCursor): string {
  const json = {
    v: 1,
    d: cursor.direction,
    s: cursor.seq,
    l: cursor.limit,
    f: cursor.filter,
    ...(cursor.sort ? { o: cursor.sort.map((s) => ({ f: s.field, d: s.direction })) } : {}),
    ...(cursor.keys ? { k: cursor.keys } : {}),
  };
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
  const { d, s, l, f, o, k } = parsed.data;
  if (d === 'after' && s === null) return null;
  const cursor = { direction: d, seq: s, limit: l, filter: canonicalFilter(f) };
  if (o === undefined) return k === undefined ? cursor : null;
  // A sorted position names every sort key of its event; only the start (`0`) and the end (`null`) name none.
  const boundary = s === null || (d === 'after' && s === '0');
  if (boundary ? k !== undefined : k?.length !== o.length) return null;
  return { ...cursor, sort: o.map((x) => ({ field: x.f, direction: x.d })), ...(k ? { keys: k } : {}) };
}
