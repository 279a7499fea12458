import { describe, expect, it } from 'vitest';
import { resolveReportedEta, STALE_ETA_GRACE_DAYS } from './reported-eta.js';

const at = (iso: string): number => Date.parse(iso);
const resolved = (
  month: number | null,
  day: number | null,
  hour: number | null,
  minute: number | null,
  report: string,
) => {
  const t = resolveReportedEta({ month, day, hour, minute }, at(report));
  return t === null ? null : new Date(t).toISOString();
};

describe('resolveReportedEta (AIS type 5 ETA, ITU-R M.1371-5 Table 48)', () => {
  it('should take the year of the next occurrence after the report', () => {
    expect(resolved(3, 12, 14, 30, '2026-03-10T08:00:00Z')).toBe('2026-03-12T14:30:00.000Z');
    expect(resolved(1, 5, 6, 0, '2026-12-20T08:00:00Z')).toBe('2027-01-05T06:00:00.000Z');
  });

  it('should keep a passed ETA in the report year within the grace, and move it to the next year beyond it', () => {
    expect(resolved(3, 9, 23, 0, '2026-03-10T08:00:00Z')).toBe('2026-03-09T23:00:00.000Z');
    const beyond = new Date(at('2026-03-10T08:00:00Z') - (STALE_ETA_GRACE_DAYS + 1) * 86_400_000);
    expect(resolved(beyond.getUTCMonth() + 1, beyond.getUTCDate(), 8, 0, '2026-03-10T08:00:00Z')).toMatch(/^2027-/);
  });

  it('should answer no ETA when month, day or hour is not available (0, 0, 24)', () => {
    expect(resolved(null, 12, 14, 30, '2026-03-10T08:00:00Z')).toBeNull();
    expect(resolved(3, null, 14, 30, '2026-03-10T08:00:00Z')).toBeNull();
    expect(resolved(3, 12, null, 30, '2026-03-10T08:00:00Z')).toBeNull();
  });

  it('should read a missing minute (60) as minute 0', () => {
    expect(resolved(3, 12, 14, null, '2026-03-10T08:00:00Z')).toBe('2026-03-12T14:00:00.000Z');
    expect(resolved(3, 12, 14, 60, '2026-03-10T08:00:00Z')).toBe('2026-03-12T14:00:00.000Z');
  });

  it('should refuse values out of range and days a month does not have', () => {
    expect(resolved(13, 1, 0, 0, '2026-03-10T08:00:00Z')).toBeNull();
    expect(resolved(3, 12, 25, 0, '2026-03-10T08:00:00Z')).toBeNull();
    expect(resolved(3, 12, 14, 61, '2026-03-10T08:00:00Z')).toBeNull();
    expect(resolved(4, 31, 0, 0, '2026-03-10T08:00:00Z')).toBeNull();
  });

  it('should put 29 February in the next leap year', () => {
    expect(resolved(2, 29, 12, 0, '2026-03-10T08:00:00Z')).toBe('2028-02-29T12:00:00.000Z');
  });
});
