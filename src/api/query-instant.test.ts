import { describe, expect, it } from 'vitest';
import { parseQueryInstant, QueryInstant } from './query-instant.js';

describe('instant query parameters', () => {
  it.each([
    ['2022-01-03T00:20Z', '2022-01-03T00:20:00.000Z'],
    ['2022-01-03T00:20:00Z', '2022-01-03T00:20:00.000Z'],
    ['2022-01-03T00:20:07.5Z', '2022-01-03T00:20:07.500Z'],
    ['2022-01-03T00:20:07.123456789Z', '2022-01-03T00:20:07.123Z'],
    ['2022-01-02T16:20-08:00', '2022-01-03T00:20:00.000Z'],
    ['2022-01-03T01:20:00+01:00', '2022-01-03T00:20:00.000Z'],
    ['2022-01-03T01:20 01:00', '2022-01-03T00:20:00.000Z'], // an unencoded + arrives as a space
    ['2022-01-03t00:20z', '2022-01-03T00:20:00.000Z'],
    ['2024-02-29T00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('should read %s as %s', (text, instant) => {
    expect(parseQueryInstant(text)).toBe(instant);
    expect(QueryInstant.parse(text)).toBe(instant);
  });

  it.each([
    '2022-01-03T00:20', // no zone: which instant is meant is unknown
    '2022-01-03',
    '2022-01-03T0:20Z',
    '2022-02-30T00:00Z',
    '2023-02-29T00:00Z',
    '2022-13-01T00:00Z',
    '2022-01-03T24:00Z',
    '2022-01-03T00:60Z',
    '2022-01-03T00:20:61Z',
    '2022-01-03T00:20+25:00',
    '2022-01-03T00:20+0100',
    '2022-01-03 00:20Z',
    'yesterday',
    '',
  ])('should refuse %j', (text) => {
    expect(parseQueryInstant(text)).toBeNull();
    expect(QueryInstant.safeParse(text).success).toBe(false);
  });
});
