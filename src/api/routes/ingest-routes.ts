/**
 * `POST /ingest/{format}`: raw body → inbox (durable) → pipeline. The body is taken as bytes whatever its
 * content type: parsing is the format parser's job, not the HTTP layer's.
 * - `mode=sync` (default): the message is parsed before the answer; 202 when every part became events,
 *   207 when some parts were stored and some rejected (the body lists the rejected parts, which are dead
 *   letters, replayable), 422 problem+json when nothing could be stored and every part was rejected. The
 *   list holds the first KEPT_REJECTIONS rejections and one summary; `rejected`/`rejectedByCode` count all.
 * - `mode=async`: 202 as soon as the message is durable in the inbox (for high-rate feeds).
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VISIBILITIES } from '../../domain/canonical-event.js';
import { isValidTimeZone } from '../../domain/zoned-time.js';
import { EmptyBodyError, UnknownFormatError, type ProcessOutcome } from '../../ingest/ingest-pipeline.js';
import { KEPT_REJECTIONS } from '../../ingest/rejection-tally.js';
import { Readable } from 'node:stream';
import { plan997, stream997 } from '../../ingest/x12/x12-997-builder.js';
import { x12Text } from '../../ingest/x12/x12-tokenizer.js';
import type { Platform } from '../../platform.js';
import type { DeadLetterRow } from '../../store/dead-letter-repository.js';
import { ProblemFieldError, ProblemSchema, problem } from '../problem.js';
import type { AccessScope } from '../../access/access-scope.js';
import { ACCESS } from '../../access/route-access.js';
import { maySend, sendersOf } from '../../access/format-senders.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('ingest');

/** Declared co-owners must be organisations of this community: a typo must not make data invisible. */
async function knownOwners(platform: Platform, owners: string | undefined): Promise<string[]> {
  if (!owners) return [];
  const ids = [...new Set(owners.split(','))];
  for (const id of ids) {
    if (!(await platform.organisations.get(id))) {
      throw problem('PCS_INGEST_UNKNOWN_OWNER', `organisation "${id}" does not exist`, [
        { pointer: '/query/owners', detail: `unknown organisation "${id}"` },
      ]);
    }
  }
  return ids;
}

export interface IngestRoutesOptions {
  readonly platform: Platform;
  readonly bodyLimitBytes: number;
}

const DeadLetterSchema = z.object({
  id: z.string(),
  inboxId: z.string(),
  format: z.string(),
  code: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  pointer: z.string().nullable(),
  parserVersion: z.string(),
  attempts: z.number().int(),
  status: z.enum(['open', 'replayed']),
  createdAt: z.string().datetime(),
});

const IngestAcceptedSchema = z.object({
  inboxId: z.string(),
  format: z.string(),
  status: z.enum(['received', 'processed', 'partial', 'failed', 'set_aside']),
  duplicateMessage: z.boolean().describe('the same bytes were received before from the same sender'),
  eventsAppended: z.number().int(),
  eventsDuplicate: z.number().int(),
  deadLetters: z
    .array(DeadLetterSchema)
    .describe(
      `the first ${KEPT_REJECTIONS} rejected parts, then one PCS_INGEST_MORE_REJECTED summary when there were more`,
    ),
  rejected: z.number().int().describe('every rejected part of the message, counted'),
  rejectedByCode: z.record(z.string(), z.number().int()).describe('rejected parts by error code (all of them)'),
  csvLayoutVersion: z
    .number()
    .int()
    .optional()
    .describe("version of the sender's declared CSV layout the message was read with (docs/csv-layouts.md)"),
  errors: z
    .array(ProblemFieldError)
    .optional()
    .describe('with 207: where each listed rejected part is in the body (`/body/lines/{line}/{column}`)'),
});

