/**
 * Builds the Fastify application (without listening), so tests drive it with `app.inject()` and the CLI
 * `serve` command adds `listen()` (STYLE §11). Each bounded context is a plugin with its own routes and
 * schemas; cross-cutting concerns (validation, problem+json errors, OpenAPI) are set here once.
 */
import type { ProblemCode } from '../domain/errors/catalogue.js';
import type { FeeTariff } from '../domain/fees/fee-tariff.js';
import fastifySwagger from '@fastify/swagger';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifySchemaValidationError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Platform } from '../platform.js';
import { authenticator } from './authenticate.js';
import { refuseUnstorableBodyText, refuseUnstorableRequestText } from './unstorable-text-guard.js';
import { ACCESS } from '../access/route-access.js';
import { FailedAuthLimiter } from './failed-auth-limiter.js';
import { enforceRouteAccess, requireRouteAccessDeclarations } from './route-access-hook.js';
import { createMetrics, type PlatformMetrics } from './ingest-metrics.js';
import { readAuditHook } from './read-audit-hook.js';
import { securityHeaders } from './security-headers.js';
import { adminRoutes } from './routes/admin-routes.js';
import { formatSettingRoutes } from './routes/format-setting-routes.js';
import { terminalLinkRoutes } from './routes/terminal-link-routes.js';
import { carrierScacRoutes } from './routes/carrier-scac-routes.js';
import { csvLayoutRoutes } from './routes/csv-layout-routes.js';
import { cargoRoutes } from './routes/cargo-routes.js';
import { DEFAULT_GRACE_MINUTES } from '../domain/appointments/appointment-outcome.js';
import { appointmentRoutes } from './routes/appointment-routes.js';
import { equipmentRoutes } from './routes/equipment-routes.js';
import { drayageRoutes } from './routes/drayage-routes.js';
import { feeRoutes } from './routes/fee-routes.js';
import { forecastRoutes } from './routes/forecast-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';
import {
  isDcsaPath,
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  storeUnavailableProblem,
  withDcsaErrorMembers,
  type Problem,
  type ProblemFieldError,
  problem,
} from './problem.js';
import { dcsaEventRoutes } from './routes/dcsa-event-routes.js';
import { DEFAULT_GRID_CO2_G_PER_KWH } from '../emissions/shore-power.js';
import { callEmissionsRoutes } from './routes/call-emissions-routes.js';
import { emissionsRoutes } from './routes/emissions-routes.js';
import { corridorRoutes } from './routes/corridor-routes.js';
import type { GreenCorridorConfig } from '../emissions/green-corridor-config.js';
import { loadGreenCorridors } from '../geo/load-green-corridors.js';
import { eventRoutes } from './routes/event-routes.js';
import { visibilityRoutes } from './routes/visibility-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { subscriptionRoutes } from './routes/subscription-routes.js';
import { strictQuerystring } from './strict-querystring.js';
import { healthRoutes } from './routes/health-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { vesselRoutes } from './routes/vessel-routes.js';
import { vesselStreamRoutes } from './routes/vessel-stream-routes.js';
import { terminalRoutes } from './routes/terminal-routes.js';
import { terminalFeedRoutes } from './routes/terminal-feed-routes.js';
import { whoamiRoutes } from './routes/whoami-routes.js';
import { portalStatic } from './portal-static.js';
import { OPENPCS_VERSION } from '../version.js';
import { isStoreUnavailable, STORE_RETRY_AFTER_S } from '../store/store-unavailable.js';

/** On the DCSA routes (`/v2/*`) a problem also carries the DCSA error body's members. */
const dcsaAware = (problem: Problem, method: string, url: string): Problem =>
  isDcsaPath(url) ? withDcsaErrorMembers(problem, method, url) : problem;

