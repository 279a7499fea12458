/**
 * Emissions per vessel call (issue 15; docs/emissions.md "Per-call emissions"): `GET /emissions/calls` (list,
 * CSV/NDJSON export), `GET /emissions/calls/{callId}` (every quantity per mode, the particulars and what was
 * assumed), `GET /emissions/summary?groupBy=terminal|day|mode` (totals, shore-power kWh and avoided emissions).
 *
 * Access: the rows follow their vessel call's rule (`ACCESS.read`, filtered by the call's visibility and owners): the
 * port authority sees every call; members see community AIS; owners their private AIS; anonymous callers public
 * data only. The summary aggregates only the calls the caller may see, so it never discloses more than the list.
 * Member reads are audited by the read-audit hook.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import type { Platform } from '../../platform.js';
import { CallEmissionsReader } from '../emissions/call-emissions-reader.js';
import {
  CALL_EMISSIONS_CSV_COLUMNS,
  CallEmissionsDetailSchema,
  CallEmissionsSchema,
  callEmissionsCsvRow,
  EmissionsSummarySchema,
  SUMMARY_GROUPS,
  type CallEmissionsView,
} from '../emissions/call-emissions-view.js';
import { answerListPage, listPageResponses, LIST_PAGE_QUERY, type ListExport } from '../list-export.js';
import { afterKey } from '../list-cursor.js';
import { ProblemSchema, problem } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import { routesTagged } from '../route-options.js';
import { CallIdParam, callListKey } from '../vessels/vessel-call-id.js';

const route = routesTagged('emissions');

const FILTERS = {
  terminal: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('berth (terminal) zone id')
    .meta({ examples: ['polb-lbct'] }),
  mmsi: z
    .string()
    .regex(/^\d{9}$/, 'an MMSI (9 digits)')
    .optional()
    .describe('calls of this vessel'),
  imo: z
    .string()
    .regex(/^\d{7}$/, 'an IMO number (7 digits)')
    .optional()
    .describe('calls of the vessel with this IMO number'),
  from: QueryInstant.optional().describe('calls still in port at or after this instant'),
  to: QueryInstant.optional().describe('calls that started at or before this instant'),
};

export interface CallEmissionsRoutesOptions {
  readonly platform: Platform;
  /** Grid CO2 factor of shore power, g/kWh (`OPENPCS_GRID_CO2_G_PER_KWH`). */
  readonly gridCo2GPerKwh: number;
}

export const callEmissionsRoutes: FastifyPluginAsyncZod<CallEmissionsRoutesOptions> = async (app, options) => {
  const reader = new CallEmissionsReader(options.platform.database.db, options.gridCo2GPerKwh);
  const dates = (q: { from?: string | undefined; to?: string | undefined }) => ({
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  });

  app.get(
    '/emissions/calls',
    route(ACCESS.read, {
      summary: 'Emissions per vessel call from its AIS track (IMO GHG4), oldest call first; export with ?format=csv',
      description:
        'One row per detected call you may see (as GET /vessel-calls), with totals in grams, shore power, the ' +
        'particulars’ origin (`estimated` from AIS static data) and `asOf` = the newest position used. Page with ' +
        '`cursor` = `nextCursor` (CSV/NDJSON: the `Next-Page-Cursor` header).',
      querystring: z.object({ ...FILTERS, ...LIST_PAGE_QUERY }),
      response: listPageResponses(LIST, CallEmissionsSchema),
    }),
    async (request, reply) => {
      const { terminal, mmsi, imo, limit, cursor, format } = request.query;
      const page = await reader.list(
        {
          terminal,
          mmsi,
          imo,
          ...dates(request.query),
          after: callListKey(afterKey(LIST.cursorKind, cursor)),
          limit,
        },
        request.accessScope,
      );
      return answerListPage(request, reply, format, LIST, page);
    },
  );

  app.get(
    '/emissions/calls/:callId',
    route(ACCESS.read, {
      summary: 'Emissions of one vessel call: every quantity per mode, the particulars used and what was assumed',
      description: 'A call you may not see answers 404, exactly like one that does not exist.',
      params: z.object({
        callId: CallIdParam.describe('as listed by GET /emissions/calls').meta({
          examples: ['477776200:2022-01-03T00:09'],
        }),
      }),
      response: { 200: CallEmissionsDetailSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { callId } = request.params;
      const call = await reader.get(callId, request.accessScope);
      if (!call) throw problem('PCS_EMISSIONS_CALL_NOT_FOUND', `no emissions for call ${callId}`);
      return call;
    },
  );

  app.get(
    '/emissions/summary',
    route(ACCESS.read, {
      summary: 'Emissions of the vessel calls you may see, totalled per terminal, UTC day of the call start, or mode',
      description:
        'Totals in grams over the calls the filters select (a call counts once), shore-power kWh, avoided ship CO2 ' +
        'and the grid CO2 at the configured grid factor.',
      querystring: z.object({
        groupBy: z.enum(SUMMARY_GROUPS).describe('terminal, day or mode'),
        ...FILTERS,
      }),
      response: { 200: EmissionsSummarySchema, 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request) => {
      const { groupBy, terminal, mmsi, imo } = request.query;
      return reader.summary(groupBy, { terminal, mmsi, imo, ...dates(request.query) }, request.accessScope);
    },
  );
};

const LIST: ListExport<'calls', CallEmissionsView> = {
  field: 'calls',
  cursorKind: 'ec',
  cursorKey: (call) => `${call.start}|${call.callId}`,
  csvColumns: CALL_EMISSIONS_CSV_COLUMNS,
  csvRow: callEmissionsCsvRow,
};
