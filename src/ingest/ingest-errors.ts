/**
 * Stable error codes of the ingest pipeline itself (format parsers keep their own catalogues).
 * Codes are retired, never reused. Documented in docs/errors.md (a test keeps both in step).
 */
export const INGEST_ERRORS = {
  PCS_INGEST_UNKNOWN_FORMAT: { status: 404, title: 'Unknown message format' },
  PCS_INGEST_EMPTY_BODY: { status: 400, title: 'Empty message body' },
  PCS_INGEST_BODY_TOO_LARGE: { status: 413, title: 'Message body too large' },
  PCS_INGEST_REJECTED: { status: 422, title: 'Message (partly) rejected; rejected parts are dead letters' },
  PCS_INGEST_PARSER_CRASH: { status: 500, title: 'The parser failed unexpectedly; the message is kept for replay' },
  PCS_INGEST_NOT_FOUND: { status: 404, title: 'No such inbox message' },
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERRORS;
