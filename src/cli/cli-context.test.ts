import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv } from './cli-context.js';

describe('resolveEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('should keep an environment variable when its flag was not given, and let a given flag win', () => {
    vi.stubEnv('PORT', '8090');
    vi.stubEnv('HOST', '127.0.0.1');
    expect(resolveEnv({}, { PORT: undefined, HOST: undefined })).toMatchObject({ PORT: 8090, HOST: '127.0.0.1' });
    expect(resolveEnv({}, { PORT: '9000', HOST: undefined })).toMatchObject({ PORT: 9000, HOST: '127.0.0.1' });
  });
});
