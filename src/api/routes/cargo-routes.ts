/**
 * Cargo resources (DESIGN §1 "Track", §5 access): `GET /containers/{reference}`, `GET /containers`,
 * `GET /truck-visits`, `GET /truck-visits/{visitId}`, `GET /terminals/{code}/kpis`. Containers and visits are
 * filtered by data ownership of the events behind them (see `api/cargo/container-reader.ts` and
 * `truck-visit-reader.ts`); a resource the caller may not see answers exactly like one that does not exist.
 * Lists export as CSV or NDJSON (`?format=` or `Accept`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validateContainerNumber } from '../../domain/identifiers/iso6346.js';
import type { Platform } from '../../platform.js';
import { ContainerReader } from '../cargo/container-reader.js';
import {
  CONTAINER_CSV_COLUMNS,
  ContainerDetailSchema,
  ContainerSummarySchema,
  containerCsvRow,
  type ContainerSummary,
} from '../cargo/container-schema.js';
import { answerListPage, listPageResponses, LIST_PAGE_QUERY, type ListExport } from '../list-export.js';
import { afterKey } from '../list-cursor.js';
import { QueryInstant } from '../query-instant.js';
import { QueryLocalDate, periodDates } from '../query-period.js';
import { TerminalKpiSchema, kpiView } from '../cargo/terminal-kpi-schema.js';
import { TruckVisitReader } from '../cargo/truck-visit-reader.js';
import {
  TRUCK_VISIT_CSV_COLUMNS,
  TruckVisitSchema,
  truckVisitCsvRow,
  type TruckVisit,
} from '../cargo/truck-visit-schema.js';
import { auditedRead } from '../read-audit-hook.js';
import { ProblemSchema, problem } from '../problem.js';
import { ACCESS } from '../../access/route-access.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('cargo');

const instant = QueryInstant;
const localDate = QueryLocalDate;
const terminalCode = z
  .string()
  .regex(/^[A-Za-z0-9]{2,10}$/, 'an SMDG terminal code')
  .transform((s) => s.toUpperCase());

const billOfLadingNumber = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,35}$/, 'a bill of lading number (1-35 letters, digits or -)')
  .meta({ examples: ['EGLV142600999001'] });

/**
 * The bill of lading filter of `GET /containers`: `transportDocumentReference` (the DCSA name) or its alias
 * `billOfLading`; both may be given only with the same number, since two different ones would silently pick one.
 */
function billOfLadingFilter(query: {
  transportDocumentReference?: string | undefined;
  billOfLading?: string | undefined;
}): string | undefined {
  const { transportDocumentReference, billOfLading } = query;
  if (
    transportDocumentReference !== undefined &&
    billOfLading !== undefined &&
    transportDocumentReference !== billOfLading
  ) {
    throw problem('PCS_API_VALIDATION', 'billOfLading is an alias of transportDocumentReference: give one number', [
      {
        pointer: '/query/billOfLading',
        detail: `${billOfLading} differs from transportDocumentReference ${transportDocumentReference}`,
        code: 'PCS_API_VALIDATION',
      },
    ]);
  }
  return transportDocumentReference ?? billOfLading;
}

const CONTAINER_LIST: ListExport<'containers', ContainerSummary> = {
  field: 'containers',
  cursorKind: 'ctr',
  cursorKey: (c) => c.equipmentReference,
  csvColumns: CONTAINER_CSV_COLUMNS,
  csvRow: containerCsvRow,
};

const TRUCK_VISIT_LIST: ListExport<'visits', TruckVisit> = {
  field: 'visits',
  cursorKind: 'tv',
  cursorKey: (v) => `${v.terminalCode}:${v.visitId}`,
  csvColumns: TRUCK_VISIT_CSV_COLUMNS,
  csvRow: truckVisitCsvRow,
};

