import { describe, expect, it } from 'vitest';
import { combineReceivableWords, type ReceivableWord } from './receivable-words.js';

const location = (accepting: boolean, remainingCapacity: number | null): ReceivableWord => ({
  statedBy: 'LOCATION',
  accepting,
  remainingCapacity,
});
const carrier = (accepting: boolean, remainingCapacity: number | null): ReceivableWord => ({
  statedBy: 'CARRIER',
  accepting,
  remainingCapacity,
});

describe('combineReceivableWords (both the location and the carrier must accept)', () => {
  it('should close a location the carrier closes, on the carrier word, though the terminal has room', () => {
    const c = carrier(false, 0);
    expect(combineReceivableWords([location(true, 40), c])).toEqual({
      accepting: false,
      remainingCapacity: 0,
      deciding: c,
    });
  });

  it('should close on the location word first when both refuse', () => {
    const l = location(false, 0);
    expect(combineReceivableWords([carrier(false, 0), l])?.deciding).toBe(l);
  });

  it('should take the smaller stated capacity, and the party that stated it', () => {
    const c = carrier(true, 5);
    expect(combineReceivableWords([location(true, 40), c])).toEqual({
      accepting: true,
      remainingCapacity: 5,
      deciding: c,
    });
    const l = location(true, 3);
    expect(combineReceivableWords([l, carrier(true, 5)])?.deciding).toBe(l);
  });

  it('should not let a party that states no figure limit the capacity', () => {
    expect(combineReceivableWords([location(true, 12), carrier(true, null)])?.remainingCapacity).toBe(12);
    expect(combineReceivableWords([location(true, null), carrier(true, null)])?.deciding.statedBy).toBe('LOCATION');
  });

  it('should answer on one party alone, and nothing when nobody spoke', () => {
    expect(combineReceivableWords([carrier(true, 7)])?.remainingCapacity).toBe(7);
    expect(combineReceivableWords([])).toBeNull();
  });
});
