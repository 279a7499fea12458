/**
 * Authentication (once per request) and authorisation helpers. The API key comes as
 * `Authorization: Bearer opcs_…` or `X-API-Key: opcs_…`; no key = anonymous (public data only).
 * A key that is malformed, unknown or revoked is a 401 — never silently anonymous.
 */
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, scopeFor, type AccessScope } from '../access/access-scope.js';
import type { Role, Scope } from '../access/roles.js';
import type { OrganisationRepository } from '../store/organisation-repository.js';
import { ProblemError } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    accessScope: AccessScope;
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

export function authenticator(organisations: OrganisationRepository) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = presentedKey(request);
    if (key === undefined) {
      request.accessScope = ANONYMOUS;
      return;
    }
    const found = await organisations.authenticate(key);
    if (!found) {
      throw new ProblemError(
        401,
        'PCS_AUTH_INVALID_KEY',
        'Invalid API key',
        'the API key is malformed, unknown or revoked',
        [{ pointer: '/headers/authorization', detail: 'invalid API key' }],
      );
    }
    request.accessScope = scopeFor(
      found.organisation.id,
      found.organisation.role as Role,
      found.key.scopes as Scope[],
      found.key.id,
    );
  };
}

/** Throws 401 for anonymous callers and 403 for keys without the scope. */
export function requireScope(request: FastifyRequest, scope: Scope): AccessScope {
  const access = request.accessScope;
  if (access.keyId === null && !access.scopes.includes(scope)) {
    throw new ProblemError(
      401,
      'PCS_AUTH_REQUIRED',
      'Authentication required',
      `this operation needs an API key with the "${scope}" scope`,
      [{ pointer: '/headers/authorization', detail: 'missing API key' }],
    );
  }
  if (!access.scopes.includes(scope)) {
    throw new ProblemError(403, 'PCS_AUTH_FORBIDDEN', 'Forbidden', `the API key lacks the "${scope}" scope`, [
      { pointer: '/headers/authorization', detail: `scope "${scope}" required` },
    ]);
  }
  return access;
}
