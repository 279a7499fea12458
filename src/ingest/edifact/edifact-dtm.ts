import type { EventLocation } from '../../domain/canonical-event.js';
import type { ParseContext, Rejection } from '../message-parser.js';
import { zoneForLocalTime } from '../edi-time-zone.js';
import { comp } from './edifact-element.js';
import { zoneOfLocation } from './edifact-location.js';
import { edifactDateTimeToUtc } from './edifact-datetime.js';
import type { EdifactSegment } from './edifact-types.js';

/** First DTM whose 2005 qualifier is in `qualifiers`, trying the qualifiers in order of preference. */
export function findDtm(
  segments: readonly EdifactSegment[],
  qualifiers: readonly string[],
): EdifactSegment | undefined {
  for (const q of qualifiers) {
    const found = segments.find((s) => s.tag === 'DTM' && comp(s, 1, 0) === q);
    if (found) return found;
  }
  return undefined;
}

/** DTM C507 → UTC instant; `null` when the value does not match its format. */
export function dtmToUtc(dtm: EdifactSegment, zone: string): string | null {
  return edifactDateTimeToUtc(comp(dtm, 1, 1), comp(dtm, 1, 2), zone);
}

/** What a message lacks when the DTM it must carry is absent: the text after `where: ` and the line it names. */
export interface MissingDtm {
  readonly message: string;
  readonly line: number;
}

/**
 * The DTM's instant (with the DTM, now known to be there); a zone-less value is read in the sender's stated
 * zone, else the zone of the event's location when it is a known port, else the installation default
 * (`zoneForLocalTime`). Or the rejection: no DTM
 * (`PCS_EDIFACT_MISSING_SEGMENT`, worded and placed by `missing`), or a malformed value
 * (`PCS_EDIFACT_BAD_DATETIME`, with the segment's line).
 */
export function dtmInstantAt(
  dtm: EdifactSegment | undefined,
  missing: MissingDtm,
  location: EventLocation | undefined,
  parse: ParseContext,
  where: string,
): { readonly at: string; readonly dtm: EdifactSegment } | { readonly rejection: Rejection } {
  if (!dtm) {
    return {
      rejection: { code: 'PCS_EDIFACT_MISSING_SEGMENT', message: `${where}: ${missing.message}`, line: missing.line },
    };
  }
  const at = dtmToUtc(dtm, zoneForLocalTime(parse, zoneOfLocation(location)));
  if (at) return { at, dtm };
  return {
    rejection: { code: 'PCS_EDIFACT_BAD_DATETIME', message: `${where}: DTM "${comp(dtm, 1, 1)}"`, line: dtm.ordinal },
  };
}
