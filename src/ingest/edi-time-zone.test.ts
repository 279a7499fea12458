/**
 * Zone precedence for zone-less EDI date-times (DESIGN §7 "Times"): a zone the sender states (request, or its
 * organisation's setting for the format) wins over the place's zone; the place's zone only replaces the
 * installation default; a value that names its own zone is read in it.
 *
 * Fixtures: test/fixtures/edifact/codeco-gate-in-out.edi (DTM+7 `202403010645` format 203 = CCYYMMDDHHMM, no
 * zone — UNTDID 2379, https://stedi.com/edi/edifact/D01B/elements/2379) and
 * test/fixtures/x12/315-discharge-release-outgate.edi (DTM*140 with element 623 time code `LT`; 623 code list
 * https://stedi.com/edi/x12-004060/element/623: `UT` Universal Time Coordinate, `LT` Local Time).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { edifactCodecoParser } from './edifact/edifact-codeco-parser.js';
import { edifactDateTimeToUtc } from './edifact/edifact-datetime.js';
import type { ParseContext } from './message-parser.js';
import { x12315Parser } from './x12/x12-315-parser.js';
import { x12DateTimeToUtc } from './x12/x12-datetime.js';

const fixture = (path: string): Uint8Array => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url));
const base = { inboxId: 'i', receivedAt: '2024-03-02T12:00:00Z', sourceOrg: 'wbct' } as const;
const ctx = (timeZone: string, timeZoneSource?: ParseContext['timeZoneSource']): ParseContext => ({
  ...base,
  timeZone,
  timeZoneSource,
});

describe('EDIFACT DTM format 203 (no zone) at a Los Angeles terminal', () => {
  const gateIn = (c: ParseContext) =>
    edifactCodecoParser
      .parse(fixture('edifact/codeco-gate-in-out.edi'), c)
      .events.find((e) => e.references?.equipmentReference === 'TCLU9988775')?.eventDateTime;

  it('should read it in UTC when the sending organisation configured UTC for the format', () => {
    expect(gateIn(ctx('UTC', 'organisation'))).toBe('2024-03-01T06:45:00.000Z');
  });

  it('should read it in the zone given on the request, whatever the place', () => {
    expect(gateIn(ctx('UTC', 'request'))).toBe('2024-03-01T06:45:00.000Z');
    expect(gateIn(ctx('Asia/Tokyo', 'request'))).toBe('2024-02-29T21:45:00.000Z');
  });

  it("should fall back to the place's zone only when nobody stated one (installation default)", () => {
    expect(gateIn(ctx('UTC', 'default'))).toBe('2024-03-01T14:45:00.000Z'); // 06:45 PST
    expect(gateIn(ctx('UTC'))).toBe('2024-03-01T14:45:00.000Z');
  });
});

describe('X12 DTM time code (element 623)', () => {
  const text = new TextDecoder().decode(fixture('x12/315-discharge-release-outgate.edi'));
  const depa = (body: string, c: ParseContext) =>
    x12315Parser.parse(new TextEncoder().encode(body), c).events.find((e) => e.eventTypeCode === 'DEPA')?.eventDateTime;

  it('should read UT as UTC even though the sender configured Los Angeles and the place is Shanghai', () => {
    const ut = text.replace('DTM*140*20231228*2130*LT~', 'DTM*140*20231228*2130*UT~');
    expect(depa(ut, ctx('America/Los_Angeles', 'organisation'))).toBe('2023-12-28T21:30:00.000Z');
  });

  it("should read LT in the sender's stated zone, else in the place's zone", () => {
    expect(depa(text, ctx('UTC', 'request'))).toBe('2023-12-28T21:30:00.000Z');
    expect(depa(text, ctx('UTC', 'default'))).toBe('2023-12-28T13:30:00.000Z'); // 21:30 Shanghai
  });

  it('should read the B4 status time (no time code) in the stated zone, not Los Angeles', () => {
    const disc = x12315Parser
      .parse(fixture('x12/315-discharge-release-outgate.edi'), ctx('UTC', 'organisation'))
      .events.find((e) => e.eventTypeCode === 'DISC');
    expect(disc?.eventDateTime).toBe('2024-01-15T06:12:00.000Z');
  });

  it('should map the numeric ISO 8601 codes and the fixed standard/daylight codes', () => {
    expect(x12DateTimeToUtc('20240115', '1200', '01', 'UTC')).toBe('2024-01-15T11:00:00.000Z'); // P01
    expect(x12DateTimeToUtc('20240115', '1200', '13', 'UTC')).toBe('2024-01-16T00:00:00.000Z'); // M12
    expect(x12DateTimeToUtc('20240115', '1200', '24', 'UTC')).toBe('2024-01-15T13:00:00.000Z'); // M01
    expect(x12DateTimeToUtc('20240715', '1200', 'PS', 'UTC')).toBe('2024-07-15T20:00:00.000Z'); // fixed −8 in July
    expect(x12DateTimeToUtc('20240715', '1200', 'PT', 'UTC')).toBe('2024-07-15T19:00:00.000Z'); // PDT
    expect(x12DateTimeToUtc('20240115', '1200', 'NS', 'UTC')).toBe('2024-01-15T15:30:00.000Z'); // −3:30
  });

  it('should refuse a time code outside the 623 list instead of guessing a zone', () => {
    expect(x12DateTimeToUtc('20240115', '1200', 'XX', 'UTC')).toBeNull();
    expect(x12DateTimeToUtc('20240115', '1200', '25', 'UTC')).toBeNull();
  });
});

describe('EDIFACT formats that carry a zone (UNTDID 2379 303/304/205)', () => {
  it('should read 303 ZZZ in its own zone, never the sender zone', () => {
    expect(edifactDateTimeToUtc('202403010645UTC', '303', 'America/Los_Angeles')).toBe('2024-03-01T06:45:00.000Z');
    expect(edifactDateTimeToUtc('202403010645+01', '303', 'America/Los_Angeles')).toBe('2024-03-01T05:45:00.000Z');
    expect(edifactDateTimeToUtc('20240301064530-08', '304', 'UTC')).toBe('2024-03-01T14:45:30.000Z');
    expect(edifactDateTimeToUtc('202403010645-0800', '205', 'UTC')).toBe('2024-03-01T14:45:00.000Z');
  });
});
