/**
 * Alerts (issue 13; docs/alerts.md): `POST|GET /alerts/rules`, `GET|DELETE /alerts/rules/{ruleId}` manage the
 * caller's organisation's rules; `GET /alerts` lists its alerts newest first (cursor in `Next-Page`);
 * `GET /alerts/stream` pushes them live as Server-Sent Events, resumable with `Last-Event-ID`. Every route needs
 * a key (`readOwn`) and sees only the caller's organisation's rules and alerts: another's are "not found" (404).
 * Alerts are raised by the alert projection (`projections/alerts/`) and pushed to webhooks by
 * `subscriptions/alert-delivery-worker.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeStreamsOnShutdown, resumePosition, serveEventStream } from '../event-stream.js';
import { ACCESS } from '../../access/route-access.js';
import { storedRule, type AlertRule } from '../../domain/alerts/alert-rule.js';
import { APPOINTMENT_TRANSACTION_TYPES } from '../../domain/cargo-event-codes.js';
import type { Platform } from '../../platform.js';
import { AlertRepository, alertMessage, type AlertRuleRow } from '../../store/alert-repository.js';
import { CallbackUrl, Secret } from '../callback-fields.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ProblemSchema, problem } from '../problem.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('alerts');

const Code = (what: string, pattern: RegExp) => z.string().regex(pattern, what);
const Location = Code('a terminal (SMDG) or depot code', /^[A-Z0-9]{2,17}$/);
const Scac = Code('a SCAC: 2–4 capital letters', /^[A-Z]{2,4}$/);
const IsoType = Code('an ISO 6346 size/type code', /^[0-9A-Z]{4}$/);
const Container = Code('an ISO 6346 container number', /^[A-Z]{4}[0-9]{7}$/);
const Instant = z.string().datetime({ offset: true });
const MAX_WINDOW_MS = 31 * 24 * 3_600_000;

const EmptyParameters = z.strictObject({ locationCode: Location, carrierScac: Scac, isoEquipmentCode: IsoType });
const SlotParameters = z.strictObject({
  terminal: Location,
  transactionType: z.enum(APPOINTMENT_TRANSACTION_TYPES),
  from: Instant.describe('window start (inclusive): slots starting at or after it'),
  to: Instant.describe('window end (exclusive); at most 31 days after `from`'),
});
const ContainerParameters = z.strictObject({ equipmentReference: Container });
const Webhook = { callbackUrl: CallbackUrl.optional(), secret: Secret.optional() };

const CreateBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('empty-capacity-zero'), parameters: EmptyParameters, ...Webhook }),
  z.strictObject({ kind: z.literal('empty-capacity-reopened'), parameters: EmptyParameters, ...Webhook }),
  z.strictObject({ kind: z.literal('appointment-slots-free'), parameters: SlotParameters, ...Webhook }),
  z.strictObject({ kind: z.literal('container-available'), parameters: ContainerParameters, ...Webhook }),
  z.strictObject({ kind: z.literal('hold-set'), parameters: ContainerParameters, ...Webhook }),
  z.strictObject({ kind: z.literal('hold-released'), parameters: ContainerParameters, ...Webhook }),
  z.strictObject({ kind: z.literal('last-free-day-tomorrow'), parameters: ContainerParameters, ...Webhook }),
]);

const RuleSchema = z
  .object({
    ruleId: z.string().uuid(),
    kind: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    callbackUrl: z.string().nullable().describe('null: live stream and GET /alerts only'),
    createdDateTime: z.string().datetime(),
  })
  .describe('An alert rule (its secret is never returned)');

const AlertSchema = z
  .object({
    alertId: z.string(),
    ruleId: z.string().uuid(),
    kind: z.string(),
    reason: z.string().describe('why it fired, one sentence'),
    asOf: z.string().describe('when the fact behind it was stated'),
    source: z.object({ organisation: z.string().nullable(), eventId: z.string().nullable() }),
    details: z.record(z.string(), z.unknown()),
    createdDateTime: z.string().datetime(),
    deliveryState: z.enum(['stream-only', 'pending', 'delivered']),
  })
  .describe('An alert: at most one per rule and change');

const RuleParams = z.object({ ruleId: z.string().max(64) });

const RULE_EXAMPLE = {
  kind: 'empty-capacity-zero',
  parameters: { locationCode: 'USLGBPCT', carrierScac: 'MAEU', isoEquipmentCode: '45G1' },
  callbackUrl: 'https://dispatch.example.com/openpcs/alerts',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==',
};
const ALERT_EXAMPLE = {
  alertId: '17',
  ruleId: '2b0f3c8e-7f0e-4a59-9d3c-2d1c0f5e9a11',
  kind: 'empty-capacity-zero',
  reason: 'MAEU 45G1 empties at USLGBPCT: capacity fell to zero (not accepting)',
  asOf: '2026-12-03T14:00:00.000Z',
  source: { organisation: 'pct', eventId: '8c1e0b7a-8d52-4a0e-9f0c-5a2b7f3e1d44' },
  details: {
    locationCode: 'USLGBPCT',
    carrierScac: 'MAEU',
    isoEquipmentCode: '45G1',
    accepting: false,
    remainingCapacity: null,
  },
  createdDateTime: '2026-12-03T14:00:01.204Z',
  deliveryState: 'delivered',
};

function ruleView(row: AlertRuleRow): z.infer<typeof RuleSchema> {
  return {
    ruleId: row.id,
    kind: row.kind,
    parameters: row.parameters,
    callbackUrl: row.callback_url,
    createdDateTime: row.created_at.toISOString(),
  };
}

const notFound = (id: string) =>
  problem('PCS_ALERT_RULE_NOT_FOUND', `no alert rule ${id}`, [{ pointer: '/params/ruleId', detail: 'unknown rule' }]);

const invalid = (pointer: string, detail: string) => problem('PCS_ALERT_RULE_INVALID', detail, [{ pointer, detail }]);

export interface AlertRoutesOptions {
  readonly platform: Platform;
  /** Interval of keep-alive comments on the live stream (default 15 s). */
  readonly heartbeatMs?: number | undefined;
}

