/**
 * `GET /events`: the event store in `seq` order, cursor-paginated. The cursor is opaque; `nextCursor`
 * is always returned (also on an empty page) so a consumer can poll from where it stopped.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_TYPES } from '../../domain/canonical-event.js';
import type { Platform } from '../../platform.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { EventSchema, toEventView } from '../event-schema.js';
import { badCursorProblem, ProblemSchema } from '../problem.js';
import { ACCESS } from '../../access/route-access.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('events');

export const EventQuerySchema = z.object({
  cursor: z
    .string()
    .optional()
    .describe('opaque cursor from a previous page (nextCursor); omit to start at the beginning'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  eventType: z.enum(EVENT_TYPES).optional(),
  eventTypeCode: z.string().min(1).max(8).optional(),
  equipmentReference: z.string().min(1).optional(),
  vesselIMONumber: z
    .string()
    .regex(/^\d{7}$/, 'must be 7 digits')
    .optional(),
  transportDocumentReference: z.string().min(1).optional(),
  carrierBookingReference: z.string().min(1).optional(),
  source: z.string().min(1).optional().describe('format id of the producing parser'),
});

export const eventRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/events',
    route(ACCESS.read, {
      summary: 'Canonical events in store order, cursor-paginated',
      querystring: EventQuerySchema,
      response: {
        200: z.object({ events: z.array(EventSchema), nextCursor: z.string(), hasMore: z.boolean() }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request, reply) => {
      const access = request.accessScope;
      const { cursor, limit, ...filter } = request.query;
      const after = cursor === undefined ? '0' : decodeCursor(cursor);
      if (after === null) {
        throw badCursorProblem();
      }
      const page = await platform.events.read(after, limit + 1, { ...filter, visibleTo: access });
      const hasMore = page.events.length > limit;
      const events = hasMore ? page.events.slice(0, limit) : page.events;
      const nextCursor = encodeCursor(events.at(-1)?.seq ?? after);
      const next = new URLSearchParams({ ...stringEntries(request.query), cursor: nextCursor });
      reply.header('Link', `</events?${next.toString()}>; rel="next"`);
      reply.header('Next-Page-Cursor', nextCursor);
      auditedRead(
        platform.audit,
        request,
        access,
        '/events',
        events.some((e) => e.visibility !== 'public'),
        { events: events.length, firstSeq: events[0]?.seq, lastSeq: events.at(-1)?.seq, filter },
      );
      return { events: events.map(toEventView), nextCursor, hasMore };
    },
  );
};

function stringEntries(query: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}
