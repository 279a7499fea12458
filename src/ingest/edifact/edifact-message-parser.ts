/**
 * Shared driver for EDIFACT MessageParsers: interchange → per-message mapper. Envelope issues become
 * rejections; a message with envelope issues (UNT count/reference mismatch, missing UNT) is rejected whole
 * while the other messages map; messages of another type are rejected, not silently skipped. The body is read
 * message by message (`parseInParts`): a 64 MiB interchange is never held as segments or events whole.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { collectParts } from '../collect-parts.js';
import { ediPrecheck } from '../edi-precheck.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { readEdifact } from './edifact-interchange.js';
import { messageContext, type EdifactMapResult, type EdifactMessageContext } from './edifact-message-context.js';
import type { EdifactIssue } from './edifact-types.js';

export interface EdifactParserSpec {
  readonly format: string;
  readonly version: string;
  readonly description: string;
  /** UNH S009 0065 this parser reads, e.g. `CODECO`. */
  readonly messageType: string;
  readonly map: (ctx: EdifactMessageContext) => EdifactMapResult;
}

const toRejection = (i: EdifactIssue): Rejection => ({ code: i.code, message: i.message, line: i.line });

export function createEdifactParser(spec: EdifactParserSpec): MessageParser {
  /** One part per message (and one per interchange trailer with issues): nothing of the message is held. */
  function* parseInParts(body: Uint8Array, context: ParseContext): Generator<ParseResult> {
    const refused = ediPrecheck('EDIFACT', body, context);
    if (refused) {
      yield { events: [], rejected: [refused] };
      return;
    }
    let messages = 0;
    let rejections = 0;
    const part = (events: NewCanonicalEvent[], rejected: Rejection[]): ParseResult => {
      rejections += rejected.length;
      return { events, rejected };
    };
    for (const found of readEdifact(body)) {
      if (found.kind === 'issue') yield part([], [toRejection(found.issue)]);
      else if (found.kind === 'interchange') {
        if (found.issues.length > 0) yield part([], found.issues.map(toRejection));
      } else {
        const { message, interchange } = found;
        messages++;
        if (message.issues.length > 0) {
          yield part([], message.issues.map(toRejection));
        } else if (message.type !== spec.messageType) {
          yield part(
            [],
            [
              {
                code: 'PCS_EDIFACT_UNEXPECTED_MESSAGE_TYPE',
                message: `message ${message.reference} is ${message.type || '(no type)'}, not ${spec.messageType}`,
                line: message.unh.ordinal,
              },
            ],
          );
        } else {
          const r = spec.map(messageContext(spec.format, interchange, message, context));
          yield part(r.events, r.rejected);
        }
      }
    }
    if (messages === 0 && rejections === 0) {
      yield {
        events: [],
        rejected: [{ code: 'PCS_EDIFACT_NO_MESSAGES', message: 'no UNH/UNT message in the interchange' }],
      };
    }
  }
  return {
    format: spec.format,
    version: spec.version,
    description: spec.description,
    parse: (body, context) => collectParts(parseInParts(body, context)),
    parseInParts,
  };
}
