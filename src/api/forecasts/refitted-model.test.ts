import { describe, expect, it } from 'vitest';
import { RefittedModel } from './refitted-model.js';

describe('RefittedModel', () => {
  it('should reuse a fit within its time, share it between concurrent callers, and refit per key after it', async () => {
    const fits: string[] = [];
    const models = new RefittedModel(60_000, async (key, now) => {
      fits.push(`${key}@${now.getTime()}`);
      return `${key}:${now.getTime()}`;
    });
    const [a, b] = await Promise.all([models.at('UTC', new Date(0)), models.at('UTC', new Date(10))]);
    expect([a, b]).toEqual(['UTC:0', 'UTC:0']);
    expect(await models.at('UTC', new Date(59_999))).toBe('UTC:0');
    expect(await models.at('America/Los_Angeles', new Date(10))).toBe('America/Los_Angeles:10');
    expect(await models.at('UTC', new Date(60_000))).toBe('UTC:60000');
    // A time before the fit's origin is not answered from the future.
    expect(await models.at('UTC', new Date(59_000))).toBe('UTC:59000');
    expect(fits).toEqual(['UTC@0', 'America/Los_Angeles@10', 'UTC@60000', 'UTC@59000']);
  });

  it('should forget a fit that failed, so the next request fits again', async () => {
    let fail = true;
    const models = new RefittedModel(60_000, async () => {
      if (fail) throw new Error('store unavailable');
      return 'model';
    });
    await expect(models.at('', new Date(0))).rejects.toThrow('store unavailable');
    fail = false;
    expect(await models.at('', new Date(1))).toBe('model');
  });
});