export const cargoRoutes: FastifyPluginAsyncZod<{ platform: Platform; feedStaleMinutes: number }> = async (
  app,
  { platform, feedStaleMinutes },
) => {
  const db = platform.database.db;
  const containers = new ContainerReader(db);
  const visits = new TruckVisitReader(db, feedStaleMinutes * 60_000);

  app.get(
    '/containers/:reference',
    route(ACCESS.read, {
      summary: 'One container: status, holds, availability, last free day, milestones and its visible history',
      description:
        'Visible when at least one event naming the box is visible to you (you own it, or it is community / public data). ' +
        'If other organisations reported part of its story, the state is computed from your facts only (`partialView`). ' +
        'A box you may not see answers 404, exactly like one that does not exist.',
      params: z.object({ reference: z.string().min(1).max(20).describe('ISO 6346 container number') }),
      response: { 200: ContainerDetailSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const access = request.accessScope;
      const checked = validateContainerNumber(request.params.reference);
      if (!checked.ok) {
        throw problem(checked.code, checked.reason, [
          { pointer: '/params/reference', detail: checked.reason, code: checked.code },
        ]);
      }
      const found = await containers.detail(checked.value, access);
      if (!found) {
        throw problem('PCS_CARGO_CONTAINER_NOT_FOUND', `no container ${checked.value}`);
      }
      // Container details are restricted data (holds, bills of lading): every read is audited.
      auditedRead(platform.audit, request, access, `/containers/${checked.value}`, true, {
        partialView: found.partialView,
      });
      return found;
    },
  );

  app.get(
    '/containers',
    route(ACCESS.read, {
      summary: 'Containers you may see, by container number; export with ?format=csv|ndjson',
      querystring: z.object({
        status: z
          .string()
          .regex(/^[A-Z_]{3,20}$/)
          .optional()
          .describe('e.g. AVAILABLE, HELD, GATED_OUT'),
        terminal: terminalCode.optional(),
        transportDocumentReference: billOfLadingNumber
          .optional()
          .describe('bill of lading number: only the boxes on it (as far as you may see them)'),
        billOfLading: billOfLadingNumber
          .optional()
          .describe('the same filter under the name the issue uses: an alias of transportDocumentReference'),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(CONTAINER_LIST, ContainerSummarySchema),
    }),
    async (request, reply) => {
      const access = request.accessScope;
      const { status, terminal, limit, cursor, format } = request.query;
      const transportDocumentReference = billOfLadingFilter(request.query);
      const page = await containers.list(
        { status, terminal, transportDocumentReference, limit, after: afterKey(CONTAINER_LIST.cursorKind, cursor) },
        access,
      );
      return answerListPage(request, reply, format, CONTAINER_LIST, page);
    },
  );

  app.get(
    '/truck-visits',
    route(ACCESS.read, {
      summary: 'Truck visits (gate in → gate out) you may see; export with ?format=csv|ndjson',
      description:
        'A trucker sees the visits it reported, a terminal the gate operations it reported; the port authority all. ' +
        '`from`/`to` select visits by their gate-in (else gate-out) instant, half-open [from, to).',
      querystring: z.object({
        terminal: terminalCode.optional(),
        from: instant.optional(),
        to: instant.optional(),
        truckingCompany: z
          .string()
          .regex(/^[A-Za-z0-9]{2,10}$/)
          .optional()
          .describe('SCAC'),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(TRUCK_VISIT_LIST, TruckVisitSchema),
    }),
    async (request, reply) => {
      const access = request.accessScope;
      const q = request.query;
      const page = await visits.list(
        {
          terminal: q.terminal,
          truckingCompany: q.truckingCompany,
          ...periodDates(q.from, q.to),
          limit: q.limit,
          after: afterKey(TRUCK_VISIT_LIST.cursorKind, q.cursor),
        },
        access,
      );
      return answerListPage(request, reply, q.format, TRUCK_VISIT_LIST, page);
    },
  );

  app.get(
    '/truck-visits/:visitId',
    route(ACCESS.read, {
      summary: 'One truck visit by its terminal visit id (add ?terminal= when the id is used at several terminals)',
      params: z.object({ visitId: z.string().min(1).max(50) }),
      querystring: z.object({ terminal: terminalCode.optional() }),
      response: {
        200: TruckVisitSchema,
        400: ProblemSchema,
        401: ProblemSchema,
        404: ProblemSchema,
        409: ProblemSchema,
      },
    }),
    async (request) => {
      const access = request.accessScope;
      const page = await visits.list(
        { visitId: request.params.visitId, terminal: request.query.terminal, limit: 20 },
        access,
      );
      const [visit, other] = page.visits;
      if (!visit) {
        throw problem('PCS_CARGO_VISIT_NOT_FOUND', `no truck visit ${request.params.visitId}`);
      }
      if (other) {
        throw problem(
          'PCS_CARGO_VISIT_AMBIGUOUS',
          `visit ${visit.visitId} exists at ${page.visits.map((v) => v.terminalCode).join(', ')}`,
          [{ pointer: '/query/terminal', detail: 'name the terminal' }],
        );
      }
      return visit;
    },
  );

  app.get(
    '/terminals/:code/kpis',
    route(ACCESS.read, {
      summary: 'Daily KPIs of a terminal: dwell, truck turn time, gate moves (local days)',
      description:
        'Published aggregates (DESIGN §5): every caller may read them, members and anonymous / public-role callers alike. ' +
        'They are counts, averages and percentiles per terminal and local day; no container, visit or organisation is named.',
      params: z.object({ code: terminalCode }),
      querystring: z.object({ from: localDate.optional(), to: localDate.optional().describe('inclusive') }),
      response: {
        200: z.object({ terminalCode: z.string(), days: z.array(TerminalKpiSchema) }),
        400: ProblemSchema,
      },
    }),
    async (request) => {
      const { code } = request.params;
      const { from, to } = request.query;
      if (from && to && from > to) {
        throw problem('PCS_API_VALIDATION', '`from` is after `to`', [
          { pointer: '/query/from', detail: 'must not be after `to`' },
        ]);
      }
      let query = db.selectFrom('terminal_kpi_daily').selectAll().where('terminal_code', '=', code);
      if (from) query = query.where('day', '>=', from);
      if (to) query = query.where('day', '<=', to);
      const rows = await query.orderBy('day').limit(3660).execute();
      return { terminalCode: code, days: rows.map(kpiView) };
    },
  );
};
