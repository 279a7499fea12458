/**
 * The EDIFACT walk for the shared EDI driver (`../edi-driver.ts`): interchange → per-message mapper. Envelope issues become
 * rejections; a message with envelope issues (UNT count/reference mismatch, missing UNT) is rejected whole
 * while the other messages map; messages of another type are rejected, not silently skipped. The body is read
 * message by message (`parseInParts`): a 64 MiB interchange is never held as segments or events whole.
 */
import { createEdiParser, type EdiOutcome } from '../edi-driver.js';
import type { MessageParser, ParseContext, Rejection } from '../message-parser.js';
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
  return createEdiParser(spec, {
    family: 'EDIFACT',
    order: 'line',
    noUnits: { code: 'PCS_EDIFACT_NO_MESSAGES', message: 'no UNH/UNT message in the interchange' },
    *walk(body: Uint8Array, context: ParseContext): Iterable<EdiOutcome> {
      for (const found of readEdifact(body)) {
        if (found.kind === 'issue') {
          yield { units: 0, rejected: [toRejection(found.issue)] };
        } else if (found.kind === 'interchange') {
          yield { units: 0, rejected: found.issues.map(toRejection) };
        } else {
          const { message, interchange } = found;
          if (message.issues.length > 0) {
            yield { units: 1, rejected: message.issues.map(toRejection) };
          } else if (message.type !== spec.messageType) {
            const rejection: Rejection = {
              code: 'PCS_EDIFACT_UNEXPECTED_MESSAGE_TYPE',
              message: `message ${message.reference} is ${message.type || '(no type)'}, not ${spec.messageType}`,
              line: message.unh.ordinal,
            };
            yield { units: 1, rejected: [rejection] };
          } else {
            yield { units: 1, ...spec.map(messageContext(spec.format, interchange, message, context)) };
          }
        }
      }
    },
  });
}
