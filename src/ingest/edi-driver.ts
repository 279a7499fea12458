/**
 * The one driver of the EDI parsers (UN/EDIFACT, ANSI X12): the precheck every EDI message gets
 * (`edi-precheck.ts`), then the syntax's walk over its envelopes, collected into one result; a body with no
 * message unit and nothing else wrong is rejected, not silently empty. Each syntax supplies only its walk:
 * which envelope problems reject what, and which units (EDIFACT messages, X12 transaction sets) are mapped.
 */
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import { collectParts } from './collect-parts.js';
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
  /**
   * The order of `parse`'s rejections: by line, or as the walk gives them (X12 keeps an interchange rejection
   * after the envelope errors it sums up; its parts concatenated are then exactly `parse`).
   */
  readonly order: 'line' | 'walk';
  /**
   * The body's outcomes in message order, unit by unit (the parser's `parseInParts`: the pipeline stores part by
   * part, so no syntax holds a large interchange whole). Called after the precheck passed.
   */
  walk(body: Uint8Array, context: ParseContext): Iterable<EdiOutcome>;
}

export interface EdiParserInfo {
  readonly format: string;
  readonly version: string;
  readonly description: string;
}

export function createEdiParser(info: EdiParserInfo, syntax: EdiSyntax): MessageParser {
  /** One part per outcome of the walk, so a streaming walk never holds the whole interchange. */
  function* parseInParts(body: Uint8Array, context: ParseContext): Generator<ParseResult> {
    const refused = ediPrecheck(syntax.family, body, context);
    if (refused) {
      yield { events: [], rejected: [refused] };
      return;
    }
    let units = 0;
    let rejections = 0;
    for (const outcome of syntax.walk(body, context)) {
      units += outcome.units;
      rejections += outcome.rejected.length;
      if (outcome.rejected.length > 0 || (outcome.events?.length ?? 0) > 0) {
        yield { events: [...(outcome.events ?? [])], rejected: [...outcome.rejected] };
      }
    }
    if (units === 0 && rejections === 0) yield { events: [], rejected: [syntax.noUnits] };
  }
  /** The parts in walk order. */
  function inWalkOrder(body: Uint8Array, context: ParseContext): ParseResult {
    const events: NewCanonicalEvent[] = [];
    const rejected: Rejection[] = [];
    for (const part of parseInParts(body, context)) {
      events.push(...part.events);
      rejected.push(...part.rejected);
    }
    return { events, rejected };
  }
  return {
    format: info.format,
    version: info.version,
    description: info.description,
    parse: syntax.order === 'line' ? (body, context) => collectParts(parseInParts(body, context)) : inWalkOrder,
    parseInParts,
  };
}
