/**
 * A trucker's own appointments (issue 13: "appointments of a trucker linked to containers and visits; no-shows
 * and missed windows measured"): `GET /appointments` lists the appointments the caller may see, each with the
 * visit that used it and whether it was kept; `GET /appointments/outcomes` counts outcomes over a period with the
 * no-show and on-time rates, per terminal. Ownership is the one event rule (`api/cargo/appointment-reader.ts`):
 * a trucker never sees another's appointments.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { APPOINTMENT_OUTCOMES, summariseOutcomes } from '../../domain/appointments/appointment-outcome.js';
import type { Platform } from '../../platform.js';
import { AppointmentReader } from '../cargo/appointment-reader.js';
import {
  APPOINTMENT_CSV_COLUMNS,
  AppointmentOutcomesSchema,
  AppointmentSchema,
  appointmentCsvRow,
  type Appointment,
} from '../cargo/appointment-schema.js';
import { answerListPage, listPageResponses, LIST_PAGE_QUERY, type ListExport } from '../list-export.js';
import { afterKey } from '../list-cursor.js';
import { ProblemSchema } from '../problem.js';
import { checkPeriod, periodDates } from '../query-period.js';
import { QueryInstant } from '../query-instant.js';
import { QueryTerminalCode } from '../query-terminal-code.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';
import { DAY } from '../../domain/time-units.js';

const route = routesTagged('truckers');
/** Longest period `/appointments/outcomes` counts at once. */
const MAX_OUTCOME_DAYS = 92;
/** Most appointments one `/appointments/outcomes` answer counts. */
const OUTCOME_CAP = 50_000;

const scac = z
  .string()
  .regex(/^[A-Za-z0-9]{2,4}$/, 'a SCAC')
  .transform((s) => s.toUpperCase())
  .describe('trucking company (SCAC)');

const APPOINTMENT_LIST: ListExport<'appointments', Appointment> = {
  field: 'appointments',
  cursorKind: 'appt',
  cursorKey: (a) => `${a.terminalCode}:${a.appointmentId}`,
  csvColumns: APPOINTMENT_CSV_COLUMNS,
  csvRow: appointmentCsvRow,
};

export const appointmentRoutes: FastifyPluginAsyncZod<{ platform: Platform; graceMinutes: number }> = async (
  app,
  { platform, graceMinutes },
) => {
  const reader = new AppointmentReader(platform.database.db, graceMinutes);

  app.get(
    '/appointments',
    route(ACCESS.readOwn, {
      summary: 'Your truck appointments, each with the visit that used it and whether it was kept',
      description:
        'A trucker sees the appointments it (or an organisation sharing with it) stated; a terminal those it ' +
        `stated; the port authority all. \`outcome\`: kept when the first gate-in of a visit that used it lies in the slot ± the grace (${graceMinutes} min here, \`OPENPCS_APPOINTMENT_GRACE_MINUTES\`), ` +
        'early/late beyond that, no-show when none came by the end of the slot plus the grace (or the terminal said ' +
        'NO_SHOW). `from`/`to` select slots that start in [from, to). Export with ?format=csv|ndjson. Example: ' +
        '`GET /appointments?terminal=WBCT&outcome=no-show&from=2026-03-01T00:00Z`',
      querystring: z.object({
        terminal: QueryTerminalCode.optional(),
        truckingCompany: scac.optional(),
        outcome: z.enum(APPOINTMENT_OUTCOMES).optional(),
        from: QueryInstant.optional(),
        to: QueryInstant.optional(),
        ...LIST_PAGE_QUERY,
      }),
      response: listPageResponses(APPOINTMENT_LIST, AppointmentSchema),
    }),
    async (request, reply) => {
      const q = request.query;
      const page = await reader.list(
        {
          terminal: q.terminal,
          truckingCompany: q.truckingCompany,
          outcome: q.outcome,
          ...periodDates(q.from, q.to),
          limit: q.limit,
          after: afterKey(APPOINTMENT_LIST.cursorKind, q.cursor),
        },
        request.accessScope,
        Date.now(),
      );
      auditedRead(platform.audit, request, request.accessScope, '/appointments', page.nonPublic);
      return answerListPage(request, reply, q.format, APPOINTMENT_LIST, page);
    },
  );

  app.get(
    '/appointments/outcomes',
    route(ACCESS.readOwn, {
      summary: 'How your appointments went over a period: kept, early, late, no-show, with rates per terminal',
      description:
        `Counts the appointments you may see whose slot starts in [from, to) (at most ${MAX_OUTCOME_DAYS} days; default ` +
        'the last 7 days). `noShowRate` = no-shows / (kept + early + late + no-shows); `onTimeRate` = kept / (kept + ' +
        'early + late). Example: `GET /appointments/outcomes?from=2026-03-01T00:00Z&to=2026-03-08T00:00Z`',
      querystring: z.object({
        terminal: QueryTerminalCode.optional(),
        truckingCompany: scac.optional(),
        from: QueryInstant.optional(),
        to: QueryInstant.optional(),
      }),
      response: { 200: AppointmentOutcomesSchema, 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request) => {
      const q = request.query;
      const atMs = Date.now();
      const toMs = q.to ? Date.parse(q.to) : atMs;
      const fromMs = q.from ? Date.parse(q.from) : toMs - 7 * DAY;
      checkPeriod(fromMs, toMs, { noun: 'period', most: MAX_OUTCOME_DAYS, unit: 'days' });
      const found = await reader.all(
        { terminal: q.terminal, truckingCompany: q.truckingCompany, from: new Date(fromMs), to: new Date(toMs) },
        request.accessScope,
        atMs,
        OUTCOME_CAP,
      );
      auditedRead(platform.audit, request, request.accessScope, '/appointments/outcomes', found.nonPublic);
      const terminals = [...new Set(found.appointments.map((a) => a.terminalCode))].sort();
      const asOf =
        found.appointments
          .map((a) => a.asOf)
          .sort()
          .at(-1) ?? null;
      return {
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        graceMinutes,
        total: summariseOutcomes(found.appointments.map((a) => a.outcome)),
        byTerminal: terminals.map((terminalCode) => ({
          terminalCode,
          ...summariseOutcomes(found.appointments.filter((a) => a.terminalCode === terminalCode).map((a) => a.outcome)),
        })),
        asOf,
        truncated: found.truncated,
      };
    },
  );
};
