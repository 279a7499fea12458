/**
 * API keys: `opcs_<keyId>_<secret>`. Only the SHA-256 of the whole key is stored (keys are 256-bit
 * random, so a fast hash is enough; no salt needed against guessing). The key id lets the server find
 * the row without scanning; comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'opcs_';

export interface NewApiKey {
  readonly keyId: string;
  /** Shown once to the user; never stored. */
  readonly key: string;
  readonly hash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): NewApiKey {
  const keyId = randomBytes(6).toString('hex');
  const key = `${PREFIX}${keyId}_${randomBytes(32).toString('base64url')}`;
  return { keyId, key, hash: hashApiKey(key) };
}

/** The key id of a well-formed key, else null. */
export function keyIdOf(key: string): string | null {
  if (!key.startsWith(PREFIX)) return null;
  const rest = key.slice(PREFIX.length);
  const sep = rest.indexOf('_');
  const keyId = sep === 12 ? rest.slice(0, 12) : null;
  return keyId && /^[0-9a-f]{12}$/.test(keyId) && rest.length > 13 ? keyId : null;
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