export interface ServerOptions {
  readonly platform: Platform;
  readonly logLevel?: string | undefined;
  readonly bodyLimitBytes?: number | undefined;
  /** Requests per minute per API key (per client address for anonymous callers). */
  readonly rateLimitPerMinute?: number | undefined;
  /** Failed authentications per minute per client address answered 401; later ones are answered 429. */
  readonly authFailuresPerMinute?: number | undefined;
  /** The API is reached over TLS (directly or through a TLS-terminating proxy): answers carry HSTS. */
  readonly behindTls?: boolean | undefined;
  /**
   * Reverse proxies (addresses, CIDRs, `loopback`/`linklocal`/`uniquelocal`) whose `X-Forwarded-For` names the
   * client (`OPENPCS_TRUST_PROXY`). Empty (the default): the client address is the connection's peer, and a
   * forwarded header is ignored. The client address keys the failed-authentication limit and the anonymous
   * rate limit.
   */
  readonly trustedProxies?: readonly string[] | undefined;
  /** Demurrage and detention tariffs behind `GET /fees` (`OPENPCS_FEE_TARIFFS`); the illustrative defaults when unset. */
  readonly feeTariffs?: readonly FeeTariff[] | undefined;
  /** The green corridors and particulars register (`OPENPCS_GREEN_CORRIDORS`); the shipped file when unset. */
  readonly greenCorridors?: GreenCorridorConfig | undefined;
  /** Terminal feed figures older than this many minutes are flagged `stale` (`OPENPCS_FEED_STALE_MINUTES`). */
  readonly feedStaleMinutes?: number | undefined;
  /** A vessel whose newest AIS report is older than this many minutes is flagged `stale` (`OPENPCS_VESSEL_STALE_MINUTES`). */
  readonly vesselStaleMinutes?: number | undefined;
  /** Minutes either side of an appointment slot in which a gate-in counts as kept (`OPENPCS_APPOINTMENT_GRACE_MINUTES`). */
  readonly appointmentGraceMinutes?: number | undefined;
  /** Where `openpcs forecast backtest` wrote its reports (`<OPENPCS_DATA_DIR>/forecasts/backtests`); none served when unset. */
  readonly forecastReportDir?: string | undefined;
  /** Grid CO2 factor of shore power, g/kWh, in the per-call emissions answers (`OPENPCS_GRID_CO2_G_PER_KWH`). */
  readonly gridCo2GPerKwh?: number | undefined;
  /** The built portal served at `/` (default: the package's `web/dist/`, `api/portal-static.ts`). */
  readonly portalDir?: string | undefined;
}

export interface Server {
  readonly app: FastifyInstance;
  /** The Prometheus registry behind `/metrics` (for a separate metrics port, `OPENPCS_METRICS_PORT`). */
  readonly metrics: PlatformMetrics;
  /** Stops accepting requests, waits for in-flight ones, then drains background ingestion. */
  shutdown(): Promise<void>;
}

const FASTIFY_CODES: Readonly<Record<string, ProblemCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PCS_INGEST_BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PCS_API_EMPTY_BODY',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'PCS_API_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'PCS_API_BAD_CONTENT_LENGTH',
};

/** Where the Swagger UI is served (its routes are public: they show the API description only). */
const DOCS_PREFIX = '/docs';

