import { describe, expect, it } from 'vitest';
import { interpolate } from './piecewise-linear.js';

describe('interpolate', () => {
  const table = [
    [100, 10],
    [200, 30],
    [400, 30],
    [500, 0],
  ] as const;

  it('should read between points linearly and hold the ends flat', () => {
    expect(interpolate(table, 150)).toBe(20);
    expect(interpolate(table, 300)).toBe(30);
    expect(interpolate(table, 450)).toBe(15);
    expect(interpolate(table, 200)).toBe(30);
    expect(interpolate(table, 50)).toBe(10);
    expect(interpolate(table, 900)).toBe(0);
  });
});
