/**
 * Port statistics for the portal's operations dashboard (issue 14, docs/portal.md): `GET /statistics/operations`
 * — TEU per week by terminal, dwell, truck turn time and gate moves per terminal and day, ships at anchor per
 * day, over a period of local days. Published aggregates (DESIGN §5, like `GET /terminals/{code}/kpis`): every
 * caller with the read scope, anonymous included, may read them; nothing in them names a container, visit,
 * vessel or organisation. The ships-at-anchor count is over the calls the caller may see, and the read is
 * audited with how many non-public calls it counted.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { LocalDates } from '../../domain/free-time/local-date.js';
import type { Platform } from '../../platform.js';
import { OperationsStatisticsReader, PORT_TIME_ZONE } from '../cargo/operations-statistics-reader.js';
import { ProblemSchema, problem } from '../problem.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('statistics');

/** Longest period one answer covers (a year and a day, so any calendar year fits). */
export const MAX_STATISTICS_DAYS = 366;
const DEFAULT_DAYS = 28;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((text) => LocalDates.isValid(text), 'not a calendar date');

const TeuWeekSchema = z.object({
  terminal: z.string(),
  weekStart: z.string().describe('Monday of the ISO week (local date in the terminal zone)'),
  importTeu: z.number().describe('TEU discharged from vessels (DISC) that week'),
  exportTeu: z.number().describe('TEU loaded onto vessels (LOAD) that week'),
  importBoxes: z.number().int(),
  exportBoxes: z.number().int(),
  unknownSizeBoxes: z.number().int().describe('boxes moved whose size is not known: not in the TEU figures'),
});
const TerminalDaySchema = z.object({
  terminal: z.string(),
  day: z.string().describe('local date in the terminal zone'),
  importDwellCount: z.number().int(),
  importDwellAvgHours: z.number().nullable().describe('imports gated out that day: discharge → gate-out'),
  exportDwellCount: z.number().int(),
  exportDwellAvgHours: z.number().nullable().describe('exports loaded that day: gate-in → load'),
  truckVisits: z.number().int(),
  truckTurnAvgMinutes: z.number().nullable().describe('gate-in → gate-out of visits that left that day'),
  gateInMoves: z.number().int(),
  gateOutMoves: z.number().int(),
});
const Series = <T extends z.ZodTypeAny>(rows: T, source: string) =>
  z.object({
    asOf: z.string().nullable().describe('newest source instant the figures include; null when there is none'),
    source: z.string().meta({ examples: [source] }),
    rows: z.array(rows),
  });

const TEU_SOURCE = 'vessel discharges and loads (container milestones DISC/LOAD) sized by ISO 6346 size/type';
const KPI_SOURCE = 'terminal KPIs (terminal_kpi_daily): container milestones, container status, truck visits';
const ANCHOR_SOURCE = 'vessel calls detected from AIS positions (arrival at an anchorage → berth or departure)';

const OperationsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    terminal: z.string().nullable(),
    computedAt: z.string(),
    teuPerWeek: Series(TeuWeekSchema, TEU_SOURCE),
    terminalDays: Series(TerminalDaySchema, KPI_SOURCE),
    shipsAtAnchor: Series(
      z.object({ day: z.string(), ships: z.number().int().describe('calls at an anchorage at some time that day') }),
      ANCHOR_SOURCE,
    ),
  })
  .meta({
    examples: [
      {
        from: '2026-11-09',
        to: '2026-12-06',
        timeZone: PORT_TIME_ZONE,
        terminal: 'WBCT',
        computedAt: '2026-12-04T02:00:00.000Z',
        teuPerWeek: {
          asOf: '2026-12-03T23:40:00.000Z',
          source: TEU_SOURCE,
          rows: [
            {
              terminal: 'WBCT',
              weekStart: '2026-11-30',
              importTeu: 4210,
              exportTeu: 1980,
              importBoxes: 2400,
              exportBoxes: 1150,
              unknownSizeBoxes: 0,
            },
          ],
        },
        terminalDays: {
          asOf: '2026-12-03T23:55:00.000Z',
          source: KPI_SOURCE,
          rows: [
            {
              terminal: 'WBCT',
              day: '2026-12-03',
              importDwellCount: 310,
              importDwellAvgHours: 81.5,
              exportDwellCount: 140,
              exportDwellAvgHours: 96.2,
              truckVisits: 820,
              truckTurnAvgMinutes: 64,
              gateInMoves: 700,
              gateOutMoves: 690,
            },
          ],
        },
        shipsAtAnchor: {
          asOf: '2026-12-04T01:59:30.000Z',
          source: ANCHOR_SOURCE,
          rows: [{ day: '2026-12-03', ships: 4 }],
        },
      },
    ],
  });

