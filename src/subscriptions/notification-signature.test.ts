import { describe, expect, it } from 'vitest';
import { signNotification, verifyNotification } from './notification-signature.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy.js';

describe('notification signature', () => {
  const secret = Buffer.from(
    'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDM2NTc4NjIzODk3NDY5MDgyNzM0OTg3MTIzNzg2NA==',
    'base64',
  );

  it('should sign the exact body bytes as sha256=<hex HMAC-SHA256>', () => {
    // HMAC-SHA256 test vector (RFC 4231 case 2): key "Jefe", data "what do ya want for nothing?"
    expect(signNotification(Buffer.from('Jefe'), 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const body = '[{"eventID":"x"}]';
    const header = signNotification(secret, body);
    expect(verifyNotification(secret, body, header)).toBe(true);
    expect(verifyNotification(secret, `${body} `, header)).toBe(false);
    expect(verifyNotification(Buffer.from('other secret, 32 bytes or longer!'), body, header)).toBe(false);
    expect(verifyNotification(secret, body, 'sha1=abc')).toBe(false);
    expect(verifyNotification(secret, body, undefined)).toBe(false);
  });

  it('should back off exponentially from 1 s, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 40)).toBe(300_000);
  });
});