export function deadLetterView(row: DeadLetterRow): z.infer<typeof DeadLetterSchema> {
  return {
    id: row.id,
    inboxId: row.inbox_id,
    format: row.format,
    code: row.error_code,
    message: row.message,
    line: row.line,
    pointer: row.pointer,
    parserVersion: row.parser_version,
    attempts: row.attempts,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

/** Strings joined into chunks of about `size` characters (one write per chunk, not one per segment). */
function* inChunks(strings: Iterable<string>, size: number): Generator<string> {
  let chunk = '';
  for (const s of strings) {
    chunk += s;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Where in the body a rejected part is: `/body/lines/12/eta` for a CSV cell, `/body/3/field` for JSON. */
function pointerOf(letter: DeadLetterRow): string {
  if (letter.pointer?.startsWith('/')) return `/body${letter.pointer}`;
  const line = letter.line === null ? '' : `/lines/${letter.line}`;
  const field = letter.pointer ? `/${letter.pointer}` : '';
  return `/body${line}${field}`;
}

function fieldErrors(letters: readonly DeadLetterRow[]): ProblemFieldError[] {
  return letters.map((letter) => ({
    pointer: pointerOf(letter),
    detail: letter.message,
    code: letter.error_code,
    ...(letter.line === null ? {} : { line: letter.line }),
  }));
}

function view(outcome: ProcessOutcome, duplicateMessage: boolean): z.infer<typeof IngestAcceptedSchema> {
  return {
    inboxId: outcome.inboxId,
    format: outcome.format,
    status: outcome.status,
    duplicateMessage,
    eventsAppended: outcome.appended,
    eventsDuplicate: outcome.duplicates,
    deadLetters: outcome.deadLetters.map(deadLetterView),
    rejected: outcome.rejected,
    rejectedByCode: { ...outcome.rejectedByCode },
    ...(outcome.csvLayoutVersion !== undefined ? { csvLayoutVersion: outcome.csvLayoutVersion } : {}),
  };
}

export const ingestRoutes: FastifyPluginAsyncZod<IngestRoutesOptions> = async (app, { platform, bodyLimitBytes }) => {
  // Bytes in, whatever the content type (this scope only).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: bodyLimitBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/ingest/formats',
    route(ACCESS.public, {
      summary: 'Message formats this instance accepts',
      response: {
        200: z.object({
          formats: z.array(z.object({ format: z.string(), version: z.string(), description: z.string() })),
        }),
      },
    }),
    () => ({
      formats: platform.parsers
        .list()
        .map((p) => ({ format: p.format, version: p.version, description: p.description })),
    }),
  );

  app.post(
    '/ingest/:format',
    {
      config: { access: ACCESS.ingest },
      bodyLimit: bodyLimitBytes,
      schema: {
        tags: ['ingest'],
        summary: 'Submit one raw message (CSV, JSON, EDI, NMEA…) in the given format',
        description:
          'The body is stored raw in the inbox before anything else (durable before the answer). Re-sending the same bytes stores nothing new. Rejected parts become dead letters that `openpcs replay` re-runs after a fix.',
        consumes: [
          'text/csv',
          'application/json',
          'text/plain',
          'application/octet-stream',
          'application/edifact',
          'application/edi-x12',
        ],
        params: z.object({ format: z.string().min(1).describe('format id, see GET /ingest/formats') }),
        querystring: z.object({
          mode: z
            .enum(['sync', 'async'])
            .default('sync')
            .describe('sync: parse before answering; async: answer once stored'),
          visibility: z
            .enum(VISIBILITIES)
            .optional()
            .describe(
              "who may see the resulting events (default: the organisation's setting for the format, else the format's default: community for the terminal feeds, private for the rest)",
            ),
          owners: z
            .string()
            .regex(/^[a-z0-9][a-z0-9._-]{0,62}(,[a-z0-9][a-z0-9._-]{0,62})*$/, 'comma-separated organisation ids')
            .optional()
            .describe('other organisations that own the data (e.g. the carrier of the booking), comma-separated'),
          timeZone: z
            .string()
            .refine(isValidTimeZone, 'must be an IANA time zone')
            .optional()
            .describe(
              "zone of zone-less date-times in this message; wins over the organisation's setting for the format, then the format's own convention, then OPENPCS_TIME_ZONE",
            ),
        }),
        response: {
          202: IngestAcceptedSchema.describe('every part stored (or, with mode=async, the message is in the inbox)'),
          207: IngestAcceptedSchema.describe('some parts stored, some rejected: `deadLetters` lists the rejected ones'),
          404: ProblemSchema,
          400: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const access = request.accessScope;
      if (!maySend(request.params.format, access.role)) {
        const roles = sendersOf(request.params.format)?.join(', ') ?? '';
        throw problem(
          'PCS_INGEST_SENDER_ROLE',
          `${request.params.format} is stated by ${roles} only; ${access.orgId} is a ${access.role}: nothing was stored`,
          [{ pointer: '/params/format', detail: `only ${roles} may send ${request.params.format}` }],
        );
      }
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const owners = await knownOwners(platform, request.query.owners);
      const ingestRequest = {
        format: request.params.format,
        body,
        channel: 'http',
        contentType: request.headers['content-type'],
        sourceOrg: access.orgId,
        ownerOrgs: [access.orgId, ...owners.filter((o) => o !== access.orgId)],
        visibility: request.query.visibility,
        timeZone: request.query.timeZone,
        metadata: { remoteAddress: request.ip, userAgent: request.headers['user-agent'] ?? null },
      };
      try {
        if (request.query.mode === 'async') {
          const received = await platform.pipeline.enqueue(ingestRequest);
          const outcome = received.status === 'received' ? null : await platform.pipeline.describe(received.inboxId);
          return reply.code(202).send(
            outcome
              ? view(outcome, received.duplicate)
              : {
                  inboxId: received.inboxId,
                  format: request.params.format,
                  status: 'received' as const,
                  duplicateMessage: received.duplicate,
                  eventsAppended: 0,
                  eventsDuplicate: 0,
                  deadLetters: [],
                  rejected: 0,
                  rejectedByCode: {},
                },
          );
        }
        const outcome = await platform.pipeline.ingest(ingestRequest);
        // Partial success is success: what could be stored is stored, the rest is listed (and replayable).
        if (outcome.status !== 'failed') {
          const answer = view(outcome, outcome.duplicateMessage);
          if (outcome.rejected === 0) return reply.code(202).send(answer);
          return reply.code(207).send({ ...answer, errors: fieldErrors(outcome.deadLetters) });
        }
        const errors = fieldErrors(outcome.deadLetters);
        throw problem(
          'PCS_INGEST_REJECTED',
          `nothing stored: ${outcome.rejected} part(s) rejected and kept as dead letters${outcome.rejected > KEPT_REJECTIONS ? ` (the first ${KEPT_REJECTIONS} one by one, then a summary)` : ''}. Fix the source, or the parser and run "openpcs replay".`,
          errors,
          {
            inboxId: outcome.inboxId,
            inboxStatus: outcome.status,
            eventsAppended: outcome.appended,
            rejected: outcome.rejected,
            rejectedByCode: outcome.rejectedByCode,
            deadLetterIds: outcome.deadLetters.map((d) => d.id),
          },
        );
      } catch (error) {
        if (error instanceof UnknownFormatError) {
          throw problem(error.code, error.message, [{ pointer: '/params/format', detail: error.message }]);
        }
        if (error instanceof EmptyBodyError) {
          throw problem(error.code, error.message, [{ pointer: '/body', detail: error.message }]);
        }
        throw error;
      }
    },
  );

  /** A message the caller sent (the port authority sees all); another's answers 404 like a missing one. */
  const ownMessage = async (access: AccessScope, id: string) => {
    const found = await platform.inbox.get(id);
    if (found && (access.all || found.source_org === access.orgId)) return found;
    throw problem('PCS_INGEST_NOT_FOUND', `inbox message ${id} does not exist`);
  };

  app.get(
    '/inbox/:id',
    route(ACCESS.read, {
      summary: 'Status of one received message and its open dead letters',
      params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric inbox id') }),
      response: { 200: IngestAcceptedSchema.omit({ duplicateMessage: true }), 404: ProblemSchema },
    }),
    async (request) => {
      const row = await ownMessage(request.accessScope, request.params.id);
      const { duplicateMessage: _, ...rest } = view(await platform.pipeline.describe(row.id), false);
      return rest;
    },
  );

  app.get(
    '/inbox/:id/ack',
    route(ACCESS.readOwn, {
      summary: 'X12 997 functional acknowledgment of a received X12 message',
      description:
        'One 997 interchange per received interchange (sender and receiver swapped, the sender delimiters). An interchange openpcs rejected for an envelope error (ISA width, IEA/GE/SE counts or control numbers) is acknowledged with every transaction set AK5 R and every group AK9 R: nothing of it was applied; the dead letters name the element, control number and TA1 note code.',
      params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric inbox id') }),
      response: { 200: z.string(), 404: ProblemSchema },
    }),
    async (request, reply) => {
      const row = await ownMessage(request.accessScope, request.params.id);
      // Two passes over the envelopes (no transaction set bodies kept), the 997 streamed out as it is written:
      // the memory an acknowledgment takes does not grow with the interchange beyond its text.
      const text = row.format.startsWith('x12-') ? x12Text(row.body) : '';
      const plans = text === '' ? [] : plan997(text);
      if (plans.length === 0) {
        throw problem(
          'PCS_INGEST_NO_ACK',
          row.format.startsWith('x12-')
            ? `inbox message ${row.id} holds no ISA interchange to acknowledge`
            : `acknowledgments (X12 997) exist for X12 messages only; inbox message ${row.id} is ${row.format}`,
          [{ pointer: '/params/id', detail: 'not an X12 interchange' }],
        );
      }
      // Control numbers derive from the inbox id, so asking twice gives the same 997.
      const base = Number(BigInt(row.id) % 99_999_999n) * 10;
      const now = row.processed_at ?? row.received_at;
      const segments = stream997(text, plans, (i) => ({
        interchangeControlNumber: base + i + 1,
        groupControlNumber: base + i + 1,
        now,
        lineBreak: '\n',
      }));
      const body = Readable.from(inChunks(segments, 64 * 1024), { objectMode: false });
      // The schema's string is what the stream sends; Fastify pipes a stream without serialising it.
      const streaming: FastifyReply = reply;
      return streaming.type('application/edi-x12').send(body);
    },
  );

  app.get(
    '/dead-letters',
    route(ACCESS.readOwn, {
      summary: 'Dead letters (rejected message parts), oldest first',
      querystring: z.object({
        status: z.enum(['open', 'replayed']).default('open'),
        format: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.object({ deadLetters: z.array(DeadLetterSchema) }) },
    }),
    async (request) => {
      const access = request.accessScope;
      const rows = await platform.deadLetters.list({
        ...request.query,
        sourceOrg: access.all ? undefined : access.orgId,
      });
      return { deadLetters: rows.map(deadLetterView) };
    },
  );
};
