/**
 * Shared driver for X12 MessageParsers: envelope → per-transaction-set mapper. An interchange with any envelope
 * error (ISA width, IEA/GE/SE counts, control numbers, missing trailers) is rejected whole: each error becomes a
 * rejection naming the element and control number, plus one `PCS_X12_INTERCHANGE_REJECTED`, and none of its
 * transaction sets is applied — counts and control numbers that do not add up mean the interchange was cut or
 * spliced, so its content cannot be trusted. Other interchanges in the same file are read on their own. Inside
 * a sound interchange, content errors stay per transaction set; sets of another type are rejected, not skipped.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { ediPrecheck } from '../edi-precheck.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { envelopeIssues, parseX12 } from './x12-envelope.js';
import { transactionContext, type X12MapResult, type X12TransactionContext } from './x12-transaction-context.js';
import type { X12Issue } from './x12-types.js';

export interface X12ParserSpec {
  readonly format: string;
  readonly version: string;
  readonly description: string;
  /** ST01 this parser reads, e.g. `315`. */
  readonly setId: string;
  readonly map: (ctx: X12TransactionContext) => X12MapResult;
}

const toRejection = (i: X12Issue): Rejection => ({
  code: i.code,
  message: i.message,
  line: i.line,
  pointer: i.pointer,
});

export function createX12Parser(spec: X12ParserSpec): MessageParser {
  return {
    format: spec.format,
    version: spec.version,
    description: spec.description,
    parse(body: Uint8Array, context: ParseContext): ParseResult {
      const events: NewCanonicalEvent[] = [];
      const rejected: Rejection[] = [];
      const refused = ediPrecheck('X12', body, context);
      if (refused) return { events, rejected: [refused] };
      const doc = parseX12(body);
      rejected.push(...doc.issues.map(toRejection));
      let transactions = 0;
      for (const interchange of doc.interchanges) {
        const envelope = envelopeIssues(interchange);
        if (envelope.length > 0) {
          const sets = interchange.groups.reduce((n, g) => n + g.transactions.length, 0);
          transactions += sets;
          rejected.push(...envelope.map(toRejection), {
            code: 'PCS_X12_INTERCHANGE_REJECTED',
            message: `interchange ISA13 ${interchange.controlNumber} from ${interchange.senderQualifier.trim()}:${interchange.senderId.trim()} rejected for ${envelope.length} envelope error(s); none of its ${sets} transaction set(s) applied`,
            line: interchange.isa.ordinal,
            pointer: envelope[0]!.pointer,
          });
          continue;
        }
        for (const group of interchange.groups) {
          for (const tx of group.transactions) {
            transactions++;
            if (tx.setId !== spec.setId) {
              rejected.push({
                code: 'PCS_X12_UNEXPECTED_TRANSACTION_SET',
                message: `transaction set ${tx.setId} ${tx.controlNumber} is not a ${spec.setId}`,
                line: tx.st.ordinal,
              });
            } else {
              const r = spec.map(transactionContext(spec.format, interchange, group, tx, context));
              events.push(...r.events);
              rejected.push(...r.rejected);
            }
          }
        }
      }
      if (transactions === 0 && rejected.length === 0) {
        rejected.push({ code: 'PCS_X12_NO_TRANSACTION_SETS', message: 'no ST/SE transaction set in the message' });
      }
      return { events, rejected };
    },
  };
}
