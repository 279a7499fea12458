import type { ErrorSpec } from './error-spec.js';

/** Errors of authentication and administration (organisations, keys, format settings). */
export const AUTH_ERRORS = {
  PCS_AUTH_REQUIRED: {
    status: 401,
    title: 'Authentication required',
    text: 'the operation needs an API key (`Authorization: Bearer opcs_…`)',
  },
  PCS_AUTH_INVALID_KEY: { status: 401, title: 'Invalid API key', text: 'the key is unknown or revoked' },
  PCS_AUTH_MALFORMED_CREDENTIALS: {
    status: 401,
    title: 'Malformed credentials',
    text: 'an `Authorization` header that is not `Bearer opcs_…` (other scheme, empty, control characters), or a malformed `X-API-Key`; never treated as anonymous',
  },
  PCS_AUTH_TOO_MANY_FAILURES: {
    status: 429,
    title: 'Too many failed authentications',
    text: 'too many failed authentications from this client address this minute (`OPENPCS_AUTH_FAILURES_PER_MIN`); see `Retry-After`; valid keys are unaffected',
  },
  PCS_AUTH_FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    text: 'the key lacks the scope (`read`, `ingest`, `admin`)',
  },
  PCS_ADMIN_ORG_EXISTS: { status: 409, title: 'Organisation exists', text: 'an organisation with that id exists' },
  PCS_ADMIN_ORG_NOT_FOUND: { status: 404, title: 'No such organisation', text: 'no such organisation' },
  PCS_ADMIN_KEY_NOT_FOUND: {
    status: 404,
    title: 'No such active key',
    text: "no such active key (another organisation's key reads the same to a non-port-authority admin)",
  },
  PCS_ADMIN_NOT_PORT_AUTHORITY: {
    status: 403,
    title: 'Only the port authority registers organisations',
    text: 'only the port authority (or the local operator) registers organisations',
  },
  PCS_ADMIN_BAD_CSV_LAYOUT: {
    status: 400,
    title: 'Invalid CSV layout',
    text: '`PUT /admin/organisations/{id}/csv-layouts/{format}`: the layout names a column the format does not have, a bad date-time pattern, an unknown zone, a `{column}` that is not ours or a header twice (one `errors[]` entry per problem, pointer into the body), or the format takes no layout ([csv-layouts.md](csv-layouts.md))',
  },
  PCS_ADMIN_CSV_LAYOUT_NOT_FOUND: {
    status: 404,
    title: 'No such CSV layout',
    text: '`GET /admin/organisations/{id}/csv-layouts/{format}`: no layout stored for the format, or no such `version`',
  },
  PCS_ADMIN_OTHER_ORG: {
    status: 403,
    title: 'Not your organisation',
    text: "an organisation's admin key manages only its own organisation's keys and audit trail",
  },
  PCS_ADMIN_UNKNOWN_FORMAT: {
    status: 404,
    title: 'Unknown message format',
    text: '`PUT /admin/organisations/{id}/formats/{format}`: no parser for that format id',
  },
  PCS_ADMIN_BAD_TIMEZONE: {
    status: 400,
    title: 'Unknown time zone',
    text: '`PUT /admin/organisations/{id}/formats/{format}`: `timeZone` is not an IANA zone',
  },
  PCS_ADMIN_TERMINALS_PORT_AUTHORITY: {
    status: 403,
    title: 'Only the port authority links terminals',
    text: '`PUT /admin/organisations/{id}/terminals`: which terminals an organisation operates is set by the port authority (or the local operator), never by the organisation itself',
  },
  PCS_ADMIN_NOT_A_TERMINAL: {
    status: 409,
    title: 'Not a terminal organisation',
    text: '`PUT /admin/organisations/{id}/terminals`: only an organisation with the role `terminal` operates terminals (an empty list clears the links of any organisation)',
  },
  PCS_ADMIN_UNKNOWN_TERMINAL: {
    status: 400,
    title: 'Unknown terminal',
    text: '`PUT /admin/organisations/{id}/terminals`: a code that is not an SMDG code of the terminal registry (`GET /terminals`); one `errors[]` entry per code',
  },
  PCS_ADMIN_SCACS_PORT_AUTHORITY: {
    status: 403,
    title: 'Only the port authority links SCACs',
    text: '`PUT /admin/organisations/{id}/scacs`: which carrier SCACs an organisation speaks for is set by the port authority (or the local operator), never by the organisation itself',
  },
  PCS_ADMIN_NOT_A_CARRIER: {
    status: 409,
    title: 'Not a carrier organisation',
    text: '`PUT /admin/organisations/{id}/scacs`: only an organisation with the role `carrier` speaks for SCACs (an empty list clears the links of any organisation)',
  },
  PCS_ADMIN_SCAC_TAKEN: {
    status: 409,
    title: 'SCAC linked to another organisation',
    text: "`PUT /admin/organisations/{id}/scacs`: a SCAC is one carrier's code and is linked to one organisation at most; clear it from the other organisation first",
  },
} as const satisfies Record<string, ErrorSpec>;
