/**
 * Where the `timeZone` of a message came from (DESIGN §7 "Times"): the ingest request, the sending
 * organisation's setting for the format, or the installation default. Stored on the inbox row so a replay
 * reads the message the same way; `ingest/edi-time-zone.ts` decides what each source means for EDI.
 */
export type TimeZoneSource = 'request' | 'organisation' | 'default';

export const TIME_ZONE_SOURCES: readonly TimeZoneSource[] = ['request', 'organisation', 'default'];

export function isTimeZoneSource(value: string): value is TimeZoneSource {
  return (TIME_ZONE_SOURCES as readonly string[]).includes(value);
}
