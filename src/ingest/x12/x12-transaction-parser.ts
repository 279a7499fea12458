/**
 * The X12 walk for the shared EDI driver (`../edi-driver.ts`): envelope → per-transaction-set mapper. An interchange with any envelope
 * error (ISA width, IEA/GE/SE counts, control numbers, missing trailers) is rejected whole: each error becomes a
 * rejection naming the element and control number, plus one `PCS_X12_INTERCHANGE_REJECTED`, and none of its
 * transaction sets is applied — counts and control numbers that do not add up mean the interchange was cut or
 * spliced, so its content cannot be trusted. Other interchanges in the same file are read on their own. Inside
 * a sound interchange, content errors stay per transaction set; sets of another type are rejected, not skipped.
 *
 * The body is read twice, so that a 64 MiB interchange is never held as segments or events whole: a first pass
 * checks every envelope without splitting a segment inside a transaction set or keeping one (`readX12` without
 * bodies); it keeps, per interchange, only its envelope issues. The second pass reads the sound interchanges
 * transaction set by transaction set, each mapped and handed over (`parseInParts`) before the next is read.
 */
import { createEdiParser, type EdiOutcome } from '../edi-driver.js';
import type { MessageParser, ParseContext, Rejection } from '../message-parser.js';
import { readX12 } from './x12-envelope.js';
import { x12Text } from './x12-tokenizer.js';
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
    order: 'walk',
    noUnits: { code: 'PCS_X12_NO_TRANSACTION_SETS', message: 'no ST/SE transaction set in the message' },
    *walk(body: Uint8Array, context: ParseContext): Iterable<EdiOutcome> {
      const text = x12Text(body);
      // Pass 1: the envelope facts. Per interchange, in file order, its envelope issues (none: sound).
      const outside: X12Issue[] = [];
      const envelopes: (readonly X12Issue[])[] = [];
      for (const part of readX12(text, { bodies: false })) {
        if (part.kind === 'issue') outside.push(part.issue);
        else if (part.kind === 'interchange') envelopes.push(part.envelope);
      }
      yield { units: 0, rejected: outside.map(toRejection) };
      // Pass 2: the transaction sets of the sound interchanges, one by one; an unsound one is rejected at its end.
      let index = 0; // of the interchange being read: the number of interchanges ended before it
      for (const part of readX12(text, { bodies: true })) {
        if (part.kind === 'interchange') {
          const envelope = envelopes[index++] ?? [];
          if (envelope.length === 0) continue;
          const { interchange, transactions } = part;
          const whole: Rejection = {
            code: 'PCS_X12_INTERCHANGE_REJECTED',
            message: `interchange ISA13 ${interchange.controlNumber} from ${interchange.senderQualifier.trim()}:${interchange.senderId.trim()} rejected for ${envelope.length} envelope error(s); none of its ${transactions} transaction set(s) applied`,
            line: interchange.isa.ordinal,
            pointer: envelope[0]!.pointer,
          };
          yield { units: transactions, rejected: [...envelope.map(toRejection), whole] };
        } else if (part.kind === 'transaction' && (envelopes[index]?.length ?? 0) === 0) {
          const { interchange, group, transaction: tx } = part;
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
    },
  });
}
