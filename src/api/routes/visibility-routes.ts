/**
 * A sender shares (or withdraws) what it sent: `PATCH /events/{eventId}` for one event, `PATCH /inbox/{id}`
 * for every event of one received message (a whole file). Re-sending a message with another `visibility`
 * is a duplicate (idempotency), so this is the way to change it. Only an owner of the data (the sender, or
 * a co-owner it declared) with the `ingest` or `admin` scope may; anyone else gets the same 404 as for a
 * missing event, so the answer never reveals that another organisation's event exists. Every change is
 * written to the audit log at once. See `store/visibility-change.ts` for what changes. A derived event (the
 * vessel-call detector's) is refused to its owners with 409 `PCS_EVENT_DERIVED`: its visibility follows its sources'.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { VISIBILITIES } from '../../domain/canonical-event.js';
import type { Platform } from '../../platform.js';
import { changeVisibility, type VisibilityTarget } from '../../store/visibility-change.js';
import { ACCESS } from '../../access/route-access.js';
import { projectionsFedBy } from '../../projections/projections-fed-by.js';
import { ProblemSchema, problem, type ProblemError } from '../problem.js';
import { routesTagged } from '../route-options.js';

const eventsRoute = routesTagged('events');
const ingestRoute = routesTagged('ingest');

const VisibilityBody = z.object({
  visibility: z.enum(VISIBILITIES).describe('who may see the data from now on'),
});

const VisibilityChangedSchema = z.object({
  visibility: z.enum(VISIBILITIES),
  previousVisibility: z.enum(VISIBILITIES),
  events: z.number().int().describe('events concerned'),
  eventsChanged: z.number().int().describe('events whose visibility changed (0 when they already had it)'),
});

/** Both routes answer alike: the change, or why not (403 without the scope, 404 for what is not yours). */
const VISIBILITY_RESPONSES = {
  200: VisibilityChangedSchema,
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
};

/** `PATCH /events/{eventId}` also refuses a derived event of yours (409). */
const EVENT_VISIBILITY_RESPONSES = { ...VISIBILITY_RESPONSES, 409: ProblemSchema };

export const visibilityRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const apply = async (
    request: FastifyRequest,
    target: VisibilityTarget,
    visibility: (typeof VISIBILITIES)[number],
    notFound: () => ProblemError,
    resource: string,
  ): Promise<z.infer<typeof VisibilityChangedSchema>> => {
    const access = request.accessScope;
    const change = await changeVisibility(platform.database.db, target, access.orgId, visibility);
    if (!change) throw notFound();
    if ('refused' in change) {
      throw problem('PCS_EVENT_DERIVED', `this event is derived from others (source ${change.source})`, [
        { pointer: '/params/eventId', detail: 'its visibility follows the events it was derived from: change theirs' },
      ]);
    }
    await platform.audit.record({
      orgId: access.orgId,
      apiKeyId: access.keyId,
      action: 'change-visibility',
      resource,
      detail: { from: change.previous, to: visibility, events: change.events, eventsChanged: change.changed },
    });
    // Read models fed by the changed codes that hold copies of the old visibility (or are keyed by audience):
    // rebuilt from the events, in catch-up order, so readers see the change when this answers.
    for (const projection of projectionsFedBy(platform.projections.projections, change.codes)) {
      await platform.projections.rebuild(projection.name);
    }
    return { visibility, previousVisibility: change.previous, events: change.events, eventsChanged: change.changed };
  };

  app.patch(
    '/events/:eventId',
    eventsRoute(ACCESS.ingest, {
      summary: 'Change the visibility of one event you sent (or co-own)',
      description:
        'Only the visibility changes; the event is otherwise immutable. An event that is not yours answers 404, exactly like one that does not exist. A derived event of yours (source `vessel-call-detector`: arrivals and departures detected from AIS positions) answers 409 `PCS_EVENT_DERIVED`: it takes the visibility of the positions it comes from, so change theirs (`PATCH /inbox/{id}`) and it follows. Audited.',
      params: z.object({ eventId: z.string().uuid().describe('eventId of the event') }),
      body: VisibilityBody,
      response: EVENT_VISIBILITY_RESPONSES,
    }),
    async (request) =>
      apply(
        request,
        { eventId: request.params.eventId },
        request.body.visibility,
        () =>
          problem('PCS_EVENT_NOT_FOUND', `no event ${request.params.eventId} of yours`, [
            { pointer: '/params/eventId', detail: 'no such event among those you own' },
          ]),
        `/events/${request.params.eventId}`,
      ),
  );

  app.patch(
    '/inbox/:id',
    ingestRoute(ACCESS.ingest, {
      summary: 'Change the visibility of every event of one message you sent (a whole file)',
      description:
        'Re-sending a message with another `visibility` is a duplicate and changes nothing; this does. A message that is not yours answers 404, exactly like one that does not exist. Audited.',
      params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric inbox id') }),
      body: VisibilityBody,
      response: VISIBILITY_RESPONSES,
    }),
    async (request) =>
      apply(
        request,
        { inboxId: request.params.id },
        request.body.visibility,
        () =>
          problem('PCS_INGEST_NOT_FOUND', `inbox message ${request.params.id} does not exist`, [
            { pointer: '/params/id', detail: 'no such message among those you own' },
          ]),
        `/inbox/${request.params.id}`,
      ),
  );
};
