import { toInstant } from '../../domain/instant.js';
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { ParseContext, Rejection } from '../message-parser.js';
import { comp } from './edifact-element.js';
import { edifactDateTimeToUtc } from './edifact-datetime.js';
import type { EdifactInterchangeHeader, EdifactMessage } from './edifact-types.js';

/** What a message mapper needs besides the segments. */
export interface EdifactMessageContext {
  readonly format: string;
  readonly interchange: EdifactInterchangeHeader;
  readonly message: EdifactMessage;
  readonly parse: ParseContext;
  /** UNB sender id (0004), the identity used in idempotency keys. */
  readonly sender: string;
  /** DTM+137 (document date) before the first group, else UNB date/time, else the received time. */
  readonly createdAt: string;
}

export interface EdifactMapResult {
  readonly events: NewCanonicalEvent[];
  readonly rejected: Rejection[];
}

export function messageContext(
  format: string,
  interchange: EdifactInterchangeHeader,
  message: EdifactMessage,
  parse: ParseContext,
): EdifactMessageContext {
  const dtm137 = message.body.find((s) => s.tag === 'DTM' && comp(s, 1, 0) === '137');
  const documentDate = dtm137 ? edifactDateTimeToUtc(comp(dtm137, 1, 1), comp(dtm137, 1, 2), parse.timeZone) : null;
  const d = interchange.preparedDate;
  const unbDate = edifactDateTimeToUtc(d + interchange.preparedTime, d.length === 8 ? '203' : '201', parse.timeZone);
  return {
    format,
    interchange,
    message,
    parse,
    sender: interchange.sender,
    createdAt: documentDate ?? unbDate ?? toInstant(parse.receivedAt) ?? parse.receivedAt,
  };
}
