/**
 * What truckers ask first (issue 13; docs/truckers.md): `GET /appointments/availability` (appointment slots with
 * capacity, booked and free per terminal and transaction type), `GET /empty-returns` ("I have an empty MAEU 45G1:
 * where can I return it now, and with which appointment?") and `GET /notices` (restrictions and outages). Capacity
 * is community data: any member reads it, anonymous callers read what was published `public`; rows still pass the
 * one visibility rule and non-public reads are audited. Every record carries `asOf` and `source`, and `stale`
 * beyond `OPENPCS_FEED_STALE_MINUTES`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { APPOINTMENT_TRANSACTION_TYPES } from '../../domain/cargo-event-codes.js';
import { validateSizeTypeCode } from '../../domain/identifiers/iso6346-size-type.js';
import type { Platform } from '../../platform.js';
import { TerminalFeedReader } from '../cargo/terminal-feed-reader.js';
import { EmptyReturnAnswerSchema, NoticeSchema, SlotSchema } from '../cargo/terminal-feed-schema.js';
import { ProblemSchema } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import { QueryTerminalCode } from '../query-terminal-code.js';
import { checkPeriod } from '../query-period.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';
import { HOUR } from '../../domain/time-units.js';

const route = routesTagged('truckers');
/** What a bad query or a refused key is answered with on every route here. */
const READ_PROBLEMS = { 400: ProblemSchema, 401: ProblemSchema } as const;
/** The instant asked about: `at`, else now. */
const atOrNow = (at: string | undefined): number => (at ? Date.parse(at) : Date.now());
/** Longest window `/appointments/availability` answers at once. */
const MAX_WINDOW_HOURS = 7 * 24;

const scac = z
  .string()
  .regex(/^[A-Za-z]{2,4}$/, 'a 2-4 letter SCAC')
  .transform((s) => s.toUpperCase())
  .describe('ocean carrier (SCAC) of the empty')
  .meta({ examples: ['MAEU'] });
const isoType = z
  .string()
  .refine((s) => validateSizeTypeCode(s).ok, 'an ISO 6346 size/type code such as 45G1')
  .transform((s) => s.trim().toUpperCase())
  .describe('ISO 6346 size/type of the empty')
  .meta({ examples: ['45G1'] });

export interface TerminalFeedRouteOptions {
  readonly platform: Platform;
  /** Figures older than this many minutes at the instant asked about are flagged `stale`. */
  readonly staleAfterMinutes: number;
}