export async function buildServer(options: ServerOptions): Promise<Server> {
  const { platform } = options;
  const bodyLimitBytes = options.bodyLimitBytes ?? 64 * 1024 * 1024;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: bodyLimitBytes,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // The router's own refusals (a path parameter over 100 characters, an undecodable URL) answer problem+json
    // from the catalogue like every other error, not Fastify's plain JSON.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'PCS_API_PATH_TOO_LONG' : 'PCS_API_BAD_URL';
      const path = request.url.split('?')[0] ?? '';
      const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
      const body = problem(code, `${request.method} ${shown}`).toProblem(shown);
      void reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', strictQuerystring);

  const metrics = createMetrics();
  metrics.setCollectors({
    openDeadLetters: () => platform.deadLetters.countOpen(),
    inboxBacklog: async () => (await platform.inbox.countByStatus()).received,
    openQuarantine: () => platform.projections.quarantine.countOpen(),
    projectionLag: () => platform.projections.lag(),
  });
  platform.pipeline.setObserver({
    ...metrics.observer,
    crashed(inboxId, error) {
      metrics.observer.crashed?.(inboxId, error);
      app.log.error(
        { err: error, inboxId },
        isStoreUnavailable(error)
          ? `inbox message ${inboxId}: store unavailable; left received, the inbox sweep tries it again`
          : `inbox message ${inboxId}: processing failed`,
      );
    },
  });
  platform.projections.setObserver({
    quarantined(projection, eventSeq, failure) {
      metrics.projectionObserver.quarantined(projection, eventSeq, failure);
      app.log.warn(
        { projection, eventSeq, code: failure.code },
        `projection ${projection} quarantined event ${eventSeq} (${failure.message}); "openpcs projections retry" applies it again after a fix`,
      );
    },
  });
  let shuttingDown = false;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isStoreUnavailable(error)) {
      // The database dropped or refused the connection: nothing of the request was acknowledged, and the
      // pool reconnects by itself, so the client is told to try again (never the driver's text: it may hold SQL).
      request.log.warn({ err: error }, 'store unavailable; answered 503');
      void reply
        .code(503)
        .header('Retry-After', String(STORE_RETRY_AFTER_S))
        .type(PROBLEM_CONTENT_TYPE)
        .send(dcsaAware(storeUnavailableProblem().toProblem(request.url), request.method, request.url));
      return;
    }
    const problem = toProblem(error, request.url);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const body = dcsaAware(problem, request.method, request.url);
    void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
  });
  // Security headers on every answer, set on the raw response first so that hijacked answers (the SSE
  // stream) and error answers carry them too.
  const headerOptions = { docsPrefix: DOCS_PREFIX, behindTls: options.behindTls ?? false };
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(securityHeaders(request.url.split('?')[0] ?? '', headerOptions))) {
      reply.raw.setHeader(name, value);
    }
  });
  app.decorateRequest('accessScope');
  app.addHook('onRequest', refuseUnstorableRequestText);
  const failedAuth = new FailedAuthLimiter({ maxFailures: options.authFailuresPerMinute ?? 30 });
  app.addHook('onRequest', authenticator(platform.organisations, failedAuth));
  // Every route declares the scope it needs (config.access); it is checked here, once, for all of them.
  app.addHook('onRequest', enforceRouteAccess);
  requireRouteAccessDeclarations(app, [DOCS_PREFIX]);
  // Successful reads of restricted data by members are audited once (routes that know better do it themselves).
  app.addHook('onResponse', readAuditHook(platform.audit));
  app.addHook('preValidation', refuseUnstorableBodyText);
  await app.register(fastifyRateLimit, {
    global: true,
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => request.accessScope.keyId ?? `ip:${request.ip}`,
    allowList: (request) => ['/health', '/ready', '/metrics'].includes(request.url.split('?')[0] ?? ''),
    // Thrown by the plugin, so it reaches the error handler below and is answered as problem+json.
    errorResponseBuilder: (_request, context) =>
      problem(
        'PCS_API_RATE_LIMITED',
        `rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        dcsaAware(
          problem('PCS_API_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`).toProblem(
            request.url,
          ),
          request.method,
          request.url,
        ),
      );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'openpcs API',
        version: OPENPCS_VERSION,
        description:
          "Port community system API: ingest the community's messages, read canonical (DCSA-aligned) events. Errors are RFC 9457 problem+json.",
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: [
        { name: 'operations', description: 'Health, readiness, metrics' },
        { name: 'ingest', description: 'Raw messages in; inbox and dead letters' },
        { name: 'events', description: 'Canonical events out' },
        {
          name: 'dcsa',
          description: 'DCSA Track & Trace 2.2: events, subscriptions with signed callbacks, live stream',
        },
        {
          name: 'vessels',
          description: 'Vessel registry, positions, vessels at anchor/berth, vessel calls (from AIS)',
        },
        { name: 'cargo', description: 'Containers, truck visits, terminal KPIs (filtered by data ownership)' },
        {
          name: 'emissions',
          description:
            'Emissions calculator: IMO GHG4, EPA port inventory, shore power, CII, FuelEU, per-TEU intensity',
        },
        {
          name: 'truckers',
          description: 'Appointment availability, empty returns, notices: community data with asOf and source',
        },
        { name: 'forecasts', description: 'Monthly port TEU forecasts and the backtest reports of the models' },
        {
          name: 'statistics',
          description: 'Published port aggregates for the operations dashboard: TEU, dwell, turn time, anchor queue',
        },
        {
          name: 'equipment',
          description: 'Cargo-handling equipment, charging sessions, zero-emission shares (docs/equipment.md)',
        },
        {
          name: 'drayage',
          description: 'Drayage truck registry, ZE share of truck visits, Clean Truck Fund (docs/drayage.md)',
        },
        {
          name: 'alerts',
          description: 'Alert rules and alerts: signed webhooks and a live stream, at most once per change',
        },
        { name: 'admin', description: 'Organisations, API keys, audit log (admin scope)' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer opcs_…' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list' } });

  await app.register(healthRoutes, { platform, metrics, version: OPENPCS_VERSION, isShuttingDown: () => shuttingDown });
  await app.register(ingestRoutes, { platform, bodyLimitBytes });
  await app.register(eventRoutes, { platform });
  await app.register(visibilityRoutes, { platform });
  await app.register(dcsaEventRoutes, { platform });
  await app.register(subscriptionRoutes, { platform });
  await app.register(alertRoutes, { platform });
  await app.register(streamRoutes, { platform });
  await app.register(adminRoutes, { platform });
  await app.register(formatSettingRoutes, { platform });
  await app.register(terminalLinkRoutes, { platform });
  await app.register(carrierScacRoutes, { platform });
  await app.register(csvLayoutRoutes, { platform });
  await app.register(vesselRoutes, { platform, staleAfterMinutes: options.vesselStaleMinutes ?? 30 });
  await app.register(vesselStreamRoutes, { platform, staleAfterMinutes: options.vesselStaleMinutes ?? 30 });
  await app.register(cargoRoutes, { platform, feedStaleMinutes: options.feedStaleMinutes ?? 60 });
  await app.register(appointmentRoutes, {
    platform,
    graceMinutes: options.appointmentGraceMinutes ?? DEFAULT_GRACE_MINUTES,
  });
  await app.register(equipmentRoutes, { platform });
  await app.register(drayageRoutes, { platform });
  await app.register(feeRoutes, { platform, ...(options.feeTariffs ? { tariffs: options.feeTariffs } : {}) });
  await app.register(forecastRoutes, { platform, reportDir: options.forecastReportDir });
  await app.register(statisticsRoutes, { platform });
  await app.register(terminalRoutes);
  const gridCo2GPerKwh = options.gridCo2GPerKwh ?? DEFAULT_GRID_CO2_G_PER_KWH;
  await app.register(emissionsRoutes, { gridCo2GPerKwh });
  await app.register(callEmissionsRoutes, { platform, gridCo2GPerKwh });
  await app.register(corridorRoutes, { platform, config: options.greenCorridors ?? loadGreenCorridors() });
  await app.register(terminalFeedRoutes, { platform, staleAfterMinutes: options.feedStaleMinutes ?? 60 });
  app.get('/openapi.json', { schema: { hide: true }, config: { access: ACCESS.public } }, () => app.swagger());
  await app.register(whoamiRoutes);
  await app.register(portalStatic, { fallback: DOCS_PREFIX, dir: options.portalDir });

  await app.ready();
  return {
    app,
    metrics,
    async shutdown() {
      shuttingDown = true;
      await app.close();
      await platform.pipeline.drain();
    },
  };
}

