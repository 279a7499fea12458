/**
 * `GET /v2/events` in the shape of DCSA Track & Trace 2.2: a JSON array of DCSA events, filtered by the
 * standard's query parameters (see dcsa-filter-query.ts), limited to what the caller may see, in store
 * order (`seq`), cursor-paginated with the DCSA_DOMAIN 1.0.3 page headers (`Current-Page`, `Next-Page`,
 * `Prev-Page`, `First-Page`, `Last-Page`, each holding a cursor for `?cursor=`; `Next-Page` is omitted on
 * the last page). `Next-Page-Cursor` repeats `Next-Page` under its DCSA 3.0 name, and `Link` gives the
 * same pages as URLs (RFC 8288). `?format=csv|ndjson` (or `Accept: text/csv | application/x-ndjson`)
 * exports the same page as CSV or newline-delimited JSON. `?sort=` (DCSA 2.2, dcsa-sort.ts) orders by
 * `eventCreatedDateTime` and/or `eventDateTime`, ASC or DESC, ties by store position; its pages are keyset
 * pages on the sort keys, and the cursor carries the sort like the filters.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.js';
import {
  EventQuery,
  type EventSort,
  type EventsPage,
  type SortedEventsPage,
  type SortPosition,
} from '../../store/event-query.js';
import { dcsaEventsCsv } from '../dcsa/dcsa-event-csv.js';
import { canonicalFilter } from '../../dcsa/dcsa-event-filter.js';
import { DcsaEventSchema } from '../../dcsa/dcsa-event-schema.js';
import { toDcsaEvent } from '../../dcsa/dcsa-event-view.js';
import { DcsaFilterQueryShape, filterFromQuery, hasFilterParameters } from '../dcsa/dcsa-filter-query.js';
import { decodePageCursor, encodePageCursor, type PageCursor } from '../dcsa/dcsa-page-cursor.js';
import { parseDcsaSort } from '../dcsa/dcsa-sort.js';
import { badCursorProblem, ProblemSchema, problem } from '../problem.js';
import type { AccessScope } from '../../access/access-scope.js';
import { ACCESS } from '../../access/route-access.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('dcsa');

export const DCSA_API_VERSION = '2.2.0';
const DEFAULT_LIMIT = 100;

const EventsQuerySchema = z.object({
  ...DcsaFilterQueryShape,
  cursor: z
    .string()
    .max(4096)
    .optional()
    .describe('a page cursor from a Next-Page / Prev-Page / First-Page / Last-Page header; carries the filters'),
  limit: z.coerce.number().int().min(1).max(10_000).optional().describe('page size (default 100)'),
  sort: z
    .string()
    .max(200)
    .optional()
    .describe(
      'DCSA sort: eventCreatedDateTime and/or eventDateTime, each with :ASC (default) or :DESC, comma separated, ' +
        'e.g. eventDateTime:DESC; ties in store order. Default: store order',
    ),
  format: z.enum(['json', 'csv', 'ndjson']).optional().describe('response format (default json, or from Accept)'),
});

type Format = 'json' | 'csv' | 'ndjson';

function formatOf(request: FastifyRequest, explicit: Format | undefined): Format {
  if (explicit) return explicit;
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/csv')) return 'csv';
  if (accept.includes('application/x-ndjson')) return 'ndjson';
  return 'json';
}

const plusOne = (seq: string): string => (BigInt(seq) + 1n).toString();
const minusOne = (seq: string): string => (BigInt(seq) - 1n).toString();

export const dcsaEventRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const events = new EventQuery(platform.database.db, platform.database.horizon);

  app.get(
    '/v2/events',
    route(ACCESS.read, {
      summary: 'DCSA Track & Trace 2.2 events, filtered and cursor-paginated',
      description:
        'Filters are ANDed, comma-separated list values ORed. Pagination: follow the Next-Page header (a cursor) ' +
        'with `?cursor=`; the cursor carries the filters. Headers: Current-Page, Next-Page (absent on the last page), ' +
        'Prev-Page (absent on the first page), First-Page, Last-Page, Next-Page-Cursor, Link, API-Version.',
      querystring: EventsQuerySchema,
      response: { 200: z.array(DcsaEventSchema), 400: ProblemSchema },
    }),
    async (request, reply) => {
      const { cursor: cursorText, limit, format, sort: sortText, ...filterQuery } = request.query;
      const cursor = resolveCursor(cursorText, limit, filterQuery, sortText);
      const scope = request.accessScope;
      const { page, pages } = cursor.sort
        ? await sortedPage(events, cursor, cursor.sort, scope)
        : await storeOrderPage(events, cursor, scope);
      setPageHeaders(reply, pages);
      const first = page.events[0]?.seq;
      const last = page.events.at(-1)?.seq;
      // Reads of restricted data are audited (who, which page, which filter).
      auditedRead(
        platform.audit,
        request,
        scope,
        '/v2/events',
        page.events.some((e) => e.visibility !== 'public'),
        {
          events: page.events.length,
          firstSeq: first,
          lastSeq: last,
          filter: cursor.filter,
          ...(cursor.sort ? { sort: cursor.sort } : {}),
        },
      );
      const body = page.events.map(toDcsaEvent);
      switch (formatOf(request, format)) {
        case 'csv':
          return sendText(reply, 'text/csv; charset=utf-8', dcsaEventsCsv(body));
        case 'ndjson':
          return sendText(
            reply,
            'application/x-ndjson; charset=utf-8',
            body.map((event) => `${JSON.stringify(event)}\n`).join(''),
          );
        case 'json':
          return body;
      }
    },
  );
  app.get(
    '/v2/events/:eventID',
    route(ACCESS.read, {
      summary: 'One DCSA Track & Trace 2.2 event by its eventID',
      description:
        'Deprecated in DCSA 2.2 but part of it. 404 for an event the caller may not see, as for one that does not exist.',
      params: z.strictObject({ eventID: z.string().uuid().describe('eventID of a served event') }),
      response: { 200: DcsaEventSchema, 400: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const scope = request.accessScope;
      const event = await events.byId(request.params.eventID, scope);
      if (!event) {
        throw problem('PCS_DCSA_EVENT_NOT_FOUND', `no event ${request.params.eventID}`, [
          { pointer: '/params/eventID', detail: 'unknown event' },
        ]);
      }
      if (scope.member && event.visibility !== 'public') {
        platform.audit.recordRead({
          orgId: scope.orgId,
          apiKeyId: scope.keyId,
          action: 'read',
          resource: '/v2/events/{eventID}',
          detail: { eventId: event.eventId, seq: event.seq },
        });
      }
      return toDcsaEvent(event);
    },
  );
};

type PageHeaders = Record<string, string | undefined>;

/** A page in store order (`seq`), and its page headers. */
async function storeOrderPage(
  events: EventQuery,
  cursor: PageCursor,
  scope: AccessScope,
): Promise<{ page: EventsPage; pages: PageHeaders }> {
  let page: EventsPage;
  let hasNext: boolean;
  let hasPrev: boolean;
  if (cursor.direction === 'after') {
    const after = cursor.seq ?? '0';
    page = await events.after(cursor.filter, scope, after, cursor.limit);
    hasNext = page.more;
    hasPrev = after !== '0' && (await events.exists(cursor.filter, scope, { to: after }));
  } else {
    page = await events.before(cursor.filter, scope, cursor.seq, cursor.limit);
    hasPrev = page.more;
    hasNext = cursor.seq !== null && (await events.exists(cursor.filter, scope, { from: cursor.seq }));
  }
  const first = page.events[0]?.seq;
  const last = page.events.at(-1)?.seq;
  const at = (direction: PageCursor['direction'], seq: string | null): string =>
    encodePageCursor({ direction, seq, limit: cursor.limit, filter: cursor.filter });
  const pages: PageHeaders = {
    'Current-Page': encodePageCursor(cursor),
    'Next-Page': hasNext
      ? at('after', last ?? (cursor.direction === 'before' ? minusOne(cursor.seq!) : cursor.seq))
      : undefined,
    'Prev-Page': hasPrev
      ? at('before', first ?? (cursor.direction === 'after' ? plusOne(cursor.seq!) : cursor.seq))
      : undefined,
    'First-Page': at('after', '0'),
    'Last-Page': at('before', null),
  };
  return { page, pages };
}

