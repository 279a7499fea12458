/**
 * Cargo-handling equipment and zero-emission shares (issue 15; docs/equipment.md): `GET /equipment` (units with
 * their latest status, hours, energy and charging; filters, cursor, CSV/NDJSON export), `GET /equipment/{id}`,
 * `GET /equipment/charging-sessions` and `GET /equipment/ze-share` (ZE share of cargo-handling equipment per
 * terminal and port-wide against the CAAP 2030 goal). Units and sessions: a terminal sees the units at the
 * terminals it operates and what it sent, the port authority all, others what was shared with them. The ZE shares
 * are community aggregates: any member (an API key is needed), no unit named.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { EQUIPMENT_TYPES, POWERTRAINS } from '../../domain/equipment-telemetry.js';
import type { Platform } from '../../platform.js';
import { EquipmentReader } from '../cargo/equipment-reader.js';
import {
  CHARGING_SESSION_CSV_COLUMNS,
  ChargingSessionSchema,
  EQUIPMENT_CSV_COLUMNS,
  EquipmentUnitSchema,
  ZeShareSchema,
  equipmentCsvRow,
  type ChargingSessionView,
  type EquipmentUnit,
} from '../cargo/equipment-schema.js';
import { answerListPage, listPageResponses, LIST_PAGE_QUERY, type ListExport } from '../list-export.js';
import { afterKey } from '../list-cursor.js';
import { ProblemSchema, problem } from '../problem.js';
import { QueryLocalDate } from '../query-period.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('equipment');

const terminalCode = z
  .string()
  .regex(/^[A-Za-z0-9]{2,10}$/, 'an SMDG terminal code')
  .transform((s) => s.toUpperCase())
  .meta({ examples: ['WBCT'] });
const equipmentId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'an equipment id: letters, digits, `.`, `_`, `-`')
  .meta({ examples: ['WBCT-YT-007'] });
const localDate = QueryLocalDate;

const UNIT_LIST: ListExport<'units', EquipmentUnit> = {
  field: 'units',
  cursorKind: 'eq',
  cursorKey: (u) => u.equipmentId,
  csvColumns: EQUIPMENT_CSV_COLUMNS,
  csvRow: equipmentCsvRow,
};

const SESSION_LIST: ListExport<'sessions', ChargingSessionView> = {
  field: 'sessions',
  cursorKind: 'chg',
  cursorKey: (s) => `${s.terminal}|${s.sessionId}`,
  csvColumns: CHARGING_SESSION_CSV_COLUMNS,
  csvRow: (s) => ({ ...s }),
};

export const equipmentRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const reader = new EquipmentReader(platform.database.db);

  app.get(
    '/equipment',
    route(ACCESS.read, {
      summary: 'Cargo-handling units: latest status, state of charge, hours, energy, charging; export ?format=csv',
      description:
        'From the equipment telemetry (`equipment-telemetry`, over HTTP or MQTT). A terminal sees the units of the ' +
        'terminals it operates, the port authority all, others the units whose telemetry was shared with them. ' +
        'Ordered by equipment id. Example: `GET /equipment?terminal=WBCT&type=yard_tractor&powertrain=battery_electric`',
      querystring: z.object({
        terminal: terminalCode.optional(),
        type: z.enum(EQUIPMENT_TYPES).optional(),
        powertrain: z.enum(POWERTRAINS).optional(),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(UNIT_LIST, EquipmentUnitSchema),
    }),
    async (request, reply) => {
      const q = request.query;
      const page = await reader.list(
        {
          terminal: q.terminal,
          type: q.type,
          powertrain: q.powertrain,
          limit: q.limit,
          after: afterKey(UNIT_LIST.cursorKind, q.cursor),
        },
        request.accessScope,
      );
      auditedRead(platform.audit, request, request.accessScope, '/equipment', page.nonPublic);
      return answerListPage(request, reply, q.format, UNIT_LIST, page);
    },
  );

  app.get(
    '/equipment/ze-share',
    route(ACCESS.readOwn, {
      summary: 'Zero-emission share of cargo-handling equipment per terminal and port-wide (community aggregate)',
      description:
        'By count (latest powertrain of each unit; ship-to-shore cranes left out) and by operating hours, with ' +
        'energy and charging, over the local days [from, to] (default: all). `target` compares the port share by ' +
        'count with the Clean Air Action Plan goal of 100% ZE cargo-handling equipment by 2030. Members only; no unit ' +
        'is named. Example: `GET /equipment/ze-share?from=2018-05-01&to=2018-05-31`',
      querystring: z.object({
        from: localDate.optional().describe('first local day (inclusive)'),
        to: localDate.optional().describe('last local day (inclusive)'),
      }),
      response: { 200: ZeShareSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
    }),
    async (request) => {
      const q = request.query;
      if (q.from && q.to && q.to < q.from) {
        throw problem('PCS_API_VALIDATION', '`to` is before `from`', [
          { pointer: '/query/to', detail: 'must not be before `from`' },
        ]);
      }
      const answer = await reader.zeShare({ from: q.from, to: q.to });
      auditedRead(platform.audit, request, request.accessScope, '/equipment/ze-share', true);
      return answer;
    },
  );

  app.get(
    '/equipment/charging-sessions',
    route(ACCESS.read, {
      summary: 'Charging sessions (start and stop merged) you may see; export ?format=csv',
      description:
        'Visible like the units. Ordered by terminal and session id. Example: ' +
        '`GET /equipment/charging-sessions?equipmentId=WBCT-YT-007`',
      querystring: z.object({
        terminal: terminalCode.optional(),
        equipmentId: equipmentId.optional(),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(SESSION_LIST, ChargingSessionSchema),
    }),
    async (request, reply) => {
      const q = request.query;
      const page = await reader.sessions(
        {
          terminal: q.terminal,
          equipmentId: q.equipmentId,
          limit: q.limit,
          after: afterKey(SESSION_LIST.cursorKind, q.cursor),
        },
        request.accessScope,
      );
      auditedRead(platform.audit, request, request.accessScope, '/equipment/charging-sessions', page.nonPublic);
      return answerListPage(request, reply, q.format, SESSION_LIST, page);
    },
  );

  app.get(
    '/equipment/:equipmentId',
    route(ACCESS.read, {
      summary: 'One cargo-handling unit: latest status, hours, energy and charging',
      description: 'A unit you may not see answers 404, exactly like one that does not exist.',
      params: z.object({ equipmentId }),
      response: { 200: EquipmentUnitSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const page = await reader.list({ equipmentId: request.params.equipmentId, limit: 1 }, request.accessScope);
      const unit = page.units[0];
      if (!unit) throw problem('PCS_EQUIPMENT_NOT_FOUND', `no equipment unit ${request.params.equipmentId}`);
      auditedRead(platform.audit, request, request.accessScope, '/equipment/{equipmentId}', page.nonPublic, {
        equipmentId: unit.equipmentId,
      });
      return unit;
    },
  );
};
