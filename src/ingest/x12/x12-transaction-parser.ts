/**
 * The X12 walk for the shared EDI driver (`../edi-driver.ts`): envelope → per-transaction-set mapper. An interchange with any envelope
 * error (ISA width, IEA/GE/SE counts, control numbers, missing trailers) is rejected whole: each error becomes a
 * rejection naming the element and control number, plus one `PCS_X12_INTERCHANGE_REJECTED`, and none of its
 * transaction sets is applied — counts and control numbers that do not add up mean the interchange was cut or
 * spliced, so its content cannot be trusted. Other interchanges in the same file are read on their own. Inside
 * a sound interchange, content errors stay per transaction set; sets of another type are rejected, not skipped.
 */
import { createEdiParser, type EdiOutcome } from '../edi-driver.js';
import type { MessageParser, ParseContext, Rejection } from '../message-parser.js';
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
  return createEdiParser(spec, {
    family: 'X12',
    streams: false,
    noUnits: { code: 'PCS_X12_NO_TRANSACTION_SETS', message: 'no ST/SE transaction set in the message' },
    *walk(body: Uint8Array, context: ParseContext): Iterable<EdiOutcome> {
      const doc = parseX12(body);
      yield { units: 0, rejected: doc.issues.map(toRejection) };
      for (const interchange of doc.interchanges) {
        const envelope = envelopeIssues(interchange);
        if (envelope.length > 0) {
          const sets = interchange.groups.reduce((n, g) => n + g.transactions.length, 0);
          const whole: Rejection = {
            code: 'PCS_X12_INTERCHANGE_REJECTED',
            message: `interchange ISA13 ${interchange.controlNumber} from ${interchange.senderQualifier.trim()}:${interchange.senderId.trim()} rejected for ${envelope.length} envelope error(s); none of its ${sets} transaction set(s) applied`,
            line: interchange.isa.ordinal,
            pointer: envelope[0]!.pointer,
          };
          yield { units: sets, rejected: [...envelope.map(toRejection), whole] };
          continue;
        }
        for (const group of interchange.groups) {
          for (const tx of group.transactions) {
            if (tx.setId !== spec.setId) {
              const rejection: Rejection = {
                code: 'PCS_X12_UNEXPECTED_TRANSACTION_SET',
                message: `transaction set ${tx.setId} ${tx.controlNumber} is not a ${spec.setId}`,
                line: tx.st.ordinal,
              };
              yield { units: 1, rejected: [rejection] };
            } else {
              yield { units: 1, ...spec.map(transactionContext(spec.format, interchange, group, tx, context)) };
            }
          }
        }
      }
    },
  });
}
