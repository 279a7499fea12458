/** Normalises a date-time to an ISO 8601 UTC instant with millisecond precision; `null` when unparseable. */
export function toInstant(value: string | Date): string | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  const ms = date.getTime();
  return Number.isNaN(ms) ? null : date.toISOString();
}
