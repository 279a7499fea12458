import type { ErrorSpec } from './error-spec.js';

/** Errors of the ingest pipeline itself (the format parsers have their own sections). */
export const INGEST_ERRORS = {
  PCS_INGEST_UNKNOWN_FORMAT: {
    status: 404,
    title: 'Unknown message format',
    text: 'no parser for that format id (`GET /ingest/formats` lists them)',
  },
  PCS_INGEST_EMPTY_BODY: { status: 400, title: 'Empty message body', text: 'empty message' },
  PCS_INGEST_BODY_TOO_LARGE: {
    status: 413,
    title: 'Message body too large',
    text: 'larger than `OPENPCS_BODY_LIMIT_MIB`',
  },
  PCS_INGEST_REJECTED: {
    status: 422,
    title: 'Message rejected',
    text: 'nothing could be stored: every part of the message was rejected; they are dead letters (`deadLetterIds`; counts in `rejected`, `rejectedByCode`). A message stored in part answers 207 with the list instead',
  },
  PCS_INGEST_UNKNOWN_OWNER: {
    status: 422,
    title: 'Unknown owner organisation',
    text: '`owners=` names an organisation that does not exist',
  },
  PCS_INGEST_SENDER_ROLE: {
    status: 403,
    title: 'Format not sent by this role',
    text: 'the format states what only some roles may state (`csv-availability`, the terminal feeds `csv-appointment-slots`, `csv-empty-returns`, `csv-terminal-notices` and the shore power sessions `csv-shore-power`: a terminal, the port authority; the vessel particulars `csv-vessel-particulars`: a carrier, the port authority); the message is refused and nothing is stored (docs/formats-dcsa-csv.md, docs/formats-terminal-feeds.md, docs/emissions.md)',
  },
  PCS_INGEST_TERMINAL_NOT_OPERATED: {
    status: 'dead letter',
    title: 'Terminal not operated by the sender',
    text: 'an organisation with the role `terminal` stated a fact (availability, last free day, gate, vessel or rail move) at a terminal it is not linked to; that row is rejected, the rest of the message is stored. The port authority links an organisation to the terminals it operates (`PUT /admin/organisations/{id}/terminals`, `openpcs orgs set-terminals`); a terminal organisation with no link states nothing at any terminal',
  },
  PCS_INGEST_SCAC_NOT_OWN: {
    status: 'dead letter',
    title: "SCAC not the sender's own",
    text: 'an organisation with the role `carrier` sent an empty-return receivable (`csv-empty-returns`) for a carrier SCAC it is not linked to; that row is rejected, the rest of the message is stored. The port authority links a carrier to its SCACs (`PUT /admin/organisations/{id}/scacs`, `openpcs orgs set-scacs`); a carrier with no link states no receivable',
  },
  PCS_INGEST_PARSER_CRASH: {
    status: 'dead letter',
    title: 'Parser failed',
    text: 'the parser failed unexpectedly; the message is kept and `openpcs replay` re-runs it after a fix',
  },
  PCS_INGEST_UNSTORABLE_TEXT: {
    status: 'dead letter',
    title: 'Text the store cannot keep',
    text: 'a parsed event holds text the store cannot keep (NUL, or an unpaired UTF-16 surrogate from a JSON `\\ud800` escape); that event is rejected, the others of the message are stored',
  },
  PCS_INGEST_PROCESSING_FAILED: {
    status: 'dead letter',
    title: 'Processing failed',
    text: 'processing the message failed and was rolled back (the dead letter names the SQLSTATE or error class; the log has the rest); the message is marked `failed`, recovery goes on with the next, `openpcs replay` re-runs it',
  },
  PCS_INGEST_SET_ASIDE: {
    status: 'dead letter',
    title: 'Message set aside',
    text: 'the message was still `received` after 2 processing attempts (each crashed the process); start-up set it aside (inbox status `set_aside`) and no longer retries it; only `openpcs replay --inbox <id>` (or `--set-aside`) runs it',
  },
  PCS_INGEST_MORE_REJECTED: {
    status: 'dead letter',
    title: 'More rejections',
    text: 'summary of the rejections of one message past the first 100 (those are dead letters one by one): how many more, by code; `rejectedByCode` of the inbox message has the exact counts',
  },
  PCS_INGEST_NOT_FOUND: {
    status: 404,
    title: 'No such inbox message',
    text: 'no such inbox message (or not yours)',
  },
  PCS_INGEST_NO_ACK: {
    status: 404,
    title: 'No acknowledgment for this message',
    text: '`GET /inbox/{id}/ack`: the message is not an X12 interchange, so there is no 997',
  },
} as const satisfies Record<string, ErrorSpec>;