export const statisticsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const reader = new OperationsStatisticsReader(platform.database.db);

  app.get(
    '/statistics/operations',
    route(ACCESS.read, {
      summary: 'Operations statistics: TEU per week by terminal, dwell, truck turn, gate moves, ships at anchor',
      description:
        'Published aggregates over the local days [from, to] (default: the last 28 days; at most 366), read from ' +
        'the read models: every caller may read them, anonymous included. TEU per week covers the whole ISO ' +
        'weeks the period touches. `terminal` narrows the terminal series (ships at anchor are port-wide: AIS does ' +
        'not say which terminal a ship waits for) and counts only the calls the caller may see. Each series ' +
        'carries its `asOf` and `source`. Example: `GET /statistics/operations?from=2026-11-01&to=2026-11-30&terminal=WBCT`',
      querystring: z.object({
        from: localDate
          .optional()
          .describe('first local day (inclusive)')
          .meta({ examples: ['2026-11-01'] }),
        to: localDate
          .optional()
          .describe('last local day (inclusive; default today)')
          .meta({ examples: ['2026-11-30'] }),
        terminal: z
          .string()
          .regex(/^[A-Za-z0-9]{2,10}$/, 'an SMDG terminal code')
          .transform((s) => s.toUpperCase())
          .optional()
          .meta({ examples: ['WBCT'] }),
      }),
      response: { 200: OperationsSchema, 400: ProblemSchema },
    }),
    async (request) => {
      const now = new Date();
      const today = LocalDates.of(now, PORT_TIME_ZONE);
      const to = request.query.to ?? (request.query.from && request.query.from > today ? request.query.from : today);
      const from = request.query.from ?? LocalDates.addDays(to, 1 - DEFAULT_DAYS);
      if (from > to) {
        throw problem('PCS_API_VALIDATION', '`from` is after `to`', [
          { pointer: '/query/from', detail: 'must not be after `to`' },
        ]);
      }
      if (LocalDates.addDays(from, MAX_STATISTICS_DAYS - 1) < to) {
        throw problem('PCS_API_VALIDATION', `the period is longer than ${MAX_STATISTICS_DAYS} days`, [
          { pointer: '/query/to', detail: `at most ${MAX_STATISTICS_DAYS} days after \`from\`` },
        ]);
      }
      const terminal = request.query.terminal;
      const stats = await reader.read({ from, to, terminal }, request.accessScope, now);
      auditedRead(
        platform.audit,
        request,
        request.accessScope,
        '/statistics/operations',
        stats.shipsAtAnchor.nonPublic,
      );
      return {
        from,
        to,
        timeZone: PORT_TIME_ZONE,
        terminal: terminal ?? null,
        computedAt: now.toISOString(),
        teuPerWeek: { asOf: stats.teu.asOf, source: TEU_SOURCE, rows: stats.teu.weeks },
        terminalDays: { asOf: stats.terminalDays.asOf, source: KPI_SOURCE, rows: stats.terminalDays.days },
        shipsAtAnchor: { asOf: stats.shipsAtAnchor.asOf, source: ANCHOR_SOURCE, rows: stats.shipsAtAnchor.days },
      };
    },
  );
};