export const alertRoutes: FastifyPluginAsyncZod<AlertRoutesOptions> = async (
  app,
  { platform, heartbeatMs = 15_000 },
) => {
  const alerts = new AlertRepository(platform.database.db);
  const open = closeStreamsOnShutdown(app);

  app.post(
    '/alerts/rules',
    route(ACCESS.readOwn, {
      summary: 'Subscribe the organisation to a condition',
      description:
        'Kinds: `empty-capacity-zero` / `empty-capacity-reopened` (an empty-return location × SCAC × ISO size/type), ' +
        '`appointment-slots-free` (a slot of a terminal and transaction type starting in [from, to) gets free places), ' +
        '`container-available`, `hold-set`, `hold-released`, `last-free-day-tomorrow` (one container your organisation owns). ' +
        'Edge-triggered: at most one alert per change, with the reason and the fact (`asOf`, `source`). ' +
        'With `callbackUrl` and `secret` each alert is POSTed there, signed like DCSA subscriptions ' +
        '(`Notification-Signature: sha256=<hex HMAC-SHA256 of the body keyed with the decoded secret>`); without, alerts ' +
        'are on `GET /alerts/stream` and `GET /alerts` only. Changes after the rule was created count.',
      body: CreateBody.meta({ examples: [RULE_EXAMPLE] }),
      response: { 201: RuleSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
    }),
    async (request, reply) => {
      const body = request.body;
      if ((body.callbackUrl === undefined) !== (body.secret === undefined)) {
        throw invalid(
          body.callbackUrl === undefined ? '/body/callbackUrl' : '/body/secret',
          'callbackUrl and secret go together',
        );
      }
      if (body.kind === 'appointment-slots-free') {
        const span = Date.parse(body.parameters.to) - Date.parse(body.parameters.from);
        if (!(span > 0 && span <= MAX_WINDOW_MS)) {
          throw invalid('/body/parameters/to', 'the window must end after it starts and span at most 31 days');
        }
      }
      if (body.callbackUrl !== undefined) {
        const refusal = await platform.callbacks.refusal(new URL(body.callbackUrl));
        if (refusal !== null) {
          throw problem('PCS_SUBSCRIPTION_CALLBACK_REFUSED', refusal, [
            { pointer: '/body/callbackUrl', detail: refusal },
          ]);
        }
      }
      const rule = storedRule(body.kind, body.parameters) as AlertRule;
      const row = await alerts.createRule({
        orgId: request.accessScope.orgId,
        rule,
        callback:
          body.callbackUrl !== undefined && body.secret !== undefined
            ? { url: body.callbackUrl, secret: Buffer.from(body.secret, 'base64') }
            : null,
        startSeq: await platform.events.head(),
      });
      void reply.code(201).header('Location', `/alerts/rules/${row.id}`);
      return ruleView(row);
    },
  );

  app.get(
    '/alerts/rules',
    route(ACCESS.readOwn, {
      summary: "The organisation's active alert rules, oldest first",
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.string().uuid().optional().describe('Next-Page header of the previous page'),
      }),
      response: { 200: z.array(RuleSchema), 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const rows = await alerts.rules(request.accessScope.orgId, limit + 1, cursor);
      const page = rows.slice(0, limit);
      if (rows.length > page.length) void reply.header('Next-Page', page.at(-1)!.id);
      return page.map(ruleView);
    },
  );

  app.get(
    '/alerts/rules/:ruleId',
    route(ACCESS.readOwn, {
      summary: 'One alert rule',
      params: RuleParams,
      response: { 200: RuleSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const row = await alerts.rule(request.params.ruleId, request.accessScope.orgId);
      if (!row) throw notFound(request.params.ruleId);
      return ruleView(row);
    },
  );

  app.delete(
    '/alerts/rules/:ruleId',
    route(ACCESS.readOwn, {
      summary: 'Stop an alert rule (its alerts stay listed)',
      params: RuleParams,
      response: { 204: z.null(), 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request, reply) => {
      if (!(await alerts.deleteRule(request.params.ruleId, request.accessScope.orgId))) {
        throw notFound(request.params.ruleId);
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/alerts',
    route(ACCESS.readOwn, {
      summary: "The organisation's alerts, newest first",
      description: 'The next page is at `?cursor=<Next-Page header>`.',
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.string().max(200).optional().describe('Next-Page header of the previous page'),
      }),
      response: {
        200: z.array(AlertSchema).meta({ examples: [[ALERT_EXAMPLE]] }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request, reply) => {
      const { limit, cursor } = request.query;
      let beforeId: string | undefined;
      if (cursor !== undefined) {
        const id = decodeCursor(cursor);
        if (id === null) {
          throw problem('PCS_API_BAD_CURSOR', 'not a cursor of this list', [
            { pointer: '/query/cursor', detail: 'not a cursor issued by this API' },
          ]);
        }
        beforeId = id;
      }
      const rows = await alerts.alerts(
        request.accessScope.orgId,
        limit + 1,
        beforeId === undefined ? {} : { beforeId },
      );
      const page = rows.slice(0, limit);
      if (rows.length > page.length) void reply.header('Next-Page', encodeCursor(page.at(-1)!.id));
      return page.map((row) => AlertSchema.parse(alertMessage(row)));
    },
  );

  app.get(
    '/alerts/stream',
    route(ACCESS.readOwn, {
      summary: "The organisation's alerts live, as Server-Sent Events, resumable with Last-Event-ID",
      description:
        'text/event-stream. Messages: `id: <cursor>`, `event: alert`, `data: <alert JSON, as in GET /alerts>`; comment ' +
        'heartbeats every 15 s. Without Last-Event-ID the stream starts after the newest alert.',
      querystring: z.object({
        lastEventId: z.string().max(200).optional().describe('resume after this message id (like Last-Event-ID)'),
      }),
      headers: z.object({ 'last-event-id': z.string().max(200).optional() }),
      response: { 200: z.string().describe('text/event-stream'), 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request, reply) => {
      const orgId = request.accessScope.orgId;
      let position =
        resumePosition(request.headers['last-event-id'], request.query.lastEventId) ??
        (await alerts.newestAlertId(orgId));
      await serveEventStream(request, reply, open, {
        label: 'alert stream',
        heartbeatMs,
        heartbeatWakes: true,
        wakers: [
          // The bus wakes the stream when events arrive; the alerts they raise exist once the projections caught up.
          (signal) => platform.bus.subscribe(signal),
          // Alerts are written by the projections: a finished catch-up wakes the stream too.
          (signal) => platform.projections.onCaughtUp(signal),
        ],
        round: async (output) => {
          await platform.projections.idle();
          const rows = await alerts.alerts(orgId, 500, { afterId: position });
          for (const row of rows) {
            await output.write(
              `id: ${encodeCursor(row.id)}\nevent: alert\ndata: ${JSON.stringify(alertMessage(row))}\n\n`,
            );
            position = row.id;
          }
          return rows.length === 500;
        },
      });
    },
  );
};
