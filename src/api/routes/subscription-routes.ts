/**
 * DCSA Track & Trace 2.2 event subscriptions (push model): `POST /v2/event-subscriptions` registers a
 * callback URL, a shared secret (base64, at least 32 bytes) and filters (the subscriptionBody of the
 * standard: list filters as JSON arrays, ORed; filters ANDed). Events appended afterwards that match and
 * that the subscriber's organisation may see are POSTed to the callback, signed (see
 * subscriptions/notification-signature.ts). A subscription belongs to the caller's organisation: others
 * neither see nor stop it (404). The secret is never returned.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessScope } from '../../access/access-scope.js';
import type { Platform } from '../../platform.js';
import { DCSA_EVENT_TYPES, EventQuery, type DcsaEventFilter } from '../../store/event-query.js';
import { SubscriptionRepository, type SubscriptionRow } from '../../subscriptions/subscription-repository.js';
import { DCSA_CODES, DCSA_DOCUMENT_TYPE_CODES } from '../../domain/dcsa-conformance.js';
import { canonicalFilter, DCSA_REFERENCE_FILTERS, parseStoredFilter } from '../../dcsa/dcsa-event-filter.js';
import { ProblemSchema, problem } from '../problem.js';
import { CallbackUrl, Secret } from '../callback-fields.js';
import { ACCESS } from '../../access/route-access.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('dcsa');

const FilterFields = {
  eventType: z.array(z.enum(DCSA_EVENT_TYPES)).optional(),
  equipmentEventTypeCode: z.array(z.enum(DCSA_CODES.EQUIPMENT)).optional().describe('e.g. ["GTIN","GTOT"]'),
  transportEventTypeCode: z.array(z.enum(DCSA_CODES.TRANSPORT)).optional(),
  shipmentEventTypeCode: z.array(z.enum(DCSA_CODES.SHIPMENT)).optional(),
  documentTypeCode: z.array(z.enum(DCSA_DOCUMENT_TYPE_CODES)).optional(),
  ...DCSA_REFERENCE_FILTERS,
  bookingReference: DCSA_REFERENCE_FILTERS.carrierBookingReference.describe('deprecated: carrierBookingReference'),
};

const CreateBody = z.strictObject({ callbackUrl: CallbackUrl, secret: Secret, ...FilterFields });
/** DCSA `subscription` body of PUT: the subscription without its secret (`secret` is refused here). */
const UpdateBody = z.strictObject({ subscriptionID: z.string().optional(), callbackUrl: CallbackUrl, ...FilterFields });

const SubscriptionSchema = z
  .object({
    subscriptionID: z.string().uuid(),
    callbackUrl: z.string(),
    ...FilterFields,
    createdDateTime: z.string().datetime(),
    updatedDateTime: z.string().datetime(),
    deliveryStatus: z
      .object({
        failedAttempts: z.number().int().describe('consecutive failed attempts of the pending batch'),
        lastError: z.string().nullable(),
        nextAttemptDateTime: z.string().datetime(),
      })
      .describe('openpcs extension: state of the outbox for this subscription'),
  })
  .describe('DCSA event subscription (without its secret)');

const DeliverySchema = z.object({
  attempt: z.number().int(),
  delivered: z.boolean(),
  eventCount: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  at: z.string().datetime(),
});

const IdParams = z.object({ subscriptionID: z.string() });

type FilterObject = z.infer<z.ZodObject<typeof FilterFields>>;

/** The stored codes that are in `codes` (stored filters predate stricter enums), or undefined. */
function knownCodes<T extends string>(codes: readonly T[], stored: readonly string[] | undefined): T[] | undefined {
  return stored?.filter((c): c is T => (codes as readonly string[]).includes(c));
}