/**
 * A page in `sort` order, and its page headers. Positions are events (sort keys + `seq`). An empty page has no
 * event to point from: an empty `after` page means nothing lies beyond its position, so the page before it is
 * the last page; an empty `before` page means nothing lies before it, so the page after it is the first page.
 */
async function sortedPage(
  events: EventQuery,
  cursor: PageCursor,
  sort: EventSort,
  scope: AccessScope,
): Promise<{ page: SortedEventsPage; pages: PageHeaders }> {
  const position: SortPosition | null =
    cursor.keys && cursor.seq !== null ? { keys: cursor.keys, seq: cursor.seq } : null;
  const page = await events.sorted(cursor.filter, scope, sort, cursor.direction, position, cursor.limit);
  let hasNext: boolean;
  let hasPrev: boolean;
  if (cursor.direction === 'after') {
    hasNext = page.more;
    hasPrev = position !== null && (await events.sortedExists(cursor.filter, scope, sort, position, 'at-or-before'));
  } else {
    hasPrev = page.more;
    hasNext = position !== null && (await events.sortedExists(cursor.filter, scope, sort, position, 'at-or-after'));
  }
  const base = { limit: cursor.limit, filter: cursor.filter, sort };
  const start = encodePageCursor({ ...base, direction: 'after', seq: '0' });
  const end = encodePageCursor({ ...base, direction: 'before', seq: null });
  const at = (direction: PageCursor['direction'], p: SortPosition): string =>
    encodePageCursor({ ...base, direction, seq: p.seq, keys: p.keys });
  const pages: PageHeaders = {
    'Current-Page': encodePageCursor(cursor),
    'Next-Page': hasNext ? (page.last ? at('after', page.last) : start) : undefined,
    'Prev-Page': hasPrev ? (page.first ? at('before', page.first) : end) : undefined,
    'First-Page': start,
    'Last-Page': end,
  };
  return { page, pages };
}

