/** Liveness, readiness (store reachable and schema current) and Prometheus metrics. */
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.js';
import { pendingMigrations } from '../../store/migrate.js';
import type { PlatformMetrics } from '../ingest-metrics.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, problem } from '../problem.js';
import { ACCESS } from '../../access/route-access.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('operations');

export interface HealthRoutesOptions {
  readonly platform: Platform;
  readonly metrics: PlatformMetrics;
  readonly version: string;
  readonly isShuttingDown: () => boolean;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (
  app,
  { platform, metrics, version, isShuttingDown },
) => {
  const startedAt = Date.now();
  app.get(
    '/health',
    route(ACCESS.public, {
      summary: 'Liveness: the process is up',
      response: { 200: z.object({ status: z.literal('ok'), version: z.string(), uptimeS: z.number() }) },
    }),
    () => ({ status: 'ok' as const, version, uptimeS: Math.round((Date.now() - startedAt) / 1000) }),
  );

  app.get(
    '/ready',
    route(ACCESS.public, {
      summary: 'Readiness: the store answers and its schema is current',
      response: {
        200: z.object({ status: z.literal('ready'), engine: z.enum(['pglite', 'postgres']) }),
        503: ProblemSchema,
      },
    }),
    async (request, reply) => {
      const unavailable = (detail: string) =>
        reply.code(503).type(PROBLEM_CONTENT_TYPE).send(problem('PCS_NOT_READY', detail).toProblem(request.url));
      if (isShuttingDown()) return unavailable('shutting down');
      try {
        await sql`select 1`.execute(platform.database.db);
        const pending = await pendingMigrations(platform.database.db);
        if (pending.length > 0) return unavailable(`pending migrations: ${pending.join(', ')}`);
      } catch (error) {
        // The driver's text stays in the log: it may quote SQL or connection details.
        request.log.warn({ err: error }, 'readiness check: store unreachable');
        return unavailable('store unreachable');
      }
      return { status: 'ready' as const, engine: platform.database.engine };
    },
  );

  app.get(
    '/metrics',
    {
      // Process and traffic figures are for the operator: an admin key here, or the separate
      // OPENPCS_METRICS_PORT (not exposed to the community) for a scraper without a key.
      config: { access: ACCESS.admin },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format; admin scope, or the separate metrics port)',
        produces: ['text/plain'],
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
};
