import type { ParseContext, Rejection } from '../message-parser.js';
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { toInstant } from '../../domain/instant.js';
import { el } from './x12-element.js';
import { x12DateTimeToUtc } from './x12-datetime.js';
import type { X12GroupHeader, X12InterchangeHeader, X12Transaction } from './x12-types.js';

/** What a transaction-set mapper needs besides the segments. */
export interface X12TransactionContext {
  readonly format: string;
  readonly interchange: X12InterchangeHeader;
  readonly group: X12GroupHeader;
  readonly transaction: X12Transaction;
  readonly parse: ParseContext;
  /** `ISA05:ISA06`, the sender identity used in idempotency keys. */
  readonly sender: string;
  /** GS04/GS05 in the sender's zone; the received time when those are unusable. */
  readonly createdAt: string;
}

export interface X12MapResult {
  readonly events: NewCanonicalEvent[];
  readonly rejected: Rejection[];
}

export function transactionContext(
  format: string,
  interchange: X12InterchangeHeader,
  group: X12GroupHeader,
  transaction: X12Transaction,
  parse: ParseContext,
): X12TransactionContext {
  const created = x12DateTimeToUtc(el(group.gs, 4), el(group.gs, 5), '', parse.timeZone);
  return {
    format,
    interchange,
    group,
    transaction,
    parse,
    sender: `${interchange.senderQualifier}:${interchange.senderId}`,
    createdAt: created ?? toInstant(parse.receivedAt) ?? parse.receivedAt,
  };
}