function toProblem(error: FastifyError, instance: string): Problem {
  if (error instanceof ProblemError) return error.toProblem(instance);
  // Read before the zod guard narrows `error`: fastify's own type of the issues is the one that resolves.
  const issues: readonly FastifySchemaValidationError[] = error.validation ?? [];
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'request';
    const where = context === 'querystring' ? 'query' : context;
    const errors = issues.flatMap((issue): ProblemFieldError[] => {
      const keys: unknown = issue.params.keys;
      return issue.keyword === 'unrecognized_keys' && Array.isArray(keys)
        ? keys.map((key: unknown) => ({
            pointer: `/${where}${issue.instancePath.replace(/\/$/, '')}/${jsonPointerToken(String(key))}`,
            detail: issue.message ?? 'unknown parameter',
            code: 'PCS_API_UNKNOWN_PARAMETER',
          }))
        : [{ pointer: `/${where}${issue.instancePath}`, detail: issue.message ?? 'invalid' }];
    });
    return problem(
      errors.every((e) => e.code === 'PCS_API_UNKNOWN_PARAMETER') ? 'PCS_API_UNKNOWN_PARAMETER' : 'PCS_API_VALIDATION',
      errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '),
      errors,
    ).toProblem(instance);
  }
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  if (status < 500) {
    const code = (error.code ? FASTIFY_CODES[error.code] : undefined) ?? 'PCS_API_BAD_REQUEST';
    return problem(code, error.message, [{ pointer: '/body', detail: error.message }]).toProblem(instance);
  }
  return problem('PCS_API_INTERNAL', 'an unexpected error occurred; it has been logged').toProblem(instance);
}

/** RFC 6901: `~` and `/` inside a reference token are escaped. */
function jsonPointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
