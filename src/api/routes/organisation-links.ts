/**
 * What the port authority's per-organisation link routes share (the terminals a terminal operates,
 * `terminal-link-routes.ts`; the SCACs a carrier speaks for, `carrier-scac-routes.ts`): the organisation id
 * parameter, the error responses, who may read an organisation's links, the refusal of a caller that may not set
 * them, the organisation a new list may be set for, and the audit entry of a change. Each route keeps what it links
 * and its own rule of who may set the links.
 */
import { mayAdminister } from '../../access/administration.js';
import type { AccessScope } from '../../access/access-scope.js';
import type { Role } from '../../access/roles.js';
import type { ProblemCode } from '../../domain/errors/catalogue.js';
import type { Platform } from '../../platform.js';
import { OrgId } from '../organisation-params.js';
import { ProblemSchema, problem } from '../problem.js';

export const OrgIdParam = OrgId;

export const LINK_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

const unknownOrg = (orgId: string) =>
  problem('PCS_ADMIN_ORG_NOT_FOUND', `organisation "${orgId}" does not exist`, [
    { pointer: '/params/id', detail: 'unknown organisation' },
  ]);

/**
 * Refuses a caller that may not read organisation `orgId`'s links (`what`: "terminals", "SCACs"): the
 * organisation's own admins and the port authority's may. Another organisation's admin is refused before the
 * lookup, so the answer says nothing of which ids exist; an unknown id is a 404 for those who may ask.
 */
export async function assertMayReadLinks(
  platform: Platform,
  scope: AccessScope,
  orgId: string,
  what: string,
): Promise<void> {
  const notAdministered = () =>
    problem('PCS_ADMIN_OTHER_ORG', `only an admin of "${orgId}" or of the port authority may read its ${what}`, [
      { pointer: '/params/id', detail: 'an organisation this key does not administer' },
    ]);
  if (!scope.all && scope.orgId !== orgId) throw notAdministered();
  const org = await platform.organisations.get(orgId);
  if (org && !mayAdminister(scope, org)) throw notAdministered();
  if (!org) throw unknownOrg(orgId);
}

/**
 * Refuses to set a non-empty list of links for an unknown organisation, or one whose role is not `role` (the
 * only role such links mean anything for); `code` is that refusal's catalogue code and `what` the links' noun.
 */
export async function assertLinkable(
  platform: Platform,
  orgId: string,
  linkCount: number,
  rule: { readonly role: Role; readonly code: ProblemCode; readonly what: string },
): Promise<void> {
  const org = await platform.organisations.get(orgId);
  if (!org) throw unknownOrg(orgId);
  if (org.role !== rule.role && linkCount > 0) {
    throw problem(
      rule.code,
      `organisation "${orgId}" has the role ${org.role}; only a ${rule.role} organisation ${rule.what}`,
      [{ pointer: '/params/id', detail: `role ${org.role}, not ${rule.role}` }],
    );
  }
}

/**
 * Refuses a caller the route's rule does not allow to set links (`allowed`): the port authority (and the local
 * operator) sets them. `code` is the refusal's catalogue code, `what` says which links ("which terminals an
 * organisation operates").
 */
export function assertMaySetLinks(allowed: boolean, code: ProblemCode, what: string): void {
  if (allowed) return;
  throw problem(code, `${what} is set by the port authority (or the local operator)`, [
    { pointer: '/headers/authorization', detail: 'not a port authority admin key' },
  ]);
}

/** Writes a change of organisation `orgId`'s links (`kind`: the path segment, `terminals` or `scacs`) to the audit log. */
export async function auditLinks(
  platform: Platform,
  scope: AccessScope,
  orgId: string,
  kind: 'terminals' | 'scacs',
  links: readonly string[],
): Promise<void> {
  await platform.audit.record({
    orgId: scope.orgId,
    apiKeyId: scope.keyId,
    action: `organisation.${kind}`,
    resource: `/admin/organisations/${orgId}/${kind}`,
    detail: { [kind]: links },
  });
}

/** Who set a list of links, as stored beside it: the organisation and the key. */
export const linkedBy = (scope: AccessScope): string => (scope.keyId ? `${scope.orgId}/${scope.keyId}` : scope.orgId);
