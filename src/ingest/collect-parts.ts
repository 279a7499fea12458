/** A parser's parts (`MessageParser.parseInParts`) as one result, rejections in line order as `parse` gives them. */
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import type { ParseResult, Rejection } from './message-parser.js';

export function collectParts(parts: Iterable<ParseResult>): ParseResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  for (const part of parts) {
    for (const event of part.events) events.push(event);
    for (const rejection of part.rejected) rejected.push(rejection);
  }
  // Stable: rejections of one line keep the order they were found in.
  rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { events, rejected };
}
