/** Body fields of every webhook registration (DCSA subscriptions, alert rules). */
import { z } from 'zod';

/** An absolute http(s) URL without credentials; anything else is a 400 pointing at the field, never a crash. */
export const CallbackUrl = z
  .string()
  .max(2048)
  .superRefine((text, ctx) => {
    const url = URL.canParse(text) ? new URL(text) : null;
    if (url === null) ctx.addIssue({ code: 'custom', message: 'not a URL' });
    else if (!/^https?:$/.test(url.protocol) || url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'an http(s) URL without credentials' });
    }
  });

export const Secret = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
  .refine((text) => Buffer.from(text, 'base64').length >= 32 && Buffer.from(text, 'base64').length <= 1024, {
    message: 'must decode to 32–1024 bytes',
  })
  .describe('shared secret, base64; the HMAC key of Notification-Signature');
