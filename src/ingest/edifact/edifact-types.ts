/** Parsed shapes of a UN/EDIFACT interchange (ISO 9735, syntax versions 2-4). */
import type { EdifactErrorCode } from '../../domain/errors/edifact-errors.js';

export interface EdifactDelimiters {
  readonly component: string;
  readonly element: string;
  readonly decimal: string;
  readonly release: string;
  /** UNA5: reserved (space) in syntax 3, repetition separator in syntax 4. */
  readonly repetition: string;
  readonly segment: string;
}

/** ISO 9735 default service characters (`UNA:+.? '`). */
export const DEFAULT_EDIFACT_DELIMITERS: EdifactDelimiters = {
  component: ':',
  element: '+',
  decimal: '.',
  release: '?',
  repetition: ' ',
  segment: "'",
};

export interface EdifactSegment {
  readonly tag: string;
  /** `elements[0]` is the first data element after the tag; each element is its components, unescaped. */
  readonly elements: readonly (readonly string[])[];
  /** 1-based ordinal of the segment in the file (UNA not counted). */
  readonly ordinal: number;
}

export interface EdifactIssue {
  readonly code: EdifactErrorCode;
  readonly message: string;
  readonly line?: number | undefined;
}

export interface EdifactMessage {
  readonly unh: EdifactSegment;
  /** UNH 0062 message reference number. */
  readonly reference: string;
  /** UNH S009 0065, e.g. `CODECO`. */
  readonly type: string;
  /** `D:95B:UN:ITG14` style: 0052, 0054, 0051, 0057. */
  readonly version: string;
  /** Segments between UNH and UNT, exclusive. */
  readonly body: readonly EdifactSegment[];
  readonly unt: EdifactSegment | null;
  /** Envelope problems; a message with any is rejected whole. */
  readonly issues: readonly EdifactIssue[];
}

/** What a message of an interchange knows of it before the UNZ: the UNB. */
export interface EdifactInterchangeHeader {
  readonly unb: EdifactSegment;
  readonly delimiters: EdifactDelimiters;
  /** UNB S001 0001 syntax identifier, e.g. `UNOC`. */
  readonly syntax: string;
  /** UNB S002 0004. */
  readonly sender: string;
  /** UNB S003 0010. */
  readonly recipient: string;
  /** UNB S004 date (YYMMDD or CCYYMMDD) and time (HHMM). */
  readonly preparedDate: string;
  readonly preparedTime: string;
  /** UNB 0020 interchange control reference. */
  readonly controlReference: string;
}

export interface EdifactInterchange extends EdifactInterchangeHeader {
  readonly messages: readonly EdifactMessage[];
  readonly unz: EdifactSegment | null;
  readonly issues: readonly EdifactIssue[];
}

export interface EdifactDocument {
  readonly interchanges: readonly EdifactInterchange[];
  readonly issues: readonly EdifactIssue[];
}
