import { describe, expect, it } from 'vitest';
import { RefittedModel } from './refitted-model.js';

describe('RefittedModel', () => {
  it('should reuse a fit within its time, share it between concurrent callers, and fit per key', async () => {
    const fits: string[] = [];
    const models = new RefittedModel(60_000, async (key, now) => {
      fits.push(`${key}@${now.getTime()}`);
      return `${key}:${now.getTime()}`;
    });
    const [a, b] = await Promise.all([models.at('UTC', new Date(0)), models.at('UTC', new Date(10))]);
    expect([a, b]).toEqual(['UTC:0', 'UTC:0']);
    expect(await models.at('UTC', new Date(59_999))).toBe('UTC:0');
    expect(await models.at('America/Los_Angeles', new Date(10))).toBe('America/Los_Angeles:10');
    // A time before the fit's origin is not answered from the future.
    expect(await models.at('America/Los_Angeles', new Date(5))).toBe('America/Los_Angeles:5');
    expect(fits).toEqual(['UTC@0', 'America/Los_Angeles@10', 'America/Los_Angeles@5']);
  });

  it('should answer at once from the older model after its time while one refit runs in the background', async () => {
    const fits: number[] = [];
    let release: () => void = () => undefined;
    const models = new RefittedModel(
      60_000,
      async (_key, now) => {
        fits.push(now.getTime());
        if (fits.length > 1) await new Promise<void>((r) => (release = r));
        return now.getTime();
      },
      600_000,
    );
    expect(await models.at('', new Date(0))).toBe(0);
    // The minute is over: the old model answers, a refit starts; a second request does not start another one.
    expect(await models.at('', new Date(60_000))).toBe(0);
    expect(await models.at('', new Date(61_000))).toBe(0);
    expect(fits).toEqual([0, 60_000]);
    release();
    await models.idle();
    expect(await models.at('', new Date(62_000))).toBe(60_000);
    // Older than `maxStaleMs`: the request waits for a fresh fit.
    const late = models.at('', new Date(60_000 + 600_000));
    release();
    expect(await late).toBe(660_000);
    expect(fits).toEqual([0, 60_000, 660_000]);
  });

  it('should forget a fit that failed, so the next request fits again; a failed refit keeps the older model', async () => {
    let fail = true;
    let calls = 0;
    const models = new RefittedModel(60_000, async () => {
      calls++;
      if (fail) throw new Error('store unavailable');
      return `model${calls}`;
    });
    await expect(models.at('', new Date(0))).rejects.toThrow('store unavailable');
    fail = false;
    expect(await models.at('', new Date(1))).toBe('model2');
    fail = true;
    expect(await models.at('', new Date(70_000))).toBe('model2');
    await models.idle();
    expect(calls).toBe(3);
    expect(await models.at('', new Date(80_000))).toBe('model2');
    await models.idle();
    // After `maxStaleMs` (10 minutes by default) without a successful refit, the request fails like the fit.
    await expect(models.at('', new Date(700_000))).rejects.toThrow('store unavailable');
  });
});
