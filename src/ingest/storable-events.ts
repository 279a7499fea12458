/**
 * Events the store can keep. `jsonb` cannot hold `\u0000` or an unpaired surrogate, and a `text` column
 * cannot hold NUL (see store/storable-text.ts); one such string in one event would roll back the whole
 * message. So every parser's result passes through here: an event with such a string becomes a rejection
 * (a dead letter naming where the string is), and the other events of the message are stored.
 */
import { unstorableTextAt } from '../store/storable-text.js';
import type { ParseResult, Rejection } from './message-parser.js';

export const UNSTORABLE_TEXT = 'PCS_INGEST_UNSTORABLE_TEXT';

export function withStorableEvents(parsed: ParseResult): ParseResult {
  const unstorable: Rejection[] = [];
  const events = parsed.events.filter((event, index) => {
    const at = unstorableTextAt(event);
    if (at === undefined) return true;
    unstorable.push({
      code: UNSTORABLE_TEXT,
      message: `event ${index + 1} (${String(event.eventTypeCode)}) holds text the store cannot keep (NUL or an unpaired UTF-16 surrogate) at ${at}`,
      pointer: `events/${index}${at}`,
    });
    return false;
  });
  return unstorable.length === 0 ? parsed : { events, rejected: [...parsed.rejected, ...unstorable] };
}
