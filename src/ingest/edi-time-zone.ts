/**
 * Which zone a zone-less EDI date-time is read in (DESIGN §7 "Times"). A value that names its own zone (X12 time
 * code `UT`, `PT`, `13`…; EDIFACT format 303/205) is read in that zone: the sender said so. For a value without
 * one (X12 no time code or `LT`; EDIFACT 102/203/204; UNB; GS) the precedence is:
 *
 * 1. the zone given on the ingest request (`?timeZone=`, `--time-zone`);
 * 2. the sending organisation's configured zone for the format (`organisation_format_setting`);
 * 3. the interchange's own convention: local time at the place of the event when openpcs knows that place's
 *    zone (KNOWN_PORT_TIME_ZONES) — only where the caller passes a place;
 * 4. the installation default `OPENPCS_TIME_ZONE` (UTC unless set) — never the server's zone.
 *
 * So a per-port zone never overrides a zone the sender gave.
 */
import type { ParseContext } from './message-parser.js';

/** True when the sender stated the zone (on the request or in its organisation's settings). */
export function senderStatedZone(parse: ParseContext): boolean {
  return parse.timeZoneSource === 'request' || parse.timeZoneSource === 'organisation';
}

/** The zone for a zone-less value at a place whose zone is `placeZone` (undefined: not a known place). */
export function zoneForLocalTime(parse: ParseContext, placeZone: string | undefined): string {
  if (senderStatedZone(parse)) return parse.timeZone;
  return placeZone ?? parse.timeZone;
}