function resolveCursor(
  text: string | undefined,
  limit: number | undefined,
  filterQuery: Parameters<typeof filterFromQuery>[0],
  sortText: string | undefined,
): PageCursor {
  const filter = filterFromQuery(filterQuery);
  const sort = sortText === undefined ? undefined : parseDcsaSort(sortText);
  if (text === undefined) {
    return { direction: 'after', seq: '0', limit: limit ?? DEFAULT_LIMIT, filter, ...(sort ? { sort } : {}) };
  }
  const cursor = decodePageCursor(text);
  if (cursor === null) {
    throw badCursorProblem();
  }
  if (hasFilterParameters(filterQuery) && JSON.stringify(canonicalFilter(filter)) !== JSON.stringify(cursor.filter)) {
    throw problem(
      'PCS_DCSA_CURSOR_FILTER_MISMATCH',
      'a cursor carries the filters of its query; repeat them unchanged or leave them out',
      [{ pointer: '/query/cursor', detail: 'the cursor was issued for other filters' }],
    );
  }
  if (sort && JSON.stringify(sort) !== JSON.stringify(cursor.sort ?? [])) {
    throw problem(
      'PCS_DCSA_CURSOR_FILTER_MISMATCH',
      'a cursor carries the sort of its query; repeat it unchanged or leave it out',
      [{ pointer: '/query/sort', detail: 'the cursor was issued for another sort' }],
    );
  }
  return { ...cursor, limit: limit ?? cursor.limit };
}

/** Text exports bypass the JSON response schema (Fastify serialises objects only). */
function sendText(reply: { type(type: string): unknown }, type: string, text: string): FastifyReply {
  return (reply.type(type) as FastifyReply).send(text);
}

function setPageHeaders(reply: FastifyReply, pages: Record<string, string | undefined>): void {
  const links: string[] = [];
  const rel: Record<string, string> = {
    'Next-Page': 'next',
    'Prev-Page': 'prev',
    'First-Page': 'first',
    'Last-Page': 'last',
  };
  for (const [name, cursor] of Object.entries(pages)) {
    if (cursor === undefined) continue;
    void reply.header(name, cursor);
    const relation = rel[name];
    if (relation) links.push(`</v2/events?cursor=${cursor}>; rel="${relation}"`);
  }
  if (pages['Next-Page']) void reply.header('Next-Page-Cursor', pages['Next-Page']);
  void reply.header('Link', links.join(', '));
  void reply.header('API-Version', DCSA_API_VERSION);
}
