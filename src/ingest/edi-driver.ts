/**
 * The one driver of the EDI parsers (UN/EDIFACT, ANSI X12): the precheck every EDI message gets
 * (`edi-precheck.ts`), then the syntax's walk over its envelopes, collected into one result; a body with no
 * message unit and nothing else wrong is rejected, not silently empty. Each syntax supplies only its walk:
 * which envelope problems reject what, and which units (EDIFACT messages, X12 transaction sets) are mapped.
 */
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import { ediPrecheck } from './edi-precheck.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from './message-parser.js';

/** What one step of the walk produced: envelope rejections (`units: 0`), or one or more units refused or mapped. */
export interface EdiOutcome {
  /** Message units (EDIFACT messages, X12 transaction sets) this outcome accounts for. */
  readonly units: number;
  readonly events?: readonly NewCanonicalEvent[] | undefined;
  readonly rejected: readonly Rejection[];
}

export interface EdiSyntax {
  readonly family: 'EDIFACT' | 'X12';
  /** The rejection of a body that holds no message unit. */
  readonly noUnits: Rejection;
  /** The body's outcomes in message order. Called after the precheck passed. */
  walk(body: Uint8Array, context: ParseContext): Iterable<EdiOutcome>;
}

export interface EdiParserInfo {
  readonly format: string;
  readonly version: string;
  readonly description: string;
}

export function createEdiParser(info: EdiParserInfo, syntax: EdiSyntax): MessageParser {
  return {
    format: info.format,
    version: info.version,
    description: info.description,
    parse(body: Uint8Array, context: ParseContext): ParseResult {
      const events: NewCanonicalEvent[] = [];
      const rejected: Rejection[] = [];
      const refused = ediPrecheck(syntax.family, body, context);
      if (refused) return { events, rejected: [refused] };
      let units = 0;
      for (const outcome of syntax.walk(body, context)) {
        units += outcome.units;
        if (outcome.events) events.push(...outcome.events);
        rejected.push(...outcome.rejected);
      }
      if (units === 0 && rejected.length === 0) rejected.push(syntax.noUnits);
      return { events, rejected };
    },
  };
}
