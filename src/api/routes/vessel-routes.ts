/**
 * Vessels from AIS: `GET /vessels/{imoOrMmsi}` (registry, MMSI history, latest position), `GET /vessels?at=`
 * (who was at anchor / at berth at an instant: the answer of `openpcs vessels --at`), `GET /vessel-calls` and
 * `GET /vessel-calls/{callId}` (detected calls; the list exports as CSV or NDJSON) and `POST /ingest/ais` (raw NMEA lines, the same pipeline as `POST /ingest/ais-nmea`).
 * Read models carry the ownership of the events they come from and are filtered like events (DESIGN §5).
 */
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SHIP_CATEGORIES } from '../../domain/ais-ship-type.js';
import { VISIBILITIES } from '../../domain/canonical-event.js';
import { AIS_NMEA_FORMAT } from '../../ingest/ais/ais-nmea-parser.js';
import { EmptyBodyError } from '../../ingest/ingest-pipeline.js';
import { loadGeography } from '../../geo/load-geography.js';
import type { Platform } from '../../platform.js';
import { VESSEL_CALL_STATUSES } from '../../domain/vessel-calls/vessel-call-status.js';
import { VESSEL_ACTIVITIES } from '../../domain/vessel-calls/vessel-status-at.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { vesselAtView } from '../../projections/vessels/vessel-at-view.js';
import { vesselsAt } from '../../projections/vessels/vessels-at.js';
import { EXPORT_FORMATS, exportFormatOf, sendExport } from '../export-format.js';
import { afterKey, encodeListCursor } from '../list-cursor.js';
import { badCursorProblem, ProblemSchema, problem } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import {
  VESSEL_CALL_CSV_COLUMNS,
  VesselCallSchema,
  vesselCallCsvRow,
  vesselCallView,
  type VesselCallView,
} from '../vessels/vessel-call-view.js';
import { deadLetterView } from './ingest-routes.js';
import { ACCESS } from '../../access/route-access.js';

const instant = QueryInstant;

/** A vessel call id: `<MMSI>:<UTC minute the call started>`. */
const CALL_ID = /^\d{9}:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const imoNumber = z.string().regex(/^\d{7}$/, 'an IMO number (7 digits)');

