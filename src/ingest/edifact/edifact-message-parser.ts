/**
 * Shared driver for EDIFACT MessageParsers: interchange → per-message mapper. Envelope issues become
 * rejections; a message with envelope issues (UNT count/reference mismatch, missing UNT) is rejected whole
 * while the other messages map; messages of another type are rejected, not silently skipped.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { ediPrecheck } from '../edi-precheck.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { parseEdifact } from './edifact-interchange.js';
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
  return {
    format: spec.format,
    version: spec.version,
    description: spec.description,
    parse(body: Uint8Array, context: ParseContext): ParseResult {
      const events: NewCanonicalEvent[] = [];
      const rejected: Rejection[] = [];
      const refused = ediPrecheck('EDIFACT', body, context);
      if (refused) return { events, rejected: [refused] };
      const doc = parseEdifact(body);
      rejected.push(...doc.issues.map(toRejection));
      let messages = 0;
      for (const interchange of doc.interchanges) {
        rejected.push(...interchange.issues.map(toRejection));
        for (const message of interchange.messages) {
          messages++;
          if (message.issues.length > 0) {
            rejected.push(...message.issues.map(toRejection));
          } else if (message.type !== spec.messageType) {
            rejected.push({
              code: 'PCS_EDIFACT_UNEXPECTED_MESSAGE_TYPE',
              message: `message ${message.reference} is ${message.type || '(no type)'}, not ${spec.messageType}`,
              line: message.unh.ordinal,
            });
          } else {
            const r = spec.map(messageContext(spec.format, interchange, message, context));
            events.push(...r.events);
            rejected.push(...r.rejected);
          }
        }
      }
      if (messages === 0 && rejected.length === 0) {
        rejected.push({ code: 'PCS_EDIFACT_NO_MESSAGES', message: 'no UNH/UNT message in the interchange' });
      }
      return { events, rejected };
    },
  };
}
