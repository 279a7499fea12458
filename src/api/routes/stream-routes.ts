/**
 * `GET /v2/stream`: DCSA events as they are stored, as Server-Sent Events (WHATWG HTML "Server-sent
 * events"), filtered like `GET /v2/events` and limited to what the caller may see. Each message is
 * `id: <cursor>`, `event: <eventType>`, `data: <DCSA event JSON>`. A client resumes after the last message
 * it got with the `Last-Event-ID` header (browsers send it on reconnect) or `?lastEventId=`; without one the
 * stream starts at the newest event. The bus only wakes the stream: events are read from the store by
 * cursor, so none is skipped or repeated. A comment line every 15 s keeps proxies from closing the
 * connection (and re-reads the store, for events appended by other processes). A dropped database connection
 * does not end the stream: it reads again after a pause.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeStreamsOnShutdown, resumePosition, serveEventStream } from '../event-stream.js';
import type { Platform } from '../../platform.js';
import { EventQuery } from '../../store/event-query.js';
import { encodeCursor } from '../cursor.js';
import { toDcsaEvent } from '../../dcsa/dcsa-event-view.js';
import { DcsaFilterQueryShape, filterFromQuery } from '../dcsa/dcsa-filter-query.js';
import { ProblemSchema } from '../problem.js';
import { ACCESS } from '../../access/route-access.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('dcsa');

export interface StreamRoutesOptions {
  readonly platform: Platform;
  /** Interval of keep-alive comments (default 15 s). */
  readonly heartbeatMs?: number | undefined;
}

const PAGE = 500;

export const streamRoutes: FastifyPluginAsyncZod<StreamRoutesOptions> = async (app, options) => {
  const { platform } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const events = new EventQuery(platform.database.db, platform.database.horizon);
  const open = closeStreamsOnShutdown(app);

  app.get(
    '/v2/stream',
    route(ACCESS.read, {
      summary: 'Live DCSA events as Server-Sent Events, resumable with Last-Event-ID',
      description:
        'text/event-stream. Messages: `id: <cursor>`, `event: SHIPMENT|TRANSPORT|EQUIPMENT`, `data: <DCSA event JSON>`; ' +
        'comment heartbeats every 15 s. Same filters as GET /v2/events.',
      querystring: z.object({
        ...DcsaFilterQueryShape,
        lastEventId: z.string().max(200).optional().describe('resume after this message id (like Last-Event-ID)'),
      }),
      headers: z.object({ 'last-event-id': z.string().max(200).optional() }),
      response: { 200: z.string().describe('text/event-stream'), 400: ProblemSchema },
    }),
    async (request, reply) => {
      const { lastEventId, ...filterQuery } = request.query;
      const filter = filterFromQuery(filterQuery);
      const scope = request.accessScope;
      let position = resumePosition(request.headers['last-event-id'], lastEventId) ?? (await events.head());

      await serveEventStream(request, reply, open, {
        label: 'event stream',
        heartbeatMs,
        heartbeatWakes: true,
        wakers: [(signal) => platform.bus.subscribe(signal)],
        round: async (output) => {
          const page = await events.after(filter, scope, position, PAGE);
          // Each page of restricted events sent is an audited read, like a page of GET /v2/events.
          auditedRead(
            platform.audit,
            request,
            scope,
            '/v2/stream',
            page.events.filter((e) => e.visibility !== 'public').length,
            {
              events: page.events.length,
              firstSeq: page.events[0]?.seq,
              lastSeq: page.events.at(-1)?.seq,
            },
          );
          for (const event of page.events) {
            if (output.closed) break;
            const data = JSON.stringify(toDcsaEvent(event));
            await output.write(`id: ${encodeCursor(event.seq)}\nevent: ${event.eventType}\ndata: ${data}\n\n`);
            position = event.seq;
          }
          return page.more;
        },
      });
    },
  );
};
