/**
 * Who a vessel read-model row or an event is for: its visibility and owners. Vessel reports from several
 * organisations about one MMSI are merged only within one audience, so one organisation's private static
 * data never reaches another's rows or detected calls.
 */
export const audienceKey = (visibility: string, owners: readonly string[]): string =>
  JSON.stringify([visibility, [...owners].sort()]);
