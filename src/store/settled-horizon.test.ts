import { describe, expect, it } from 'vitest';
import { advanceHorizon, INITIAL_HORIZON, type HorizonState } from './settled-horizon.js';

/** What a snapshot saw; one other transaction (900) is running unless told otherwise. */
const seen = (seqs: number[], running: number[] = [900], xmax = 1000) => ({
  seqs: seqs.map(BigInt),
  running: running.map(BigInt),
  xmax: BigInt(xmax),
  head: BigInt(seqs.at(-1) ?? 0),
});

describe('advanceHorizon', () => {
  it('should settle an unbroken run of positions', () => {
    expect(advanceHorizon(INITIAL_HORIZON, seen([1, 2, 3]))).toEqual({ settled: 3n, gap: null });
    expect(advanceHorizon({ settled: 3n, gap: null }, seen([]))).toEqual({ settled: 3n, gap: null });
  });

  it('should stop before a missing position and remember who may still fill it', () => {
    const state = advanceHorizon(INITIAL_HORIZON, seen([1, 2, 4, 5], [701, 702]));
    expect(state).toEqual({ settled: 2n, gap: { seq: 3n, waitFor: [701n, 702n] } });
  });

  it('should go on once the missing position has been committed', () => {
    const state: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [701n] } };
    expect(advanceHorizon(state, seen([3, 4, 5], [701]))).toEqual({ settled: 5n, gap: null });
  });

  it('should keep waiting while a transaction that may fill the gap is still running', () => {
    const state: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [701n, 702n] } };
    // 701 finished, 702 still running: position 3 may still come.
    expect(advanceHorizon(state, seen([4, 5], [702, 705]))).toEqual(state);
  });

  it('should skip a gap once every transaction it waited for has finished without filling it', () => {
    const state: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [701n, 702n] } };
    expect(advanceHorizon(state, seen([4, 5], [705]))).toEqual({ settled: 5n, gap: null });
    // Several missing positions before the next present one are all decided by the same snapshot.
    const wide: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [701n] } };
    expect(advanceHorizon(wide, seen([7, 8], [705]))).toEqual({ settled: 8n, gap: null });
  });

  it('should not lend a decided gap to a later one: the next gap waits for the newer snapshot', () => {
    const state: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [701n] } };
    // 3 is decided (701 finished); 6 is missing and 710 is running now.
    expect(advanceHorizon(state, seen([4, 5, 7], [710]))).toEqual({
      settled: 5n,
      gap: { seq: 6n, waitFor: [710n] },
    });
  });

  it('should treat transactions not yet started at the snapshot as not finished', () => {
    const state: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [1200n] } };
    expect(advanceHorizon(state, seen([4], [1050], 1100))).toEqual(state);
  });

  it('should settle up to the head at once when no other transaction is running', () => {
    // Positions 3 and 6 are missing, but no transaction that could still fill them exists.
    expect(advanceHorizon(INITIAL_HORIZON, seen([1, 2, 4, 5, 7], []))).toEqual({ settled: 7n, gap: null });
    const waiting: HorizonState = { settled: 2n, gap: { seq: 3n, waitFor: [701n] } };
    expect(advanceHorizon(waiting, { ...seen([], []), head: 20_000n })).toEqual({ settled: 20_000n, gap: null });
  });

  it('should never move back', () => {
    const state: HorizonState = { settled: 10n, gap: null };
    expect(advanceHorizon(state, seen([4, 5, 11]))).toEqual({ settled: 11n, gap: null });
  });
});