const ZoneSchema = z.object({ id: z.string(), kind: z.string(), name: z.string(), port: z.string().nullable() });
const VesselAtSchema = z.object({
  mmsi: z.string(),
  imo: z.string().nullable(),
  name: z.string().nullable(),
  callSign: z.string().nullable(),
  shipType: z.number().nullable(),
  lengthM: z.number().nullable(),
  shipCategory: z.enum(SHIP_CATEGORIES).describe('from the AIS ship type (ITU-R M.1371-5 table 53)'),
  status: z
    .enum(VESSEL_ACTIVITIES)
    .describe('anchored_outside: a ship of 60 m or more stopped for a while outside every anchorage and berth'),
  zone: ZoneSchema.nullable(),
  since: z.string().describe('first report of the unbroken run in this status and zone (24 h look-back)'),
  observedAt: z.string(),
  lat: z.number(),
  lon: z.number(),
  sogKn: z.number().nullable(),
  navStatus: z.number().nullable(),
});
const PositionSchema = z.object({
  observedAt: z.string(),
  lat: z.number(),
  lon: z.number(),
  sogKn: z.number().nullable(),
  cogDeg: z.number().nullable(),
  headingDeg: z.number().nullable(),
  navStatus: z.number().nullable(),
});
const VesselSchema = z.object({
  mmsi: z.string(),
  imo: z.string().nullable(),
  name: z.string().nullable(),
  callSign: z.string().nullable(),
  shipType: z.number().nullable(),
  lengthM: z.number().nullable(),
  beamM: z.number().nullable(),
  draughtM: z.number().nullable().describe('last reported draught'),
  destination: z.string().nullable(),
  staticAt: z.string().nullable().describe('time of the newest static report'),
  mmsiHistory: z.array(z.object({ mmsi: z.string(), firstSeenAt: z.string(), lastSeenAt: z.string() })),
  position: PositionSchema.nullable(),
});
export const vesselRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.db;
  const geography = loadGeography();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/ingest/ais',
    {
      config: { access: ACCESS.ingest },
      schema: {
        tags: ['ingest'],
        summary: 'Submit AIS NMEA 0183 lines (alias of POST /ingest/ais-nmea)',
        description:
          'Stored raw in the inbox before the answer. Unlike the generic route, bad sentences do not make the request fail (an AIS stream always has some): they are counted and kept as dead letters.',
        consumes: ['text/plain', 'application/octet-stream'],
        querystring: z.object({
          mode: z.enum(['sync', 'async']).default('sync'),
          visibility: z.enum(VISIBILITIES).optional().describe('who may see the events (default community)'),
        }),
        response: {
          202: z.object({
            inboxId: z.string(),
            status: z.enum(['received', 'processed', 'partial', 'failed', 'set_aside']),
            duplicateMessage: z.boolean(),
            eventsAppended: z.number().int(),
            eventsDuplicate: z.number().int(),
            deadLetters: z.array(
              z.object({ id: z.string(), code: z.string(), line: z.number().nullable(), message: z.string() }),
            ),
          }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const access = request.accessScope;
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const ingest = {
        format: AIS_NMEA_FORMAT,
        body,
        channel: 'http',
        contentType: request.headers['content-type'],
        sourceOrg: access.orgId,
        visibility: request.query.visibility ?? 'community',
        metadata: { remoteAddress: request.ip, route: '/ingest/ais' },
      };
      try {
        if (request.query.mode === 'async') {
          const received = await platform.pipeline.enqueue(ingest);
          return reply.code(202).send({
            inboxId: received.inboxId,
            status: received.status,
            duplicateMessage: received.duplicate,
            eventsAppended: 0,
            eventsDuplicate: 0,
            deadLetters: [],
          });
        }
        const outcome = await platform.pipeline.ingest(ingest);
        return reply.code(202).send({
          inboxId: outcome.inboxId,
          status: outcome.status,
          duplicateMessage: outcome.duplicateMessage,
          eventsAppended: outcome.appended,
          eventsDuplicate: outcome.duplicates,
          deadLetters: outcome.deadLetters
            .map(deadLetterView)
            .map((d) => ({ id: d.id, code: d.code, line: d.line, message: d.message })),
        });
      } catch (error) {
        if (error instanceof EmptyBodyError) {
          throw problem(error.code, error.message, [{ pointer: '/body', detail: error.message }]);
        }
        throw error;
      }
    },
  );

  app.get(
    '/vessels/:id',
    {
      config: { access: ACCESS.read },
      schema: {
        tags: ['vessels'],
        summary: 'One vessel by IMO number (7 digits) or MMSI (9 digits): registry, MMSI history, latest position',
        params: z.object({ id: z.string().regex(/^(\d{7}|\d{9})$/, 'an IMO number (7 digits) or an MMSI (9 digits)') }),
        response: { 200: VesselSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const access = request.accessScope;
      const { id } = request.params;
      // The MMSIs an IMO number was seen with, newest first. Identity rows carry no owners: a pairing is
      // shown only where the caller sees the registry row that makes it (same MMSI and IMO), so a private
      // report's MMSI never reaches another organisation.
      const mmsiHistory = (imo: string) =>
        db
          .selectFrom('vessel_identity')
          .innerJoin('vessel', (join) =>
            join.onRef('vessel.mmsi', '=', 'vessel_identity.mmsi').onRef('vessel.imo', '=', 'vessel_identity.imo'),
          )
          .select(['vessel_identity.mmsi', 'vessel_identity.first_seen_at', 'vessel_identity.last_seen_at'])
          .distinct() // one pairing, however many audiences' rows the caller sees make it
          .where('vessel_identity.imo', '=', imo)
          .where(visibleTo(access, 'vessel'))
          .orderBy('vessel_identity.last_seen_at', 'desc')
          .execute();
      let mmsi = id;
      let history: { mmsi: string; first_seen_at: Date; last_seen_at: Date }[] = [];
      if (id.length === 7) {
        history = await mmsiHistory(id);
        if (history[0]) mmsi = history[0].mmsi;
      }
      // Each audience keeps its own rows of a vessel (migration 0010): the newest the caller may see is shown.
      const vessel = await db
        .selectFrom('vessel')
        .selectAll()
        .where('mmsi', '=', mmsi)
        .where(visibleTo(access, 'vessel'))
        .orderBy('static_at', 'desc')
        .orderBy('last_event_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const position = await db
        .selectFrom('vessel_position')
        .selectAll()
        .where('mmsi', '=', mmsi)
        .where(visibleTo(access, 'vessel_position'))
        .orderBy('observed_at', 'desc')
        .orderBy('event_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!vessel && (id.length === 7 || !position)) {
        throw problem('PCS_VESSEL_NOT_FOUND', `no vessel with ${id.length === 7 ? 'IMO number' : 'MMSI'} ${id}`);
      }
      if (vessel?.imo && id.length === 9) {
        history = await mmsiHistory(vessel.imo);
      }
      return {
        mmsi,
        imo: vessel?.imo ?? null,
        name: vessel?.name ?? null,
        callSign: vessel?.call_sign ?? null,
        shipType: vessel?.ship_type ?? null,
        lengthM: vessel?.length_m ?? null,
        beamM: vessel?.beam_m ?? null,
        draughtM: vessel?.draught_m ?? null,
        destination: vessel?.destination ?? null,
        staticAt: vessel ? vessel.static_at.toISOString() : null,
        mmsiHistory: history.map((h) => ({
          mmsi: h.mmsi,
          firstSeenAt: h.first_seen_at.toISOString(),
          lastSeenAt: h.last_seen_at.toISOString(),
        })),
        position: position
          ? {
              observedAt: position.observed_at.toISOString(),
              lat: position.lat,
              lon: position.lon,
              sogKn: position.sog_kn,
              cogDeg: position.cog_deg,
              headingDeg: position.heading_deg,
              navStatus: position.nav_status,
            }
          : null,
      };
    },
  );

  app.get(
    '/vessels',
    {
      config: { access: ACCESS.read },
      schema: {
        tags: ['vessels'],
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
      },
    },
    async (request) => {
      const access = request.accessScope;
      const at = request.query.at ?? new Date().toISOString();
      const found = await vesselsAt(db, geography, {
        at,
        port: request.query.port,
        statuses: request.query.status ? [request.query.status] : ['at_anchor', 'anchored_outside', 'at_berth'],
        shipCategory: request.query.type,
        imo: request.query.imo,
        visibleTo: access,
      });
      return { at, vessels: found.map(vesselAtView) };
    },
  );

  app.get(
    '/vessel-calls',
    {
      config: { access: ACCESS.read },
      schema: {
        tags: ['vessels'],
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
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
          format: z.enum(EXPORT_FORMATS).optional().describe('json (default), csv or ndjson; or send Accept'),
        }),
        response: {
          200: z.object({ calls: z.array(VesselCallSchema), nextCursor: z.string().nullable() }),
          400: ProblemSchema,
          401: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const access = request.accessScope;
      const { terminal, status, mmsi, imo, from, to, limit, cursor, format } = request.query;
      const after = callCursorKey(afterKey(CALL_CURSOR, cursor));
      const start = sql<Date>`coalesce(vessel_call.ata, vessel_call.ata_anchorage, vessel_call.atb)`;
      const end = sql<Date | null>`coalesce(vessel_call.atd_port, vessel_call.atd)`;
      // One row per call however many audiences the caller sees it in (each keeps its own, migration 0010).
      let query = db
        .selectFrom('vessel_call')
        .selectAll()
        .distinctOn([start, 'call_id'])
        .where(visibleTo(access, 'vessel_call'));
      if (terminal) query = query.where('berth', '=', terminal);
      if (status) query = query.where('status', '=', status);
      if (mmsi) query = query.where('mmsi', '=', mmsi);
      if (imo) query = query.where('imo', '=', imo);
      if (to) query = query.where(sql<boolean>`${start} <= ${new Date(to)}`);
      if (from) query = query.where(sql<boolean>`(${end} is null or ${end} >= ${new Date(from)})`);
      if (after) query = query.where(sql<boolean>`(${start}, vessel_call.call_id) > (${after.start}, ${after.callId})`);
      const rows = await query
        .orderBy(start)
        .orderBy('call_id')
        .orderBy('audience')
        .limit(limit + 1)
        .execute();
      const calls = rows.slice(0, limit).map(vesselCallView);
      const last = calls.at(-1);
      const nextCursor =
        rows.length > limit && last ? encodeListCursor(CALL_CURSOR, `${callStart(last)}|${last.callId}`) : null;
      const chosen = exportFormatOf(request, format);
      if (chosen !== 'json') {
        return sendExport(reply, chosen, VESSEL_CALL_CSV_COLUMNS, calls.map(vesselCallCsvRow), calls, nextCursor);
      }
      return { calls, nextCursor };
    },
  );

  app.get(
    '/vessel-calls/:callId',
    {
      config: { access: ACCESS.read },
      schema: {
        tags: ['vessels'],
        summary: 'One vessel call by its id (`<MMSI>:<UTC minute the call started>`, as listed by GET /vessel-calls)',
        description: 'A call you may not see answers 404, exactly like one that does not exist.',
        params: z.object({
          callId: z
            .string()
            .regex(CALL_ID, 'a call id: <MMSI>:<YYYY-MM-DDTHH:MM>')
            .describe('e.g. 366998410:2022-01-03T00:02'),
        }),
        response: { 200: VesselCallSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const access = request.accessScope;
      const { callId } = request.params;
      const row = await db
        .selectFrom('vessel_call')
        .selectAll()
        .where('call_id', '=', callId)
        .where(visibleTo(access, 'vessel_call'))
        .orderBy('audience')
        .limit(1)
        .executeTakeFirst();
      if (!row) throw problem('PCS_VESSEL_CALL_NOT_FOUND', `no call ${callId}`);
      return vesselCallView(row);
    },
  );
};

const CALL_CURSOR = 'vc';

/** Where a call starts in the list order (see the route's description). */
function callStart(c: VesselCallView): string {
  return (c.ata ?? c.ataAnchorage ?? c.atb)!;
}

/**
 * The (start, call id) a call cursor holds. Only what `encodeListCursor` wrote is taken: the start exactly
 * as `toISOString` prints it (so a year PostgreSQL cannot store never reaches it) and a call id.
 */
function callCursorKey(key: string | undefined): { start: Date; callId: string } | undefined {
  if (key === undefined) return undefined;
  const bar = key.indexOf('|');
  if (bar < 0) throw badCursorProblem();
  const startText = key.slice(0, bar);
  const callId = key.slice(bar + 1);
  const start = new Date(startText);
  const issued =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(startText) &&
    !Number.isNaN(start.getTime()) &&
    start.toISOString() === startText &&
    CALL_ID.test(callId);
  if (!issued) throw badCursorProblem();
  return { start, callId };
}
