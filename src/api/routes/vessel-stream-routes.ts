/**
 * `GET /vessels/stream`: the live map's feed, as Server-Sent Events (WHATWG HTML "Server-sent events"). Each
 * message is `event: vessels` with `data: {"at": …, "vessels": [...]}` — every vessel the caller may see that
 * reported in the last 30 minutes, underway, at anchor (inside or outside the anchorages) or at berth, in the
 * shape of `GET /vessels` — sent when the picture changed, and at least once per heartbeat period (15 s) so
 * that its `at` ("as of") stays current. The store's bus wakes the stream when events are
 * appended; it reads the position read model `settleMs` later (the projection runs after the append), and again
 * every `interval` seconds (default 5) for what other processes stored. A comment line every 15 s keeps proxies
 * from closing the connection; a dropped database connection does not end the stream: it reads again after a
 * pause. Browsers that must send an API key read it with `fetch` (EventSource cannot send headers).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeStreamsOnShutdown, serveEventStream } from '../event-stream.js';
import { ACCESS } from '../../access/route-access.js';
import type { VesselActivity } from '../../domain/vessel-calls/vessel-status-at.js';
import { loadGeography } from '../../geo/load-geography.js';
import type { Platform } from '../../platform.js';
import { ProblemSchema } from '../problem.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';
import { vesselAtView } from '../vessels/vessel-at-view.js';
import { vesselsAt } from '../vessels/vessels-at-reader.js';

const route = routesTagged('vessels');

/** What the live map draws: everything but `other` (stopped or moored elsewhere). */
const LIVE: readonly VesselActivity[] = ['underway', 'at_anchor', 'anchored_outside', 'at_berth'];

export interface VesselStreamRouteOptions {
  readonly platform: Platform;
  /** Interval of keep-alive comments (default 15 s). */
  readonly heartbeatMs?: number | undefined;
  /** Delay between a bus wake-up and the read, for the projection to catch up (default 500 ms). */
  readonly settleMs?: number | undefined;
  /** Items whose newest report is older than this are flagged `stale` (OPENPCS_VESSEL_STALE_MINUTES, default 30). */
  readonly staleAfterMinutes?: number | undefined;
}

export const vesselStreamRoutes: FastifyPluginAsyncZod<VesselStreamRouteOptions> = async (app, options) => {
  const { platform } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const settleMs = options.settleMs ?? 500;
  const geography = loadGeography();
  const open = closeStreamsOnShutdown(app);

  app.get(
    '/vessels/stream',
    route(ACCESS.read, {
      summary: 'Live vessel positions for the map as Server-Sent Events (every vessel you may see, when it changes)',
      description:
        'text/event-stream. Messages: `event: vessels`, `data: {"at", "vessels"}` with the vessels of the last 30 ' +
        'minutes underway, at anchor, anchored outside the anchorages or at berth (the items of GET /vessels); ' +
        'sent first on connect, then whenever the picture changes (read on new events and every `interval` ' +
        'seconds) and at least every 15 s. Comment heartbeats every 15 s.',
      querystring: z.object({
        interval: z.coerce
          .number()
          .int()
          .min(1)
          .max(60)
          .optional()
          .describe('seconds between re-reads when no event wakes the stream (default 5)'),
      }),
      response: { 200: z.string().describe('text/event-stream'), 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request, reply) => {
      const scope = request.accessScope;
      const intervalMs = (request.query.interval ?? 5) * 1000;
      let last = '';
      let sentAt = 0;
      await serveEventStream(request, reply, open, {
        label: 'vessel stream',
        heartbeatMs,
        heartbeatWakes: false,
        wakers: [(signal) => platform.bus.subscribe(signal)],
        settleMs,
        idleMs: intervalMs,
        round: async (output) => {
          const at = new Date().toISOString();
          const found = await vesselsAt(platform.database.db, geography, {
            at,
            statuses: [...LIVE],
            flagStaleAfterMin: options.staleAfterMinutes,
            visibleTo: scope,
          });
          const vessels = found.map(vesselAtView);
          const picture = JSON.stringify(vessels);
          // Unchanged pictures are sent again once a heartbeat period passed, so "as of" stays current.
          if ((picture !== last || Date.now() - sentAt >= heartbeatMs) && !output.closed) {
            // The first picture sent is the read the generic read audit would record for GET /vessels.
            if (last === '') auditedRead(platform.audit, request, scope, '/vessels/stream', true);
            last = picture;
            sentAt = Date.now();
            await output.write(`event: vessels\ndata: {"at":${JSON.stringify(at)},"vessels":${picture}}\n\n`);
          }
          return false;
        },
      });
    },
  );
};
