import { describe, expect, it } from 'vitest';
import { CoalescedRounds } from './coalesced-rounds.js';
import { InProcessEventBus } from './in-process-event-bus.js';

/** A round that waits until the test releases it, so wake-ups can arrive while it runs. */
function gatedRounds(options: { active?: () => boolean; fail?: (n: number) => boolean } = {}) {
  const log: string[] = [];
  const errors: unknown[] = [];
  let release: (() => void) | null = null;
  let rounds = 0;
  const runner = new CoalescedRounds({
    round: async () => {
      const n = ++rounds;
      log.push(`round ${n}`);
      await new Promise<void>((resolve) => (release = resolve));
      if (options.fail?.(n)) throw new Error(`round ${n} failed`);
    },
    afterRounds: async () => {
      log.push('after');
    },
    active: options.active,
    onError: (error) => errors.push(error),
  });
  const releaseRound = async () => {
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    const r = release;
    release = null;
    r();
  };
  return { runner, log, errors, releaseRound };
}

describe('CoalescedRounds', () => {
  it('should run one more round for any number of wake-ups during a round, then afterRounds once', async () => {
    const { runner, log, releaseRound } = gatedRounds();
    runner.wake();
    runner.wake();
    runner.wake();
    runner.wake();
    await releaseRound();
    await releaseRound();
    await runner.idle();
    expect(log).toEqual(['round 1', 'round 2', 'after']);
  });

  it('should report a failed round to onError and run again at the next wake-up', async () => {
    const { runner, log, errors, releaseRound } = gatedRounds({ fail: (n) => n === 1 });
    runner.wake();
    await releaseRound();
    await runner.idle();
    expect(errors).toEqual([new Error('round 1 failed')]);
    runner.wake();
    await releaseRound();
    await runner.idle();
    expect(log).toEqual(['round 1', 'round 2', 'after']);
  });

  it('should start no round while inactive and run no pending round once it became inactive', async () => {
    let active = true;
    const { runner, log, releaseRound } = gatedRounds({ active: () => active });
    runner.wake();
    runner.wake();
    active = false;
    await releaseRound();
    await runner.idle();
    runner.wake();
    await runner.idle();
    expect(log).toEqual(['round 1', 'after']);
  });

  it('should wake on bus publications while following, and not after unfollow', async () => {
    const bus = new InProcessEventBus();
    const { runner, log, releaseRound } = gatedRounds();
    runner.follow(bus, 0);
    bus.publish([]);
    await releaseRound();
    await runner.idle();
    runner.unfollow();
    bus.publish([]);
    await runner.idle();
    expect(log).toEqual(['round 1', 'after']);
  });
});
