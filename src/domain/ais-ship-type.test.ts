import { describe, expect, it } from 'vitest';
import { shipCategoryOf } from './ais-ship-type.js';

describe('shipCategoryOf (ITU-R M.1371-5 table 53)', () => {
  it.each([
    [70, 'cargo'],
    [79, 'cargo'],
    [80, 'tanker'],
    [89, 'tanker'],
    [60, 'passenger'],
    [69, 'passenger'],
    [31, 'tug'],
    [32, 'tug'],
    [52, 'tug'],
    [30, 'fishing'],
    [36, 'pleasure'],
    [37, 'pleasure'],
    [40, 'high-speed'],
    [49, 'high-speed'],
    [33, 'other'], // dredging
    [50, 'other'], // pilot
    [90, 'other'],
    [0, 'other'],
    [20, 'other'],
    [99, 'other'],
    [null, 'other'],
  ] as const)('should put code %j under %s', (code, category) => {
    expect(shipCategoryOf(code)).toBe(category);
  });
});
