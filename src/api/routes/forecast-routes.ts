/**
 * Forecasts (issue 16, docs/forecast.md): `GET /forecasts/volume` (monthly port TEU with prediction intervals,
 * from the shipped dataset) and `GET /forecasts/backtests`, `GET /forecasts/backtests/{id}` (the reports
 * `openpcs forecast backtest` wrote into the data directory). Community aggregates built from published port
 * statistics: readable by every caller with the read scope, anonymous included; nothing owned by an
 * organisation is in them, so reads count as public (audited as such). `GET /forecasts/eta/{callId}` forecasts
 * one detected vessel call: its visibility decides who sees it (like `GET /vessel-calls/{callId}`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import { EtaReader } from '../forecasts/eta-reader.js';
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
import { CallIdParam } from '../vessels/vessel-call-id.js';
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
const EtaPoint = z.object({
  eta: z.string(),
  intervals: z.array(z.never()).describe('empty until the backtest calibration is stored (docs/forecast.md)'),
});
const EtaSchema = z
  .object({
    callId: z.string(),
    status: z.string().describe('status of the call (as GET /vessel-calls/{callId})'),
    port: z.string().nullable(),
    asOf: z.string().nullable().describe('time of the newest AIS position used (or of the schedule used)'),
    source: z.string(),
    forecast: z
      .object({
        method: z.enum(['track', 'anchored', 'harbour', 'schedule']),
        pilotBoardingArea: EtaPoint,
        berth: EtaPoint,
        toPilotNm: z.number().nullable(),
        queue: z.literal('not modelled'),
        queueWaitH: z.number(),
        berthLocation: z.enum(['terminal', 'inner fairway']),
        terminal: z.string().nullable().describe('SMDG code of the scheduled terminal'),
      })
      .nullable(),
    reason: z.string().nullable().describe('why there is no forecast'),
    actual: z
      .object({ atb: z.string().nullable(), atd: z.string().nullable(), atdPort: z.string().nullable() })
      .nullable(),
    ownEta: z.null().describe('the ETA the ship broadcasts: no read model keeps it yet'),
  })
  .meta({
    examples: [
      {
        callId: '477000001:2026-03-10T12:00',
        status: 'arrived',
        port: 'USLGB',
        asOf: '2026-03-10T12:40:00.000Z',
        source: 'openpcs ETA model (docs/forecast.md) over AIS positions (vessel_track) and vessel_schedule',
        forecast: {
          method: 'track',
          pilotBoardingArea: { eta: '2026-03-10T13:21:00.000Z', intervals: [] },
          berth: { eta: '2026-03-10T13:42:00.000Z', intervals: [] },
          toPilotNm: 8.4,
          queue: 'not modelled',
          queueWaitH: 0,
          berthLocation: 'inner fairway',
          terminal: null,
        },
        reason: null,
        actual: null,
        ownEta: null,
      },
    ],
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
  const eta = new EtaReader(platform.database.db, loadTerminalRegistry());

  app.get(
    '/forecasts/eta/:callId',
    route(ACCESS.read, {
      summary: 'ETA of one vessel call at the pilot boarding area and at berth, from its AIS track and schedule',
      description:
        'Forecast as of the newest AIS position of the call (`asOf`), method `track`, `anchored`, `harbour` or ' +
        '`schedule` (docs/forecast.md). A call at berth or gone answers its actual times (`forecast: null`). ' +
        'A call you may not see answers 404. Example: `GET /forecasts/eta/477000001:2026-03-10T12:00`',
      params: z.object({
        callId: CallIdParam.describe('e.g. 366998410:2022-01-03T00:02'),
      }),
      response: { 200: EtaSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { callId } = request.params;
      const answer = await eta.eta(callId, request.accessScope);
      if (!answer) throw problem('PCS_FORECAST_CALL_NOT_FOUND', `no call ${callId}`);
      auditedRead(platform.audit, request, request.accessScope, `/forecasts/eta/${callId}`, true);
      return answer;
    },
  );

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
