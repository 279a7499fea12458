import type { ErrorSpec } from './error-spec.js';

/** Errors of the HTTP API as a whole: request validation, routing, limits, the store behind it. */
export const HTTP_API_ERRORS = {
  PCS_API_VALIDATION: {
    status: 400,
    title: 'Invalid request',
    text: 'a path, query or body field is invalid; `errors[].pointer` says which (`/query/limit`)',
  },
  PCS_API_UNKNOWN_PARAMETER: {
    status: 400,
    title: 'Invalid request',
    text: "a query parameter the route does not take (misspelt or unsupported filter); `errors[].pointer` names it (`/query/imo`), `detail` lists the route's parameters",
  },
  PCS_API_BAD_REQUEST: { status: 400, title: 'Bad request', text: 'the request could not be read' },
  PCS_API_EMPTY_BODY: { status: 400, title: 'Bad request', text: 'a JSON body was expected and is empty' },
  PCS_API_BAD_CONTENT_LENGTH: { status: 400, title: 'Bad request', text: 'Content-Length does not match the body' },
  PCS_API_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    text: 'content type not accepted by this route',
  },
  PCS_API_BAD_CURSOR: {
    status: 400,
    title: 'Invalid cursor',
    text: 'a pagination cursor that this API did not issue',
  },
  PCS_API_NOT_FOUND: { status: 404, title: 'Not found', text: 'no such route' },
  PCS_API_PATH_TOO_LONG: {
    status: 414,
    title: 'Path parameter too long',
    text: 'a path parameter is longer than 100 characters, which no identifier of the API is; the request was not routed',
  },
  PCS_API_BAD_URL: {
    status: 400,
    title: 'Malformed URL',
    text: 'the request URL could not be decoded (a malformed percent-encoding); the request was not routed',
  },
  PCS_PORTAL_ASSET_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    text: 'no such file in the built portal (`/assets/*` serves only what `npm run build:web` wrote)',
  },
  PCS_EVENT_NOT_FOUND: {
    status: 404,
    title: 'No such event',
    text: "`PATCH /events/{eventId}`: no such event among those you own (another organisation's event answers the same)",
  },
  PCS_EVENT_DERIVED: {
    status: 409,
    title: 'Derived event',
    text: "`PATCH /events/{eventId}`: the event is derived from others (the vessel-call detector's arrivals and departures, from AIS positions) and takes the visibility of the events it comes from; change theirs (`PATCH /inbox/{id}` of the AIS message) and it follows",
  },
  PCS_API_RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    text: 'the API key (or address, without a key) exceeded its requests per minute; see `Retry-After`',
  },
  PCS_API_BAD_TEXT: {
    status: 400,
    title: 'Text not accepted',
    text: 'a header, path or query parameter, or JSON body field holds NUL (`%00`, `\\u0000`) or an unpaired UTF-16 surrogate, which no field accepts; `errors[].pointer` says where',
  },
  PCS_API_ROUTE_ACCESS_UNDECLARED: {
    status: 'start-up',
    title: 'Route access undeclared',
    text: 'start-up error: a route was registered without `config.access` (the scope it needs); the server does not start',
  },
  PCS_API_INTERNAL: {
    status: 500,
    title: 'Internal error',
    text: 'unexpected error, logged with the request id',
  },
  PCS_NOT_READY: {
    status: 503,
    title: 'Not ready',
    text: '`/ready`: store unreachable, migrations pending or shutting down',
  },
  PCS_STORE_UNAVAILABLE: {
    status: 503,
    title: 'Store unavailable',
    text: 'the database connection was lost or refused while answering (terminated backend, server restarting, network); nothing was acknowledged, retry after `Retry-After` seconds; the pool reconnects by itself',
  },
} as const satisfies Record<string, ErrorSpec>;