export const terminalFeedRoutes: FastifyPluginAsyncZod<TerminalFeedRouteOptions> = async (app, options) => {
  const { platform } = options;
  const reader = new TerminalFeedReader(platform.database.db, options.staleAfterMinutes * 60_000);

  app.get(
    '/appointments/availability',
    route(ACCESS.read, {
      summary: 'Appointment slots per terminal and transaction type: capacity, booked, free (community data)',
      description:
        'The newest statement of each slot from the terminals (`csv-appointment-slots`), with the notices in force ' +
        'during it. `from`/`to` (default: now and 24 hours later; at most 7 days apart) select slots that overlap ' +
        `[from, to). At most 10,000 slots (\`truncated\` says when more matched). Example: ` +
        '`GET /appointments/availability?terminal=WBCT&type=EMPTY_RETURN&from=2026-03-02T07:00-08:00`',
      querystring: z.object({
        terminal: QueryTerminalCode.optional(),
        type: z
          .enum(APPOINTMENT_TRANSACTION_TYPES)
          .optional()
          .meta({ examples: ['EMPTY_RETURN'] }),
        from: QueryInstant.optional().describe('start of the window (default: now)'),
        to: QueryInstant.optional().describe('end of the window, exclusive (default: from + 24 h)'),
      }),
      response: {
        200: z.object({ slots: z.array(SlotSchema), truncated: z.boolean() }).meta({
          examples: [
            {
              slots: [
                {
                  terminal: 'WBCT',
                  unLocationCode: 'USLAX',
                  transactionType: 'EMPTY_RETURN',
                  slotStart: '2026-03-02T16:00:00.000Z',
                  slotEnd: '2026-03-02T17:00:00.000Z',
                  capacity: 40,
                  booked: 31,
                  free: 9,
                  notices: [],
                  asOf: '2026-03-02T15:05:00.000Z',
                  stale: false,
                  source: { organisation: 'wbct', inboxId: '1207', eventId: '5e0c…' },
                },
              ],
              truncated: false,
            },
          ],
        }),
        ...READ_PROBLEMS,
      },
    }),
    async (request) => {
      const q = request.query;
      const atMs = Date.now();
      const fromMs = q.from ? Date.parse(q.from) : atMs;
      const toMs = q.to ? Date.parse(q.to) : fromMs + 24 * HOUR;
      checkPeriod(fromMs, toMs, { noun: 'window', most: MAX_WINDOW_HOURS, unit: 'hours' });
      const answer = await reader.availability(
        { terminal: q.terminal, type: q.type, fromMs, toMs, atMs },
        request.accessScope,
      );
      auditedRead(platform.audit, request, request.accessScope, '/appointments/availability', answer.nonPublic);
      return answer.value;
    },
  );

  app.get(
    '/empty-returns',
    route(ACCESS.read, {
      summary: 'Where an empty of a carrier and ISO size/type can be returned now, with the next free appointment',
      description:
        'Locations where the newest receivable statements (`csv-empty-returns`) of the location and of the carrier ' +
        'both accept the carrier and size/type (a party that has not spoken is no obstacle), with capacity left (the ' +
        'smaller stated figure, `statedBy` says whose) and that no notice closes (gate closed, empties not accepted ' +
        "for it) at `at` (default now); `statements` gives each party's word with its own `asOf` and `source`; " +
        'each with the next EMPTY_RETURN slot with a free place at that terminal and the notices that affect it. ' +
        'Locations that stated a receivable but do not take it now are listed under `closed` with the reason. ' +
        'Example: `GET /empty-returns?scac=MAEU&isoType=45G1`',
      querystring: z.object({
        scac,
        isoType,
        at: QueryInstant.optional().describe('the instant asked about (default: now)'),
      }),
      response: {
        200: EmptyReturnAnswerSchema.meta({
          examples: [
            {
              scac: 'MAEU',
              isoType: '45G1',
              at: '2026-03-02T15:30:00.000Z',
              locations: [
                {
                  location: 'APMT',
                  locationType: 'TERMINAL',
                  name: 'APM Terminals Los Angeles Pier 400',
                  unLocationCode: 'USLAX',
                  remainingCapacity: 40,
                  statedBy: 'CARRIER',
                  statements: [
                    {
                      statedBy: 'LOCATION',
                      accepting: true,
                      remainingCapacity: 120,
                      asOf: '2026-03-02T15:05:00.000Z',
                      stale: false,
                      source: { organisation: 'apmt', inboxId: '1209', eventId: '77b2…' },
                    },
                    {
                      statedBy: 'CARRIER',
                      accepting: true,
                      remainingCapacity: 40,
                      asOf: '2026-03-02T14:50:00.000Z',
                      stale: false,
                      source: { organisation: 'maersk', inboxId: '1204', eventId: '5c0e…' },
                    },
                  ],
                  nextSlot: {
                    slotStart: '2026-03-02T16:00:00.000Z',
                    slotEnd: '2026-03-02T17:00:00.000Z',
                    free: 6,
                    asOf: '2026-03-02T15:05:00.000Z',
                    source: { organisation: 'apmt', inboxId: '1210', eventId: '9a41…' },
                  },
                  notices: [],
                  asOf: '2026-03-02T15:05:00.000Z',
                  stale: false,
                  source: { organisation: 'maersk', inboxId: '1204', eventId: '5c0e…' },
                },
              ],
              closed: [],
            },
          ],
        }),
        ...READ_PROBLEMS,
      },
    }),
    async (request) => {
      const q = request.query;
      const atMs = atOrNow(q.at);
      const answer = await reader.emptyReturns({ scac: q.scac, isoType: q.isoType, atMs }, request.accessScope);
      auditedRead(platform.audit, request, request.accessScope, '/empty-returns', answer.nonPublic, {
        scac: q.scac,
        isoType: q.isoType,
      });
      return answer.value;
    },
  );

  app.get(
    '/notices',
    route(ACCESS.read, {
      summary: 'Restrictions and outages published by terminals and the port authority',
      description:
        '`terminal` selects the notices of that terminal and the port-wide ones; `active=true` those in force at ' +
        '`at` (default now), `active=false` the others (ended, cancelled or not yet begun); newest window first, at ' +
        'most 1,000. Example: `GET /notices?terminal=WBCT&active=true`',
      querystring: z.object({
        terminal: QueryTerminalCode.optional(),
        active: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .describe('true: in force at `at`; false: not in force; absent: all'),
        at: QueryInstant.optional().describe('the instant `active` refers to (default: now)'),
      }),
      response: {
        200: z.object({ notices: z.array(NoticeSchema) }).meta({
          examples: [
            {
              notices: [
                {
                  noticeId: 'WBCT-2026-0302-01',
                  noticeType: 'EMPTIES_NOT_ACCEPTED',
                  status: 'ACTIVE',
                  terminal: 'WBCT',
                  unLocationCode: 'USLAX',
                  carrierScac: 'MAEU',
                  isoType: null,
                  validFrom: '2026-03-02T14:00:00.000Z',
                  validTo: '2026-03-03T02:00:00.000Z',
                  text: 'No MAEU empties today: yard full',
                  activeAt: true,
                  asOf: '2026-03-02T13:40:00.000Z',
                  source: { organisation: 'wbct', inboxId: '1190', eventId: '0d3e…' },
                },
              ],
            },
          ],
        }),
        ...READ_PROBLEMS,
      },
    }),
    async (request) => {
      const q = request.query;
      const atMs = atOrNow(q.at);
      const answer = await reader.notices({ terminal: q.terminal, active: q.active, atMs }, request.accessScope);
      auditedRead(platform.audit, request, request.accessScope, '/notices', answer.nonPublic);
      return { notices: answer.value };
    },
  );
};
