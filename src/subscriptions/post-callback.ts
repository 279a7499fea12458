/**
 * One webhook request: POST the body, answer with the status code as soon as the response head arrives (the
 * response body is discarded). Redirects are not followed (a 3xx is a failed delivery). Connections go through
 * the caller's `lookup`, so the address policy decides where the request may connect (see
 * `callback-address-policy.ts`).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export function postCallback(
  url: URL,
  body: string,
  headers: Readonly<Record<string, string>>,
  options: {
    readonly signal: AbortSignal;
    readonly lookup: LookupFunction;
    /** Called once the whole body was handed to the connection (the receiver may have it, answer or not). */
    readonly onBodySent?: (() => void) | undefined;
  },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: options.signal,
        lookup: options.lookup,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.once('error', reject);
    if (options.onBodySent) request.once('finish', options.onBodySent);
    request.end(body);
  });
}
