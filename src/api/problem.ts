/**
 * RFC 9457 problem details (`application/problem+json`). Every error the API returns has this shape,
 * with a stable `code` (see docs/errors.md) and, for bad input, `errors[].pointer` naming the field
 * (a JSON pointer into the request: `/query/limit`, `/body`, or `/rows/12/eta` for a CSV cell).
 */
import { z } from 'zod';
import { ERROR_CATALOGUE, type ProblemCode } from '../domain/errors/catalogue.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemFieldError = z.object({
  pointer: z.string().describe('JSON pointer to the offending field'),
  detail: z.string(),
  code: z.string().optional(),
  line: z.number().int().optional(),
  reason: z.string().optional().describe('DCSA error body (on /v2/*): the stable code'),
  message: z.string().optional().describe('DCSA error body (on /v2/*): pointer and detail'),
});

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI reference identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('stable openpcs error code, e.g. PCS_INGEST_UNKNOWN_FORMAT'),
    errors: z.array(ProblemFieldError).optional(),
  })
  .passthrough()
  .describe('RFC 9457 problem details');

export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

/**
 * Throw from a route to answer with a problem. Status and title come from the error catalogue
 * (src/domain/errors/catalogue.ts), never from the call site: build one with `problem(code, detail?)`.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    detail?: string,
    readonly errors?: readonly ProblemFieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    const spec = ERROR_CATALOGUE[code];
    super(detail ?? spec.text);
    this.status = spec.status;
    this.title = spec.title;
  }

  toProblem(instance: string): Problem {
    // Extensions come first so they can never overwrite a standard member.
    return {
      ...this.extensions,
      type: `https://openpcs.dev/problems/${this.code.toLowerCase().replaceAll('_', '-')}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      instance,
      code: this.code,
      ...(this.errors && this.errors.length > 0 ? { errors: [...this.errors] } : {}),
    };
  }
}

/**
 * A problem answered on `/v2/*` also carries the members of the DCSA error body (DCSA ERROR_DOMAIN 1.0.0
 * `error`: httpMethod, requestUri, statusCode, statusCodeText, errorDateTime, errors[].reason/message), so a
 * DCSA client and an RFC 9457 client both read it. `errors[]` keeps `pointer`/`detail` beside `reason`/`message`.
 */
export function withDcsaErrorMembers(problem: Problem, method: string, url: string, at = new Date()): Problem {
  const items =
    problem.errors && problem.errors.length > 0
      ? problem.errors
      : [{ pointer: '', detail: problem.detail ?? problem.title }];
  return {
    ...problem,
    httpMethod: method,
    requestUri: url,
    statusCode: problem.status,
    statusCodeText: problem.title,
    errorDateTime: at.toISOString(),
    errors: items.map((e) => ({
      ...e,
      reason: e.code ?? problem.code,
      message: e.pointer ? `${e.pointer}: ${e.detail}` : e.detail,
    })),
  };
}

/** True for the DCSA Track & Trace routes, whose errors carry the DCSA error members. */
export const isDcsaPath = (url: string): boolean => url.startsWith('/v2/');

/** The problem of a catalogued code; `detail` defaults to the code's text, `errors` point at the bad fields. */
export function problem(
  code: ProblemCode,
  detail?: string,
  errors?: readonly ProblemFieldError[],
  extensions?: Record<string, unknown>,
): ProblemError {
  return new ProblemError(code, detail, errors, extensions);
}

/** 400 for a `cursor` query parameter this API did not issue. */
export function badCursorProblem(): ProblemError {
  return problem('PCS_API_BAD_CURSOR', 'cursor was not issued by this API', [
    { pointer: '/query/cursor', detail: 'not a cursor issued by this API' },
  ]);
}

/** 503 while the database cannot be reached (a dropped connection, a server restarting); sent with `Retry-After`. */
export function storeUnavailableProblem(): ProblemError {
  return problem(
    'PCS_STORE_UNAVAILABLE',
    'the database connection was lost or refused; the request was not acknowledged: send it again (a message sent twice is stored once)',
  );
}