function bodyToFilter(body: FilterObject): DcsaEventFilter {
  return canonicalFilter({
    eventTypes: body.eventType,
    equipmentEventTypeCodes: body.equipmentEventTypeCode,
    transportEventTypeCodes: body.transportEventTypeCode,
    shipmentEventTypeCodes: body.shipmentEventTypeCode,
    documentTypeCodes: body.documentTypeCode,
    transportCallID: body.transportCallID,
    transportDocumentID: body.transportDocumentID,
    equipmentReference: body.equipmentReference,
    transportDocumentReference: body.transportDocumentReference,
    carrierBookingReference: body.carrierBookingReference ?? body.bookingReference,
    vesselIMONumber: body.vesselIMONumber,
    carrierVoyageNumber: body.carrierVoyageNumber,
    exportVoyageNumber: body.exportVoyageNumber,
    importVoyageNumber: body.importVoyageNumber,
    carrierServiceCode: body.carrierServiceCode,
    UNLocationCode: body.UNLocationCode,
  });
}

function view(row: SubscriptionRow): z.infer<typeof SubscriptionSchema> {
  const f = parseStoredFilter(row.filter) ?? {};
  return {
    subscriptionID: row.id,
    callbackUrl: row.callback_url,
    eventType: f.eventTypes ? [...f.eventTypes] : undefined,
    equipmentEventTypeCode: knownCodes(DCSA_CODES.EQUIPMENT, f.equipmentEventTypeCodes),
    transportEventTypeCode: knownCodes(DCSA_CODES.TRANSPORT, f.transportEventTypeCodes),
    shipmentEventTypeCode: knownCodes(DCSA_CODES.SHIPMENT, f.shipmentEventTypeCodes),
    documentTypeCode: knownCodes(DCSA_DOCUMENT_TYPE_CODES, f.documentTypeCodes),
    transportCallID: f.transportCallID,
    transportDocumentID: f.transportDocumentID,
    equipmentReference: f.equipmentReference,
    transportDocumentReference: f.transportDocumentReference,
    carrierBookingReference: f.carrierBookingReference,
    vesselIMONumber: f.vesselIMONumber,
    carrierVoyageNumber: f.carrierVoyageNumber,
    exportVoyageNumber: f.exportVoyageNumber,
    importVoyageNumber: f.importVoyageNumber,
    carrierServiceCode: f.carrierServiceCode,
    UNLocationCode: f.UNLocationCode,
    createdDateTime: row.created_at.toISOString(),
    updatedDateTime: row.updated_at.toISOString(),
    deliveryStatus: {
      failedAttempts: row.failed_attempts,
      lastError: row.last_error,
      nextAttemptDateTime: row.next_attempt_at.toISOString(),
    },
  };
}

const notFound = (id: string) =>
  problem('PCS_DCSA_SUBSCRIPTION_NOT_FOUND', `no subscription ${id}`, [
    { pointer: '/params/subscriptionID', detail: 'unknown subscription' },
  ]);

