/**
 * Vessels from AIS: `GET /vessels/{imoOrMmsi}` (registry, MMSI history, latest position), `GET /vessels?at=`
 * (who was at anchor / at berth at an instant: the answer of `openpcs vessels --at`), `GET /vessel-calls` and
 * `GET /vessel-calls/{callId}` (detected calls; the list exports as CSV or NDJSON). The queries are the
 * readers' in `api/vessels/`; AIS comes in through `POST /ingest/ais-nmea` like every other format.
 * Read models carry the ownership of the events they come from and are filtered like events (DESIGN §5).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SHIP_CATEGORIES } from '../../domain/ais-ship-type.js';
import { loadGeography } from '../../geo/load-geography.js';
import type { Platform } from '../../platform.js';
import { VESSEL_CALL_STATUSES } from '../../domain/vessel-calls/vessel-call-status.js';
import { VESSEL_ACTIVITIES } from '../../domain/vessel-calls/vessel-status-at.js';
import { vesselAtView } from '../vessels/vessel-at-view.js';
import { vesselsAt } from '../vessels/vessels-at-reader.js';
import { callStart, VesselCallReader } from '../vessels/vessel-call-reader.js';
import { CallIdParam, callListKey } from '../vessels/vessel-call-id.js';
import {
  VESSEL_CALL_CSV_COLUMNS,
  VesselCallSchema,
  vesselCallCsvRow,
  type VesselCallView,
} from '../vessels/vessel-call-view.js';
import { VesselReader } from '../vessels/vessel-reader.js';
import { VesselAtSchema, VesselSchema } from '../vessels/vessel-schema.js';
import { answerListPage, listPageResponses, LIST_PAGE_QUERY, type ListExport } from '../list-export.js';
import { afterKey } from '../list-cursor.js';
import { ProblemSchema, problem } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import { ACCESS } from '../../access/route-access.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('vessels');

const instant = QueryInstant;

const imoNumber = z.string().regex(/^\d{7}$/, 'an IMO number (7 digits)');

export const vesselRoutes: FastifyPluginAsyncZod<{ platform: Platform; staleAfterMinutes: number }> = async (
  app,
  { platform, staleAfterMinutes },
) => {
  const db = platform.database.db;
  const vessels = new VesselReader(db, staleAfterMinutes * 60_000);
  const calls = new VesselCallReader(db);
  const geography = loadGeography();

  app.get(
    '/vessels/:id',
    route(ACCESS.read, {
      summary: 'One vessel by IMO number (7 digits) or MMSI (9 digits): registry, MMSI history, latest position',
      params: z.object({ id: z.string().regex(/^(\d{7}|\d{9})$/, 'an IMO number (7 digits) or an MMSI (9 digits)') }),
      response: { 200: VesselSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { id } = request.params;
      const vessel = await vessels.get(id, request.accessScope);
      if (!vessel) {
        throw problem('PCS_VESSEL_NOT_FOUND', `no vessel with ${id.length === 7 ? 'IMO number' : 'MMSI'} ${id}`);
      }
      return vessel;
    },
  );

  app.get(
    '/vessels',
    route(ACCESS.read, {
      summary: 'Vessels at anchor / at berth at an instant, now by default (same answer as `openpcs vessels --at`)',
      querystring: z.object({
        at: instant.optional().describe('the instant (default: now); seconds optional, e.g. 2022-01-03T00:20Z'),
        status: z
          .enum(VESSEL_ACTIVITIES)
          .optional()
          .describe('only this status (default: at_anchor, anchored_outside and at_berth)'),
        type: z.enum(SHIP_CATEGORIES).optional().describe('only ships of this category (from the AIS ship type)'),
        port: z.enum(['USLAX', 'USLGB']).optional(),
        imo: imoNumber.optional().describe('only the vessel with this IMO number'),
      }),
      response: {
        200: z.object({ at: z.string(), vessels: z.array(VesselAtSchema) }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request) => {
      const access = request.accessScope;
      const at = request.query.at ?? new Date().toISOString();
      const found = await vesselsAt(db, geography, {
        at,
        port: request.query.port,
        statuses: request.query.status ? [request.query.status] : ['at_anchor', 'anchored_outside', 'at_berth'],
        shipCategory: request.query.type,
        imo: request.query.imo,
        flagStaleAfterMin: staleAfterMinutes,
        visibleTo: access,
      });
      return { at, vessels: found.map(vesselAtView) };
    },
  );

  app.get(
    '/vessel-calls',
    route(ACCESS.read, {
      summary:
        'Vessel calls detected from AIS (anchorage, berth, times, draughts), oldest first; export with ?format=csv|ndjson',
      description:
        'Ordered by the start of the call (arrival in port limits, else at the anchorage, else at the berth), then call id. ' +
        'Page with `cursor` = `nextCursor` of the previous page (CSV/NDJSON: the `Next-Page-Cursor` header).',
      querystring: z.object({
        terminal: z.string().min(1).optional().describe('terminal or berth zone id, e.g. polb-lbct'),
        status: z.enum(VESSEL_CALL_STATUSES).optional(),
        mmsi: z
          .string()
          .regex(/^\d{9}$/, 'an MMSI (9 digits)')
          .optional(),
        imo: imoNumber.optional().describe('calls of the vessel with this IMO number'),
        from: instant.optional().describe('calls still in port at or after this instant'),
        to: instant.optional().describe('calls that started at or before this instant'),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(CALL_LIST, VesselCallSchema),
    }),
    async (request, reply) => {
      const { terminal, status, mmsi, imo, from, to, limit, cursor, format } = request.query;
      const page = await calls.list(
        {
          terminal,
          status,
          mmsi,
          imo,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
          after: callListKey(afterKey(CALL_LIST.cursorKind, cursor)),
          limit,
        },
        request.accessScope,
      );
      return answerListPage(request, reply, format, CALL_LIST, page);
    },
  );

  app.get(
    '/vessel-calls/:callId',
    route(ACCESS.read, {
      summary: 'One vessel call by its id (`<MMSI>:<UTC minute the call started>`, as listed by GET /vessel-calls)',
      description: 'A call you may not see answers 404, exactly like one that does not exist.',
      params: z.object({
        callId: CallIdParam.describe('e.g. 366998410:2022-01-03T00:02'),
      }),
      response: { 200: VesselCallSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { callId } = request.params;
      const call = await calls.get(callId, request.accessScope);
      if (!call) throw problem('PCS_VESSEL_CALL_NOT_FOUND', `no call ${callId}`);
      return call;
    },
  );
};

const CALL_LIST: ListExport<'calls', VesselCallView> = {
  field: 'calls',
  cursorKind: 'vc',
  cursorKey: (call) => `${callStart(call)}|${call.callId}`,
  csvColumns: VESSEL_CALL_CSV_COLUMNS,
  csvRow: vesselCallCsvRow,
};
