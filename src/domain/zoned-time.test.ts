import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, zonedLocalToUtc } from './zoned-time.js';

describe('zonedLocalToUtc', () => {
  it('should read Los Angeles winter time as UTC-8 and summer time as UTC-7', () => {
    expect(zonedLocalToUtc(2024, 1, 15, 8, 30, 0, 'America/Los_Angeles')).toBe('2024-01-15T16:30:00.000Z');
    expect(zonedLocalToUtc(2024, 7, 4, 23, 45, 0, 'America/Los_Angeles')).toBe('2024-07-05T06:45:00.000Z');
  });

  it('should read zones east of UTC and without DST (Shanghai UTC+8, Tokyo UTC+9)', () => {
    expect(zonedLocalToUtc(2024, 3, 1, 6, 0, 0, 'Asia/Shanghai')).toBe('2024-02-29T22:00:00.000Z');
    expect(zonedLocalToUtc(2024, 12, 31, 23, 59, 59, 'Asia/Tokyo')).toBe('2024-12-31T14:59:59.000Z');
  });

  it('should push a time in the spring-forward gap past the gap (Temporal "compatible")', () => {
    // 2024-03-10 02:30 does not exist in Los Angeles; read with PST (-8) → 10:30Z = 03:30 PDT
    expect(zonedLocalToUtc(2024, 3, 10, 2, 30, 0, 'America/Los_Angeles')).toBe('2024-03-10T10:30:00.000Z');
  });

  it('should take the earlier of the two instants at fall-back', () => {
    // 2024-11-03 01:30 happens at 08:30Z (PDT) and 09:30Z (PST)
    expect(zonedLocalToUtc(2024, 11, 3, 1, 30, 0, 'America/Los_Angeles')).toBe('2024-11-03T08:30:00.000Z');
  });

  it('should handle Europe/Stockholm (Gothenburg) across its DST change', () => {
    expect(zonedLocalToUtc(2024, 3, 31, 1, 59, 0, 'Europe/Stockholm')).toBe('2024-03-31T00:59:00.000Z');
    expect(zonedLocalToUtc(2024, 3, 31, 3, 0, 0, 'Europe/Stockholm')).toBe('2024-03-31T01:00:00.000Z');
  });

  it('should return null for impossible dates and unknown zones instead of throwing', () => {
    expect(zonedLocalToUtc(2023, 2, 29, 0, 0, 0, 'UTC')).toBeNull();
    expect(zonedLocalToUtc(2024, 13, 1, 0, 0, 0, 'UTC')).toBeNull();
    expect(zonedLocalToUtc(2024, 1, 1, 24, 0, 0, 'UTC')).toBeNull();
    expect(zonedLocalToUtc(2024, 1, 1, 0, 0, 0, 'Mars/Olympus_Mons')).toBeNull();
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('America/Los_Angeles')).toBe(true);
  });

  it('should round-trip: the UTC instant shown in the zone gives back the local fields (outside gaps)', () => {
    const zones = ['America/Los_Angeles', 'Asia/Singapore', 'Europe/Stockholm', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const shown = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          }).formatToParts(instant);
          const p = Object.fromEntries(shown.filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
          const back = zonedLocalToUtc(
            p['year']!,
            p['month']!,
            p['day']!,
            p['hour']!,
            p['minute']!,
            p['second']!,
            zone,
          );
          const truncated = new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString();
          // at fall-back the same wall time maps to the earlier instant; otherwise exact
          return back === truncated || (back !== null && Date.parse(back) === Date.parse(truncated) - 3_600_000);
        },
      ),
      { numRuns: 500 },
    );
  });
});