export const subscriptionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const subscriptions = new SubscriptionRepository(platform.database.db);
  const events = new EventQuery(platform.database.db, platform.database.horizon);
  /** Organisation filter for reads: port authority / system see every subscription. */
  const ownerOf = (scope: AccessScope) => (scope.all ? undefined : scope.orgId);
  const refuseCallback = async (callbackUrl: string): Promise<void> => {
    const refusal = await platform.callbacks.refusal(new URL(callbackUrl));
    if (refusal !== null) {
      throw problem('PCS_SUBSCRIPTION_CALLBACK_REFUSED', refusal, [{ pointer: '/body/callbackUrl', detail: refusal }]);
    }
  };
  const find = async (request: FastifyRequest, id: string) => {
    const row = await subscriptions.get(id, ownerOf(request.accessScope));
    if (!row) throw notFound(id);
    return row;
  };

  app.post(
    '/v2/event-subscriptions',
    route(ACCESS.readOwn, {
      summary: 'Subscribe a callback URL to events (DCSA TNT 2.2 push model)',
      description:
        'Events appended after the subscription that match its filters are POSTed to callbackUrl as a JSON array, ' +
        'with `Notification-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the decoded secret>`, ' +
        '`Subscription-ID` and `API-Version`; a 2xx answer acknowledges them. Failures are retried with exponential backoff, in order. ' +
        'Callbacks to loopback, private, link-local or reserved addresses are refused (400 PCS_SUBSCRIPTION_CALLBACK_REFUSED) unless the operator allows the network.',
      body: CreateBody,
      response: { 201: SubscriptionSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
    }),
    async (request, reply) => {
      const scope = request.accessScope;
      const { callbackUrl, secret } = request.body;
      await refuseCallback(callbackUrl);
      const row = await subscriptions.create({
        orgId: scope.orgId,
        callbackUrl,
        secret: Buffer.from(secret, 'base64'),
        filter: { ...bodyToFilter(request.body) },
        position: await events.head(),
      });
      void reply.code(201).header('Location', `/v2/event-subscriptions/${row.id}`);
      return view(row);
    },
  );

  app.get(
    '/v2/event-subscriptions',
    route(ACCESS.readOwn, {
      summary: "The caller's active subscriptions",
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.string().uuid().optional().describe('Next-Page header of the previous page'),
      }),
      response: { 200: z.array(SubscriptionSchema), 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request, reply) => {
      const scope = request.accessScope;
      const rows = await subscriptions.list(ownerOf(scope), request.query.limit + 1, request.query.cursor);
      const page = rows.slice(0, request.query.limit);
      if (rows.length > page.length) void reply.header('Next-Page', page.at(-1)!.id);
      return page.map(view);
    },
  );

  app.get(
    '/v2/event-subscriptions/:subscriptionID',
    route(ACCESS.readOwn, {
      summary: 'One subscription',
      params: IdParams,
      response: { 200: SubscriptionSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => view(await find(request, request.params.subscriptionID)),
  );

  app.get(
    '/v2/event-subscriptions/:subscriptionID/deliveries',
    route(ACCESS.readOwn, {
      summary: 'Delivery log of a subscription, newest first (openpcs extension)',
      params: IdParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      response: { 200: z.array(DeliverySchema), 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const row = await find(request, request.params.subscriptionID);
      const log = await subscriptions.deliveries(row.id, request.query.limit);
      return log.map((d) => ({
        attempt: d.attempt,
        delivered: d.delivered,
        eventCount: d.event_count,
        statusCode: d.status_code,
        error: d.error,
        durationMs: d.duration_ms,
        at: d.at.toISOString(),
      }));
    },
  );

  app.put(
    '/v2/event-subscriptions/:subscriptionID',
    route(ACCESS.readOwn, {
      summary: 'Alter a subscription: its callback URL and filters (DCSA TNT 2.2); the secret has its own route',
      params: IdParams,
      body: UpdateBody,
      response: { 200: SubscriptionSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const row = await find(request, request.params.subscriptionID);
      const { callbackUrl, subscriptionID } = request.body;
      if (subscriptionID !== undefined && subscriptionID !== row.id) {
        throw problem('PCS_API_VALIDATION', 'subscriptionID differs from the path', [
          { pointer: '/body/subscriptionID', detail: 'must equal the subscriptionID of the path' },
        ]);
      }
      await refuseCallback(callbackUrl);
      const updated = await subscriptions.update(row.id, callbackUrl, { ...bodyToFilter(request.body) });
      if (!updated) throw notFound(row.id);
      return view(updated);
    },
  );

  app.put(
    '/v2/event-subscriptions/:subscriptionID/secret',
    route(ACCESS.readOwn, {
      summary: 'Replace the shared secret',
      params: IdParams,
      body: z.strictObject({ secret: Secret }),
      response: { 204: z.null(), 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request, reply) => {
      const row = await find(request, request.params.subscriptionID);
      await subscriptions.setSecret(row.id, Buffer.from(request.body.secret, 'base64'));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v2/event-subscriptions/:subscriptionID',
    route(ACCESS.readOwn, {
      summary: 'Stop a subscription',
      params: IdParams,
      response: { 204: z.null(), 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request, reply) => {
      const row = await find(request, request.params.subscriptionID);
      await subscriptions.delete(row.id);
      return reply.code(204).send(null);
    },
  );
};
