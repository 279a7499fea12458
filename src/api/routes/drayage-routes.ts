/**
 * Drayage trucks (docs/drayage.md): `GET /drayage/trucks` (the port drayage truck registry, fed by format
 * `csv-drayage-trucks`: a trucking company sees the trucks it registered, the port authority all; paged, CSV/NDJSON),
 * `GET /drayage/ze-share` (the zero-emission share of truck visits per terminal: a public aggregate) and
 * `GET /drayage/clean-truck-fund` (the Clean Truck Fund rate and what it comes to per terminal: a public aggregate).
 * The aggregates join truck visits to the registry on the gate transactions' truck plate and withhold terminals with
 * fewer than five visits in the period. The queries are `cargo/drayage-reader.ts`'s, the rules `domain/zero-emission/`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { CLEAN_TRUCK_FUND_USD_PER_TEU, LOW_NOX_EXEMPT_UNTIL } from '../../domain/zero-emission/clean-truck-fund.js';
import {
  MIN_DISCLOSED_VISITS,
  cleanTruckFundByTerminal,
  zeShareByTerminal,
  type ByTerminal,
  type DrayageVisit,
} from '../../domain/zero-emission/drayage-terminal-figures.js';
import { DRAYAGE_TARGET } from '../../domain/zero-emission/ze-share.js';
import type { Platform } from '../../platform.js';
import { DrayageReader } from '../cargo/drayage-reader.js';
import {
  CleanTruckFundSchema,
  DRAYAGE_TRUCK_CSV_COLUMNS,
  DrayageTruckSchema,
  DrayageZeShareSchema,
  drayageTruckCsvRow,
  type DrayageTruckView,
} from '../cargo/drayage-schema.js';
import { answerListPage, listPageResponses, LIST_PAGE_QUERY, type ListExport } from '../list-export.js';
import { afterKey } from '../list-cursor.js';
import { ProblemSchema, problem } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import { periodDates } from '../query-period.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('drayage');

const TRUCK_LIST: ListExport<'trucks', DrayageTruckView> = {
  field: 'trucks',
  cursorKind: 'dt',
  cursorKey: (t) => `${t.truckId}|${t.source.organisation}`,
  csvColumns: DRAYAGE_TRUCK_CSV_COLUMNS,
  csvRow: drayageTruckCsvRow,
};

const PERIOD_QUERY = z.object({
  from: QueryInstant.optional().describe('visits that started (gate-in, else gate-out) at or after this instant'),
  to: QueryInstant.optional().describe('… and before this instant'),
});

/** `to` before `from` is a mistake, not an empty answer. */
function periodOf(q: { from?: string | undefined; to?: string | undefined }) {
  const period = periodDates(q.from, q.to);
  if (period.from && period.to && period.to < period.from) {
    throw problem('PCS_API_VALIDATION', '`to` is before `from`', [
      { pointer: '/query/to', detail: 'must not be before `from`' },
    ]);
  }
  return period;
}

/**
 * A public drayage aggregate per terminal over the truck visits that started in the query's period: the period, the
 * disclosure floor, the figures, and the newest gate event of the shown terminals as its "as of".
 */
async function disclosedFigures<F>(
  reader: DrayageReader,
  query: { from?: string | undefined; to?: string | undefined },
  figuresOf: (visits: readonly DrayageVisit[]) => ByTerminal<F>,
) {
  const { from, to } = periodOf(query);
  const figures = figuresOf(await reader.visits(from, to));
  const shown = figures.terminals.map((t) => t.terminalCode);
  return {
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    asOf: await reader.newestVisit(from, to, shown),
    minVisits: MIN_DISCLOSED_VISITS,
    ...figures,
    terminals: [...figures.terminals],
  };
}

export const drayageRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const reader = new DrayageReader(platform.database.db);

  app.get(
    '/drayage/trucks',
    route(ACCESS.read, {
      summary: 'Drayage trucks of the port registry you may see: fuel, engine year, ZE; export with ?format=csv',
      description:
        'From format `csv-drayage-trucks`. A trucking company sees the trucks it registered, the port authority all ' +
        '(registrations are private unless the sender says otherwise). Ordered by truck id, then registering ' +
        'organisation. Example: `GET /drayage/trucks?scac=SBTL&zeroEmission=true`',
      querystring: z.object({
        scac: z
          .string()
          .regex(/^[A-Za-z]{2,4}$/, 'a SCAC')
          .transform((s) => s.toUpperCase())
          .optional()
          .describe('operator SCAC'),
        zeroEmission: z.enum(['true', 'false']).optional(),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(TRUCK_LIST, DrayageTruckSchema),
    }),
    async (request, reply) => {
      const q = request.query;
      const page = await reader.trucks(
        {
          scac: q.scac,
          zeroEmission: q.zeroEmission === undefined ? undefined : q.zeroEmission === 'true',
          after: afterKey(TRUCK_LIST.cursorKind, q.cursor),
          limit: q.limit,
        },
        request.accessScope,
      );
      return answerListPage(request, reply, q.format, TRUCK_LIST, page);
    },
  );

  app.get(
    '/drayage/ze-share',
    route(ACCESS.read, {
      summary: 'Zero-emission share of truck visits per terminal (public aggregate; CAAP goal 100% by 2035)',
      description:
        'Truck visits that started in [from, to) (default: all), joined to the drayage truck registry on the truck ' +
        'plate of their gate transactions; an unregistered truck counts as not ZE. Terminals with fewer than ' +
        `${MIN_DISCLOSED_VISITS} visits are withheld and the port figures add up the shown terminals only. Names no ` +
        'truck. Example: `GET /drayage/ze-share?from=2026-03-01T00:00Z&to=2026-04-01T00:00Z`',
      querystring: PERIOD_QUERY,
      response: { 200: DrayageZeShareSchema, 400: ProblemSchema },
    }),
    async (request) => {
      return {
        ...(await disclosedFigures(reader, request.query, zeShareByTerminal)),
        target: { share: DRAYAGE_TARGET.share, year: DRAYAGE_TARGET.year },
      };
    },
  );

  app.get(
    '/drayage/clean-truck-fund',
    route(ACCESS.read, {
      summary: 'The Clean Truck Fund rate ($10 per loaded TEU, non-exempt trucks) and what it comes to per terminal',
      description:
        'The rate of the ports of Los Angeles and Long Beach since 2022-04-01: USD 10 per TEU of loaded containers ' +
        'moved into or out of a terminal by a drayage truck that is not exempt (zero-emission trucks; registered ' +
        `low-NOx trucks until ${LOW_NOX_EXEMPT_UNTIL}; an unregistered truck pays). A 40- or 45-foot box is 2 TEU. ` +
        'Over the truck visits that started in [from, to) (default: all); terminals with fewer than ' +
        `${MIN_DISCLOSED_VISITS} visits withheld. Sources in docs/drayage.md.`,
      querystring: PERIOD_QUERY,
      response: { 200: CleanTruckFundSchema, 400: ProblemSchema },
    }),
    async (request) => {
      return {
        rateUsdPerTeu: CLEAN_TRUCK_FUND_USD_PER_TEU,
        currency: 'USD' as const,
        rule: `USD ${CLEAN_TRUCK_FUND_USD_PER_TEU} per TEU on loaded containers moved into or out of a terminal by a non-exempt drayage truck`,
        lowNoxExemptUntil: LOW_NOX_EXEMPT_UNTIL,
        effectiveFrom: '2022-04-01',
        ...(await disclosedFigures(reader, request.query, cleanTruckFundByTerminal)),
      };
    },
  );
};
