/** Parsed shapes of an ANSI X12 interchange (ASC X12 Standards, Release 004010, X12.5/X12.6 envelopes). */
import type { X12ErrorCode } from '../../domain/errors/x12-errors.js';

export interface X12Delimiters {
  /** ISA byte 4. */
  readonly element: string;
  /** ISA16. */
  readonly component: string;
  /** ISA11 when the interchange version (ISA12) is 00402 or later; before that ISA11 is a standards id. */
  readonly repetition: string | null;
  /** The character after ISA16. */
  readonly segment: string;
}

export interface X12Segment {
  readonly id: string;
  /** `elements[0]` is the segment id; `elements[1]` is element 01, and so on. */
  readonly elements: readonly string[];
  /** 1-based ordinal of the segment in the file (across interchanges). */
  readonly ordinal: number;
}

export interface X12Issue {
  readonly code: X12ErrorCode;
  readonly message: string;
  readonly line?: number | undefined;
  /** The offending element, e.g. `ISA06`, `IEA02`, `SE01`. */
  readonly pointer?: string | undefined;
}

export interface X12Transaction {
  /** ST01, e.g. `315`. */
  readonly setId: string;
  /** ST02. */
  readonly controlNumber: string;
  readonly st: X12Segment;
  /** Segments between ST and SE, exclusive. */
  readonly body: readonly X12Segment[];
  readonly se: X12Segment | null;
  /** Envelope problems; a transaction with any is rejected whole. */
  readonly issues: readonly X12Issue[];
}

/** What the GS of a functional group says; known before any of its transaction sets is read. */
export interface X12GroupHeader {
  readonly gs: X12Segment;
  /** GS01 functional identifier code, e.g. `QO` (315), `SO` (322), `FA` (997). */
  readonly functionalId: string;
  /** GS06. */
  readonly controlNumber: string;
  /** GS08, e.g. `004010`. */
  readonly version: string;
}

export interface X12Group extends X12GroupHeader {
  readonly transactions: readonly X12Transaction[];
  readonly ge: X12Segment | null;
  readonly issues: readonly X12Issue[];
}

/** What the ISA of an interchange says; known before any of its groups is read. */
export interface X12InterchangeHeader {
  readonly isa: X12Segment;
  readonly delimiters: X12Delimiters;
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** ISA12, e.g. `00401`. */
  readonly version: string;
  /** ISA13. */
  readonly controlNumber: string;
  /** ISA15: P production, T test. */
  readonly usageIndicator: string;
}

export interface X12Interchange extends X12InterchangeHeader {
  readonly groups: readonly X12Group[];
  readonly iea: X12Segment | null;
  readonly issues: readonly X12Issue[];
}

export interface X12Document {
  readonly interchanges: readonly X12Interchange[];
  /** Problems outside any interchange (garbage, malformed ISA). */
  readonly issues: readonly X12Issue[];
}
