/**
 * Authentication (once per request) and authorisation helpers. The API key comes as
 * `Authorization: Bearer opcs_…` or `X-API-Key: opcs_…`; no credential header at all = anonymous (public
 * data only). A credential header that is malformed (another scheme, empty, control characters, not an
 * `opcs_` key), or a key that is unknown or revoked, is a 401 — never silently anonymous. Repeated failures
 * from one address are answered 429 (`failed-auth-limiter.ts`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, scopeFor, type AccessScope } from '../access/access-scope.js';
import { keyIdOf } from '../access/api-key-secret.js';
import type { Role, Scope } from '../access/roles.js';
import type { OrganisationRepository } from '../store/organisation-repository.js';
import type { FailedAuthLimiter } from './failed-auth-limiter.js';
import { problem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    accessScope: AccessScope;
  }
}

type Presented =
  | { readonly kind: 'none' }
  | { readonly kind: 'key'; readonly key: string; readonly pointer: string }
  | { readonly kind: 'malformed'; readonly pointer: string; readonly detail: string };

const BEARER = /^Bearer +(\S+)$/i;

/** What the request presents as a credential; any header that is there but is not a well-formed key is malformed. */
export function presentedCredential(headers: FastifyRequest['headers']): Presented {
  const authorization = headers.authorization;
  const apiKey = headers['x-api-key'];
  if (authorization === undefined && apiKey === undefined) return { kind: 'none' };
  const fromAuthorization = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
  if (authorization !== undefined && fromAuthorization === undefined) {
    return { kind: 'malformed', pointer: '/headers/authorization', detail: 'expected "Bearer opcs_…"' };
  }
  if (Array.isArray(apiKey)) {
    return { kind: 'malformed', pointer: '/headers/x-api-key', detail: 'more than one X-API-Key header' };
  }
  const fromApiKey = apiKey?.trim();
  if (fromAuthorization !== undefined && fromApiKey !== undefined && fromApiKey !== fromAuthorization) {
    return { kind: 'malformed', pointer: '/headers/x-api-key', detail: 'differs from the Authorization key' };
  }
  const key = (fromAuthorization ?? fromApiKey) as string;
  const pointer = fromAuthorization !== undefined ? '/headers/authorization' : '/headers/x-api-key';
  if (keyIdOf(key) === null || !/^[\x21-\x7e]+$/.test(key)) {
    return { kind: 'malformed', pointer, detail: 'not an openpcs API key (opcs_…)' };
  }
  return { kind: 'key', key, pointer };
}

export function authenticator(organisations: OrganisationRepository, failures: FailedAuthLimiter) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const presented = presentedCredential(request.headers);
    if (presented.kind === 'none') {
      request.accessScope = ANONYMOUS;
      return;
    }
    const found = presented.kind === 'key' ? await organisations.authenticate(presented.key) : undefined;
    if (found) {
      request.accessScope = scopeFor(
        found.organisation.id,
        found.organisation.role as Role,
        found.key.scopes as Scope[],
        found.key.id,
      );
      return;
    }
    const retryAfterS = failures.fail(request.ip);
    if (retryAfterS > 0) {
      void reply.header('retry-after', String(retryAfterS));
      throw problem(
        'PCS_AUTH_TOO_MANY_FAILURES',
        `too many failed authentications from this address; retry in ${retryAfterS} s`,
      );
    }
    if (presented.kind === 'malformed') {
      throw problem('PCS_AUTH_MALFORMED_CREDENTIALS', `the credential header is malformed: ${presented.detail}`, [
        { pointer: presented.pointer, detail: presented.detail },
      ]);
    }
    throw problem('PCS_AUTH_INVALID_KEY', 'the API key is unknown or revoked', [
      { pointer: presented.pointer, detail: 'invalid API key' },
    ]);
  };
}
