/**
 * What the list resources share (containers, truck visits, vessel calls): the `limit`, `cursor` and `format`
 * query parameters, a keyset cursor to the next page (list-cursor.ts), and the page answered as JSON
 * `{ <items>, nextCursor }` or exported as CSV / NDJSON with the cursor in `Next-Page-Cursor`
 * (export-format.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EXPORT_FORMATS, exportFormatOf, sendExport, type ExportFormat } from './export-format.js';
import { encodeListCursor } from './list-cursor.js';
import { ProblemSchema } from './problem.js';

/** Query parameters of every list resource; spread into its querystring schema. */
export const LIST_PAGE_QUERY = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
  format: z.enum(EXPORT_FORMATS).optional().describe('json (default), csv or ndjson; or send Accept'),
};

/** How one list resource pages and exports its items. */
export interface ListExport<N extends string, T> {
  /** The items' field in the JSON page (and in the reader's page). */
  readonly field: N;
  /** The cursor's kind (`encodeListCursor`). */
  readonly cursorKind: string;
  /** The key of an item in the list order: the next page starts after the last item's. */
  readonly cursorKey: (item: T) => string;
  readonly csvColumns: readonly string[];
  readonly csvRow: (item: T) => Record<string, unknown>;
}

/** The zod shape of a JSON page: the items under the list's field, and the cursor of the next page. */
type ListPageShape<N extends string, T> = Record<N, z.ZodArray<z.ZodType<T>>> & {
  nextCursor: z.ZodNullable<z.ZodString>;
};

/** The responses of a list route: the JSON page of `item`s under the list's field, and its 400 and 401 problems. */
export function listPageResponses<N extends string, T>(list: ListExport<N, T>, item: z.ZodType<T>) {
  // A computed key widens to an index signature; the page has exactly the list's field and the cursor.
  const page = { [list.field]: z.array(item), nextCursor: z.string().nullable() } as ListPageShape<N, T>;
  return { 200: z.object(page), 400: ProblemSchema, 401: ProblemSchema };
}

/** One page of a list as readers return it: the items under the list's field, and whether more follow. */
export type ListPage<N extends string, T> = Readonly<Record<N, T[]>> & { readonly more: boolean };

/** The JSON body of a page: the items under the list's field, and the cursor of the next page. */
export type ListPageBody<N extends string, T> = Record<N, T[]> & { nextCursor: string | null };

/**
 * The page in the format the caller asked for (`?format=`, else `Accept`): CSV or NDJSON is sent on `reply`;
 * JSON is the body for the route to return through its response schema.
 */
export function answerListPage<N extends string, T>(
  request: FastifyRequest,
  reply: FastifyReply,
  format: ExportFormat | undefined,
  list: ListExport<N, T>,
  page: ListPage<N, T>,
): ListPageBody<N, T> | FastifyReply {
  const items = page[list.field];
  const last = items.at(-1);
  const nextCursor = page.more && last ? encodeListCursor(list.cursorKind, list.cursorKey(last)) : null;
  const chosen = exportFormatOf(request, format);
  if (chosen === 'json') return { [list.field]: items, nextCursor } as ListPageBody<N, T>;
  return sendExport(reply, chosen, list.csvColumns, items.map(list.csvRow), items, nextCursor);
}
