import { describe, expect, it } from 'vitest';
import { FailedAuthLimiter } from './failed-auth-limiter.js';

describe('FailedAuthLimiter', () => {
  it('should allow N failures per window and address, then give the seconds left in the window', () => {
    let now = 1_000_000;
    const limiter = new FailedAuthLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.fail('10.0.0.1'))).toEqual([0, 0, 0]);
    expect(limiter.fail('10.0.0.1')).toBe(60);
    expect(limiter.fail('10.0.0.2')).toBe(0);
    now += 45_500;
    expect(limiter.fail('10.0.0.1')).toBe(15);
    now += 14_500;
    expect(limiter.fail('10.0.0.1')).toBe(0);
  });

  it('should stay bounded in memory, forgetting the oldest addresses first', () => {
    const limiter = new FailedAuthLimiter({ maxFailures: 1, maxAddresses: 2, now: () => 0 });
    limiter.fail('a');
    limiter.fail('b');
    expect(limiter.fail('b')).toBeGreaterThan(0);
    limiter.fail('c');
    expect(limiter.fail('a')).toBe(0);
  });
});
