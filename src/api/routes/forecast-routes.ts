/**
 * Forecasts (issue 16, docs/forecast.md): `GET /forecasts/volume` (monthly port TEU with prediction intervals,
 * from the shipped dataset; or, `granularity=week`, the 3-week import/export TEU look-ahead of one terminal from
 * its schedules and history, `api/forecasts/volume-lookahead-reader.ts`) and `GET /forecasts/backtests`, `GET /forecasts/backtests/{id}` (the reports
 * `openpcs forecast backtest` wrote into the data directory). Community aggregates built from published port
 * statistics: readable by every caller with the read scope, anonymous included; nothing owned by an
 * organisation is in them, so reads count as public (audited as such). `GET /forecasts/eta/{callId}` forecasts
 * one detected vessel call: its visibility decides who sees it (like `GET /vessel-calls/{callId}`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import { validateContainerNumber } from '../../domain/identifiers/iso6346.js';
import { loadGeography } from '../../geo/load-geography.js';
import {
  AnchorageQueueReader,
  ANCHORAGE_QUEUE_MODEL,
  DEFAULT_QUEUE_DAYS,
  MAX_QUEUE_DAYS,
} from '../forecasts/anchorage-queue-reader.js';
import { DwellReader } from '../forecasts/dwell-reader.js';
import { EtaReader } from '../forecasts/eta-reader.js';
import { TurnTimeReader } from '../forecasts/turn-time-reader.js';
import { LOOKAHEAD_MODEL, VolumeLookaheadReader } from '../forecasts/volume-lookahead-reader.js';
import { listBacktestReports, readBacktestReport, REPORT_ID_PATTERN } from '../../forecast/io/backtest-report-files.js';
import {
  loadAnchorageCalibration,
  loadEtaCalibration,
  loadLookaheadCalibration,
} from '../../forecast/io/calibration-files.js';
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
const VolumeInterval = z.object({ level: z.number(), lower: z.number(), upper: z.number() });
const WeeklyVolumeSchema = z
  .object({
    terminal: z.string(),
    port: z.string(),
    granularity: z.literal('week'),
    model: z.string(),
    timeZone: z.string().describe('weeks are ISO weeks (Monday to Sunday) in this zone'),
    asOf: z.string().nullable().describe('newest fact used: discharge/load counted or schedule statement read'),
    history: z.object({
      weeks: z.number().int().describe('weeks of the last 12 with both moves and berthed calls'),
      calls: z.number().int(),
      meanCallImportTeu: z.number(),
      meanCallExportTeu: z.number(),
    }),
    weeks: z.array(
      z.object({
        weekStart: z.string().describe('Monday of the week (local date)'),
        weekAhead: z.number().int(),
        calls: z.number().int().describe('scheduled calls arriving that week'),
        teu: z.number().describe('import + export TEU'),
        intervals: z.array(VolumeInterval),
        import: z.object({ teu: z.number(), intervals: z.array(VolumeInterval) }),
        export: z.object({ teu: z.number(), intervals: z.array(VolumeInterval) }),
      }),
    ),
    accuracy: z
      .object({
        design: z.string(),
        weeks: z.array(
          z.object({
            weekAhead: z.number().int(),
            n: z.number().int(),
            mae: z.number(),
            mape: z.number().nullable(),
            naiveMae: z.number(),
            naiveMape: z.number().nullable(),
            coverage80: z.number().nullable(),
            coverage95: z.number().nullable(),
          }),
        ),
      })
      .describe("the model's backtest on simulated truth against last week's actual (naive), per week ahead"),
  })
  .meta({
    examples: [
      {
        terminal: 'WBCT',
        port: 'USLAX',
        granularity: 'week',
        model: LOOKAHEAD_MODEL,
        timeZone: 'America/Los_Angeles',
        asOf: '2026-12-04T10:12:00.000Z',
        history: { weeks: 12, calls: 30, meanCallImportTeu: 2950, meanCallExportTeu: 1210 },
        weeks: [
          {
            weekStart: '2026-12-07',
            weekAhead: 1,
            calls: 3,
            teu: 12480,
            intervals: [
              { level: 0.8, lower: 10230, upper: 14660 },
              { level: 0.95, lower: 8930, upper: 15900 },
            ],
            import: { teu: 8850, intervals: [{ level: 0.8, lower: 7250, upper: 10400 }] },
            export: { teu: 3630, intervals: [{ level: 0.8, lower: 2980, upper: 4260 }] },
          },
        ],
        accuracy: {
          design: 'Weekly import/export TEU per terminal from schedules and the terminal mean call …',
          weeks: [
            {
              weekAhead: 1,
              n: 120,
              mae: 1992.1,
              mape: 0.1566,
              naiveMae: 2257.4,
              naiveMape: 0.1859,
              coverage80: 0.7417,
              coverage95: 0.9417,
            },
          ],
        },
      },
    ],
  });
const EtaPoint = z.object({
  eta: z.string(),
  intervals: z
    .array(z.object({ level: z.number(), lower: z.string(), upper: z.string() }))
    .describe(
      '80% and 95% prediction intervals from the shipped backtest residuals (docs/forecast.md "Intervals"); ' +
        'empty when the error model has too few residuals for the method and lead',
    ),
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
        queue: z
          .object({
            terminal: z.string(),
            berths: z.number().int(),
            occupiedUntil: z.array(z.string()).describe('expected departure of each ship moored at the terminal'),
            shipsAhead: z
              .array(z.object({ readyAt: z.string(), stayH: z.number() }))
              .describe(
                'ships of the terminal that joined the line before this one (at anchor, or due earlier): when each ' +
                  'could be alongside and its expected berth time, hours',
              ),
            asOf: z.string().nullable().describe('newest fact the queue was built from'),
          })
          .nullable()
          .describe(
            "the live berth queue of the call's terminal as of the forecast (as GET /forecasts/anchorage-queue " +
              'builds it, from what the caller may see); null when not modelled (no scheduled terminal with a berth count)',
          ),
        queueWaitH: z.number().describe('hours the queue adds to the unhindered berth arrival'),
        berthLocation: z.enum(['terminal', 'inner fairway']),
        terminal: z.string().nullable().describe('SMDG code of the scheduled terminal'),
        schedule: z
          .object({
            statedBy: z.string().describe('organisation that stated the schedule row used'),
            asOf: z.string().describe("when that organisation's newest event of the call was recorded"),
            speaksForCall: z
              .boolean()
              .describe(
                'the sender speaks for the call (the carrier of its SCAC, the terminal operating its berth, the port ' +
                  "authority); another sender's row is used only while no speaking sender stated the call",
              ),
          })
          .nullable()
          .describe('the carrier or terminal schedule the forecast used (docs/forecast.md); null when none'),
        withOwnEta: z
          .object({
            pilotBoardingArea: z.string(),
            berth: z.string(),
            weight: z.number().describe("weight of the ship's own ETA at the pilot boarding area, 0-1"),
            pilotIntervals: EtaPoint.shape.intervals,
            berthIntervals: EtaPoint.shape.intervals,
          })
          .nullable()
          .describe(
            "the forecast with the ship's own AIS ETA blended in (docs/forecast.md \"The ship's own ETA as a model " +
              'input"), with 80% and 95% intervals from the residuals of the blend itself; null without an own ETA',
          ),
      })
      .nullable(),
    reason: z.string().nullable().describe('why there is no forecast'),
    actual: z
      .object({ atb: z.string().nullable(), atd: z.string().nullable(), atdPort: z.string().nullable() })
      .nullable(),
    ownEta: z
      .object({
        at: z.string().describe('the ETA the master entered, its year resolved (docs/forecast.md "Own ETA")'),
        reportedAt: z.string().describe('time of the AIS type 5 report that stated it'),
      })
      .nullable()
      .describe('the ETA the ship itself broadcasts (AIS type 5); null when no visible report states one'),
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
          pilotBoardingArea: {
            eta: '2026-03-10T13:21:00.000Z',
            intervals: [
              { level: 0.8, lower: '2026-03-10T13:14:00.000Z', upper: '2026-03-10T13:33:00.000Z' },
              { level: 0.95, lower: '2026-03-10T13:09:00.000Z', upper: '2026-03-10T13:47:00.000Z' },
            ],
          },
          berth: {
            eta: '2026-03-10T13:42:00.000Z',
            intervals: [
              { level: 0.8, lower: '2026-03-10T13:35:00.000Z', upper: '2026-03-10T14:02:00.000Z' },
              { level: 0.95, lower: '2026-03-10T13:29:00.000Z', upper: '2026-03-10T14:31:00.000Z' },
            ],
          },
          toPilotNm: 8.4,
          queue: {
            terminal: 'ITS',
            berths: 2,
            occupiedUntil: ['2026-03-10T20:00:00.000Z'],
            shipsAhead: [],
            asOf: '2026-03-10T12:40:00.000Z',
          },
          queueWaitH: 0,
          berthLocation: 'terminal',
          terminal: 'ITS',
          schedule: { statedBy: 'evergreen', asOf: '2026-03-10T06:00:00.000Z', speaksForCall: true },
          withOwnEta: {
            pilotBoardingArea: '2026-03-10T13:48:00.000Z',
            berth: '2026-03-10T14:09:00.000Z',
            weight: 0.9,
            pilotIntervals: [
              { level: 0.8, lower: '2026-03-10T13:40:00.000Z', upper: '2026-03-10T14:01:00.000Z' },
              { level: 0.95, lower: '2026-03-10T13:31:00.000Z', upper: '2026-03-10T14:19:00.000Z' },
            ],
            berthIntervals: [
              { level: 0.8, lower: '2026-03-10T14:01:00.000Z', upper: '2026-03-10T14:22:00.000Z' },
              { level: 0.95, lower: '2026-03-10T13:52:00.000Z', upper: '2026-03-10T14:40:00.000Z' },
            ],
          },
        },
        reason: null,
        actual: null,
        ownEta: { at: '2026-03-10T14:00:00.000Z', reportedAt: '2026-03-10T11:54:00.000Z' },
      },
    ],
  });
const TerminalQuery = z.object({
  terminal: z
    .string()
    .regex(/^[A-Za-z0-9]{2,10}$/, 'an SMDG terminal code')
    .transform((t) => t.toUpperCase())
    .describe('SMDG code of the terminal')
    .meta({ examples: ['WBCT'] }),
});
const HoursInterval = z.object({ level: z.number(), lowerH: z.number(), upperH: z.number() });
const DwellForecast = z.object({
  level: z
    .enum(['terminal+holds', 'port+holds', 'terminal', 'port'])
    .describe('the group the forecast rests on (docs/forecast.md: fallback when a group has fewer than 30 boxes)'),
  medianH: z.number().describe('point forecast: median total dwell, hours from discharge'),
  meanH: z.number(),
  n: z.number().int().describe('boxes the forecast rests on'),
  intervals: z.array(HoursInterval).describe('80% and 95% central intervals (empirical quantiles)'),
});
const HoldClassSchema = z.enum(['none', 'customs', 'freight', 'customs+freight']);
const TerminalDwellSchema = z
  .object({
    terminal: z.string(),
    port: z.string(),
    model: z.string(),
    source: z.string(),
    asOf: z.string().nullable().describe('newest gate-out the model used'),
    cohort: z
      .object({ from: z.string(), to: z.string(), boxes: z.number().int() })
      .describe('the import boxes (all terminals) that gated out in [from, to)'),
    forecast: DwellForecast.describe('dwell of a box discharged now, whatever its holds'),
    byHoldsAtDischarge: z.array(DwellForecast.extend({ holds: HoldClassSchema })),
  })
  .meta({
    examples: [
      {
        terminal: 'WBCT',
        port: 'USLAX',
        model: 'empirical dwell of the import boxes that left in the 28 days before now, …',
        source: 'container_status (discharged_at, gated_out_at, CUSTOMS/FREIGHT holds) of import boxes',
        asOf: '2026-12-04T15:40:00.000Z',
        cohort: { from: '2026-11-06T16:00:00.000Z', to: '2026-12-04T16:00:00.000Z', boxes: 41250 },
        forecast: {
          level: 'terminal',
          medianH: 71.5,
          meanH: 84.2,
          n: 6120,
          intervals: [
            { level: 0.8, lowerH: 30.1, upperH: 150.3 },
            { level: 0.95, lowerH: 18.4, upperH: 240.9 },
          ],
        },
        byHoldsAtDischarge: [],
      },
    ],
  });
const BoxDwellSchema = z.object({
  equipmentReference: z.string(),
  terminal: z.string().nullable(),
  model: z.string(),
  source: z.string(),
  asOf: z.string().nullable().describe("newest of the box's visible facts and the model's newest gate-out"),
  dischargedAt: z.string().nullable(),
  gatedOutAt: z.string().nullable(),
  forecast: z
    .object({
      elapsedH: z.number().describe('hours in the yard since discharge'),
      holdsOpen: HoldClassSchema.describe('CUSTOMS / FREIGHT holds open now (as you may see them)'),
      gateOut: z.string().describe('expected gate-out: discharge + median dwell'),
      dwell: DwellForecast,
      gateOutIntervals: z.array(z.object({ level: z.number(), lower: z.string(), upper: z.string() })),
    })
    .nullable(),
  reason: z.string().nullable().describe('why there is no forecast'),
});
const TurnTimeSchema = z.object({
  terminal: z.string(),
  port: z.string(),
  timeZone: z.string().describe('hours are local hours of the in-gate in this zone'),
  model: z.string(),
  source: z.string(),
  asOf: z.string().nullable().describe('newest out-gate the model used'),
  window: z
    .object({ from: z.string(), to: z.string(), visits: z.number().int() })
    .describe('the truck visits (all terminals) that gated out in [from, to)'),
  hours: z.array(
    z.object({
      hour: z.number().int(),
      level: z.enum(['terminal+hour', 'terminal', 'port+hour', 'port']),
      medianMin: z.number().describe('point forecast: median turn time, minutes'),
      meanMin: z.number(),
      n: z.number().int(),
      intervals: z.array(z.object({ level: z.number(), lowerMin: z.number(), upperMin: z.number() })),
    }),
  ),
});
const AnchorageQueueSchema = z
  .object({
    generatedAt: z.string().describe('the instant the forecast is made for (now)'),
    asOf: z
      .string()
      .nullable()
      .describe('newest fact used: a position of a ship at anchor or a schedule statement; null when none'),
    days: z.number().int(),
    model: z.string(),
    source: z.string(),
    atAnchor: z
      .array(
        z.object({
          mmsi: z.string(),
          imo: z.string().nullable(),
          name: z.string().nullable(),
          status: z
            .enum(['at_anchor', 'anchored_outside'])
            .describe('`anchored_outside`: stopped outside every anchorage zone (the overflow queue)'),
          anchorage: z.string().nullable().describe('name of the anchorage zone; null outside the official ones'),
          since: z.string(),
          lat: z.number(),
          lon: z.number(),
          terminal: z.string().nullable().describe("SMDG code of the ship's scheduled terminal, when known"),
          port: z.string().nullable(),
          modelled: z.boolean().describe('counted by the forecast (a container call with a known terminal)'),
        }),
      )
      .describe('vessels at anchor now, positions the caller may see (as GET /vessels)'),
    notModelled: z.number().int().describe('ships at anchor now without a scheduled terminal: not forecast'),
    terminals: z.array(
      z.object({
        terminal: z.string(),
        berths: z.number().int(),
        moored: z.number().int(),
        atAnchor: z.number().int(),
        due: z.number().int().describe('calls with an ETA in the horizon (or up to 12 h late), not arrived'),
      }),
    ),
    forecast: z.array(
      z.object({
        dayAhead: z.number().int(),
        at: z.string(),
        ships: z.number().int().describe('container ships waiting at anchor at `at` (point forecast)'),
        intervals: z.array(z.object({ level: z.number(), lower: z.number(), upper: z.number() })),
      }),
    ),
    backtest: z
      .object({
        reportId: z.string().describe('GET /forecasts/backtests/{id} once `openpcs forecast backtest` has run'),
        design: z.string(),
        accuracy: z.array(
          z.object({
            scenario: z.string(),
            dayAhead: z.number().int(),
            n: z.number().int(),
            meanActual: z.number(),
            mae: z.number(),
            persistenceMae: z.number().describe('MAE of persistence (the queue at the origin), the naive baseline'),
            coverage80: z.number(),
            coverage95: z.number(),
          }),
        ),
      })
      .describe("the model's backtest on simulated truth (shipped calibration file)"),
  })
  .meta({
    examples: [
      {
        generatedAt: '2026-12-04T18:00:00.000Z',
        asOf: '2026-12-04T17:59:00.000Z',
        days: 3,
        model: ANCHORAGE_QUEUE_MODEL,
        source: 'AIS positions (vessel_track, as GET /vessels) and carrier schedules (vessel_schedule); …',
        atAnchor: [
          {
            mmsi: '477000021',
            imo: '9386501',
            name: 'QUEUE ONE',
            status: 'at_anchor',
            anchorage: 'San Pedro Bay anchorage',
            since: '2026-12-03T06:10:00.000Z',
            lat: 33.7,
            lon: -118.17,
            terminal: 'MATU',
            port: 'USLGB',
            modelled: true,
          },
        ],
        notModelled: 0,
        terminals: [{ terminal: 'MATU', berths: 1, moored: 1, atAnchor: 1, due: 0 }],
        forecast: [
          {
            dayAhead: 1,
            at: '2026-12-05T18:00:00.000Z',
            ships: 1,
            intervals: [
              { level: 0.8, lower: 0, upper: 2 },
              { level: 0.95, lower: 0, upper: 3 },
            ],
          },
        ],
        backtest: {
          reportId: 'san-pedro-bay-anchorage-queue',
          design: 'Container ships at anchor at origin + 1..7 days …',
          accuracy: [],
        },
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
  const registry = loadTerminalRegistry();
  const lookahead = new VolumeLookaheadReader(platform.database.db, registry, loadLookaheadCalibration());
  const dwell = new DwellReader(platform.database.db, registry);
  const turnTime = new TurnTimeReader(platform.database.db, registry);
  const anchorage = new AnchorageQueueReader(platform.database.db, loadGeography(), loadAnchorageCalibration());
  const eta = new EtaReader(platform.database.db, registry, loadEtaCalibration(), anchorage);

  app.get(
    '/forecasts/anchorage-queue',
    route(ACCESS.read, {
      summary:
        'Ships at anchor now and the container-ship queue at anchor for the next days, with 80% and 95% intervals',
      description:
        'The vessels at anchor now (in an anchorage, or stopped outside every zone), as the caller may see their ' +
        'positions (`GET /vessels`), each with its scheduled terminal when known; and, per day ahead, the ' +
        'container ships expected to wait at anchor, from the berth queue of every terminal (berths, ships ' +
        "moored, at anchor and due by the carrier schedules, expected berth stays). `backtest` is the model's " +
        'accuracy on simulated truth against persistence (docs/forecast.md). Example: ' +
        '`GET /forecasts/anchorage-queue?days=5`',
      querystring: z.object({
        days: z.coerce
          .number()
          .int()
          .min(1)
          .max(MAX_QUEUE_DAYS)
          .default(DEFAULT_QUEUE_DAYS)
          .describe(`days ahead (default ${DEFAULT_QUEUE_DAYS}, at most ${MAX_QUEUE_DAYS})`),
      }),
      response: { 200: AnchorageQueueSchema, 400: ProblemSchema },
    }),
    async (request) => {
      const answer = await anchorage.queue(request.query.days, request.accessScope, new Date());
      // Ship positions as the caller may see them (a member's private tracks included): audited.
      auditedRead(platform.audit, request, request.accessScope, '/forecasts/anchorage-queue', answer.atAnchor.length, {
        days: answer.days,
      });
      return answer;
    },
  );

  app.get(
    '/forecasts/dwell',
    route(ACCESS.read, {
      summary: 'Expected import dwell at a terminal (discharge → gate-out): median with 80% and 95% intervals',
      description:
        'From the import boxes that were discharged and gated out in the 28 days before now (`container_status`), ' +
        'the dwell of a box discharged now, overall and per hold class open at discharge (docs/forecast.md). A ' +
        'published aggregate like `GET /statistics/operations`: every caller may read it, anonymous included. ' +
        'Example: `GET /forecasts/dwell?terminal=WBCT`',
      querystring: TerminalQuery,
      response: { 200: TerminalDwellSchema, 400: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { terminal } = request.query;
      const answer = await dwell.terminal(terminal, new Date());
      if (answer === null) throw problem('PCS_FORECAST_NO_DWELL_HISTORY', `no dwell forecast for terminal ${terminal}`);
      auditedRead(platform.audit, request, request.accessScope, '/forecasts/dwell', false);
      return answer;
    },
  );

  app.get(
    '/forecasts/dwell/:equipmentReference',
    route(ACCESS.read, {
      summary: 'Expected gate-out of one import box in the yard, given its open holds and time already there',
      description:
        'Visible as `GET /containers/{reference}`: a box you may not see answers 404 exactly like one that does ' +
        'not exist, and a partial view counts only the holds you may see. A box not (or no longer) in the yard ' +
        'answers `forecast: null` with the `reason`. Example: `GET /forecasts/dwell/CSQU3054383`',
      params: z.object({
        equipmentReference: z.string().min(1).max(20).describe('ISO 6346 container number'),
      }),
      response: { 200: BoxDwellSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const access = request.accessScope;
      const checked = validateContainerNumber(request.params.equipmentReference);
      if (!checked.ok) {
        throw problem(checked.code, checked.reason, [
          { pointer: '/params/equipmentReference', detail: checked.reason, code: checked.code },
        ]);
      }
      const answer = await dwell.box(checked.value, access, new Date());
      if (answer === null) throw problem('PCS_CARGO_CONTAINER_NOT_FOUND', `no container ${checked.value}`);
      // Restricted like the container detail (holds, times of one box): every read is audited.
      auditedRead(platform.audit, request, access, `/forecasts/dwell/${checked.value}`, true);
      return answer;
    },
  );

  app.get(
    '/forecasts/turn-time',
    route(ACCESS.read, {
      summary: 'Expected truck turn time at a terminal by local hour of in-gate: median with 80% and 95% intervals',
      description:
        'From the truck visits that gated in and out in the 14 days before now (`truck_visit`), one forecast per ' +
        'local hour (docs/forecast.md). A published aggregate like `GET /statistics/operations`: every caller may ' +
        'read it, anonymous included. Example: `GET /forecasts/turn-time?terminal=WBCT`',
      querystring: TerminalQuery,
      response: { 200: TurnTimeSchema, 400: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { terminal } = request.query;
      const answer = await turnTime.terminal(terminal, new Date());
      if (answer === null) {
        throw problem('PCS_FORECAST_NO_TURN_HISTORY', `no turn time forecast for terminal ${terminal}`);
      }
      auditedRead(platform.audit, request, request.accessScope, '/forecasts/turn-time', false);
      return answer;
    },
  );

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
      summary: 'Monthly TEU forecast of a port, or the 3-week TEU look-ahead of a terminal, with 80% and 95% intervals',
      description:
        '`granularity=month` (default, with `port`): fitted on the newest run of consecutive published months of ' +
        'the port in the shipped dataset (data-static/teu/); `asOf` is the last month the model saw, the forecast ' +
        'covers the months after it. `granularity=week` (with `terminal`; `port`, if given, must be its port): ' +
        "import and export TEU of the three ISO weeks after the current one, from the terminal's scheduled calls " +
        'and its mean call of the last 12 weeks, with the backtest accuracy of the model against the naive ' +
        'last-week baseline (docs/forecast.md). Examples: `GET /forecasts/volume?port=USLAX&months=3`, ' +
        '`GET /forecasts/volume?terminal=WBCT&granularity=week`',
      querystring: z.object({
        port: z.enum(['USLAX', 'USLGB']).optional().describe('UN/LOCODE of the port'),
        months: z.coerce
          .number()
          .int()
          .min(1)
          .max(MAX_VOLUME_MONTHS)
          .optional()
          .describe('months ahead (monthly only; default 12)'),
        terminal: z
          .string()
          .regex(/^[A-Za-z0-9]{2,10}$/, 'an SMDG terminal code')
          .transform((t) => t.toUpperCase())
          .optional()
          .describe('SMDG code of the terminal (weekly only)')
          .meta({ examples: ['WBCT'] }),
        granularity: z.enum(['month', 'week']).default('month').describe('`month`: a port; `week`: a terminal'),
      }),
      response: {
        200: z.union([VolumeForecastSchema, WeeklyVolumeSchema]),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    }),
    async (request) => {
      const { port, months, terminal, granularity } = request.query;
      const invalid = (pointer: string, detail: string) =>
        problem('PCS_API_VALIDATION', detail, [{ pointer: `/query/${pointer}`, detail }]);
      if (granularity === 'week') {
        if (terminal === undefined) throw invalid('terminal', 'the weekly look-ahead needs `terminal`');
        if (months !== undefined) throw invalid('months', '`months` is for the monthly forecast only');
        const registered = loadTerminalRegistry().byCode(terminal);
        if (port !== undefined && registered !== undefined && registered.unLocode !== port) {
          throw invalid('port', `terminal ${terminal} is in ${registered.unLocode}, not ${port}`);
        }
        const answer = await lookahead.weekly(terminal, new Date());
        if (answer === null) {
          throw problem('PCS_FORECAST_NO_TERMINAL_HISTORY', `no look-ahead for terminal ${terminal}`);
        }
        auditedRead(platform.audit, request, request.accessScope, '/forecasts/volume', false);
        return answer;
      }
      if (terminal !== undefined) throw invalid('terminal', '`terminal` is for `granularity=week` only');
      if (port === undefined) throw invalid('port', 'the monthly forecast needs `port`');
      const ahead = months ?? 12;
      const key = `${port}:${ahead}`;
      if (!cache.has(key)) cache.set(key, monthlyVolumeForecast(loadMonthlyTeu(), port, ahead));
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
