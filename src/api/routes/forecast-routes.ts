/**
 * Forecasts (issue 16, docs/forecast.md): `GET /forecasts/volume` (monthly port TEU with prediction intervals,
 * from the shipped dataset) and `GET /forecasts/backtests`, `GET /forecasts/backtests/{id}` (the reports
 * `openpcs forecast backtest` wrote into the data directory). Community aggregates built from published port
 * statistics: readable by every caller with the read scope, anonymous included; nothing owned by an
 * organisation is in them, so reads count as public (audited as such).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { listBacktestReports, readBacktestReport, REPORT_ID_PATTERN } from '../../forecast/io/backtest-report-files.js';
import { loadMonthlyTeu } from '../../forecast/io/teu-data-file.js';
import {
  MAX_VOLUME_MONTHS,
  monthlyVolumeForecast,
  type MonthlyVolumeForecast,
} from '../../forecast/monthly-volume-forecast.js';
import { ProblemSchema, problem } from '../problem.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';
import type { Platform } from '../../platform.js';

const route = routesTagged('forecasts');

const Interval = z.object({ level: z.number(), lower: z.number().nullable(), upper: z.number().nullable() });
const VolumeForecastSchema = z.object({
  port: z.string(),
  model: z.string(),
  asOf: z.string().describe('last month (YYYY-MM) of the history the model was fitted on'),
  historyFrom: z.string(),
  historyMonths: z.number().int(),
  months: z.array(z.object({ month: z.string(), teu: z.number(), intervals: z.array(Interval) })),
});
const ReportSummary = z.object({ id: z.string(), title: z.string(), generatedAt: z.string(), summary: z.string() });
const ReportSchema = z
  .object({ id: z.string(), title: z.string(), generatedAt: z.string() })
  .catchall(z.unknown())
  .describe('the stored report (docs/forecast.md describes its fields)');

export const forecastRoutes: FastifyPluginAsyncZod<{ platform: Platform; reportDir?: string | undefined }> = async (
  app,
  { platform, reportDir },
) => {
  const cache = new Map<string, MonthlyVolumeForecast | null>();

  app.get(
    '/forecasts/volume',
    route(ACCESS.read, {
      summary: 'Monthly TEU forecast of a port, with 80% and 95% prediction intervals',
      description:
        'Fitted on the newest run of consecutive published months of the port in the shipped dataset ' +
        '(data-static/teu/); `asOf` is the last month the model saw, the forecast covers the months after it.',
      querystring: z.object({
        port: z.enum(['USLAX', 'USLGB']).describe('UN/LOCODE of the port'),
        months: z.coerce.number().int().min(1).max(MAX_VOLUME_MONTHS).default(12).describe('months ahead'),
      }),
      response: { 200: VolumeForecastSchema, 400: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { port, months } = request.query;
      const key = `${port}:${months}`;
      if (!cache.has(key)) cache.set(key, monthlyVolumeForecast(loadMonthlyTeu(), port, months));
      const forecast = cache.get(key) ?? null;
      if (forecast === null) {
        throw problem('PCS_FORECAST_NOT_AVAILABLE', `no 12 consecutive published months for ${port}`);
      }
      auditedRead(platform.audit, request, request.accessScope, '/forecasts/volume', false);
      return { ...forecast, months: forecast.months.map((m) => ({ ...m, intervals: [...m.intervals] })) };
    },
  );

  app.get(
    '/forecasts/backtests',
    route(ACCESS.read, {
      summary: 'Backtest reports of the forecast models',
      description: 'The reports `openpcs forecast backtest` wrote into the data directory (none until it has run).',
      response: { 200: z.object({ backtests: z.array(ReportSummary) }), 400: ProblemSchema },
    }),
    async (request) => {
      const backtests = reportDir === undefined ? [] : listBacktestReports(reportDir);
      auditedRead(platform.audit, request, request.accessScope, '/forecasts/backtests', false);
      return { backtests };
    },
  );

  app.get(
    '/forecasts/backtests/:id',
    route(ACCESS.read, {
      summary: 'One backtest report: design, model choice, MAPE/MAE/coverage of the model beside the baselines',
      params: z.object({ id: z.string().regex(REPORT_ID_PATTERN, 'a report id (lower-case letters, digits, -)') }),
      response: { 200: ReportSchema, 400: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { id } = request.params;
      const report = reportDir === undefined ? null : readBacktestReport(reportDir, id);
      if (report === null) throw problem('PCS_FORECAST_BACKTEST_NOT_FOUND', `no backtest report ${id}`);
      auditedRead(platform.audit, request, request.accessScope, '/forecasts/backtests/{id}', false);
      return report as z.infer<typeof ReportSchema>;
    },
  );
};
