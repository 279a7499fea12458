/**
 * The port authority's per-organisation link routes, `GET` and `PUT /admin/organisations/{id}/<kind>` (the terminals
 * a terminal operates, `terminal-link-routes.ts`; the SCACs a carrier speaks for, `carrier-scac-routes.ts`), made
 * by one factory: the organisation id parameter, the error responses, who may read an organisation's links, the
 * refusal of a caller that may not set them, the organisation a new list may be set for, and the audit entry of a
 * change. Each route states what it links, how a link is shown, and its own rule of who may set the links.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { mayAdminister } from '../../access/administration.js';
import type { AccessScope } from '../../access/access-scope.js';
import type { Role } from '../../access/roles.js';
import type { ProblemCode } from '../../domain/errors/catalogue.js';
import type { Platform } from '../../platform.js';
import { OrgId } from '../organisation-params.js';
import { ProblemSchema, problem } from '../problem.js';

const LINK_ERRORS = {
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
async function assertMayReadLinks(platform: Platform, scope: AccessScope, orgId: string, what: string): Promise<void> {
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
async function assertLinkable(
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
function assertMaySetLinks(allowed: boolean, code: ProblemCode, what: string): void {
  if (allowed) return;
  throw problem(code, `${what} is set by the port authority (or the local operator)`, [
    { pointer: '/headers/authorization', detail: 'not a port authority admin key' },
  ]);
}

/** Writes a change of organisation `orgId`'s links (`kind`: the path segment, `terminals` or `scacs`) to the audit log. */
async function auditLinks(
  platform: Platform,
  scope: AccessScope,
  orgId: string,
  kind: LinkKind,
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
const linkedBy = (scope: AccessScope): string => (scope.keyId ? `${scope.orgId}/${scope.keyId}` : scope.orgId);

/** What links an organisation to codes: the path segment, the body's key and the audit action's noun. */
export type LinkKind = 'terminals' | 'scacs';

/** One kind of link routes, given the platform (at registration). */
export interface OrganisationLinkRoutes<Link, View> {
  readonly kind: LinkKind;
  /** One code of the `PUT` body, with the most codes a list may hold and the list's description. */
  readonly code: z.ZodString;
  readonly maxCodes: number;
  readonly codesDescription: string;
  /** The answer of both routes: the organisation's links as they stand. */
  readonly answer: z.ZodType<View>;
  readonly readSummary: string;
  readonly setSummary: string;
  readonly setDescription: string;
  /** The links' noun in the refusal to read them ("terminals", "SCACs"). */
  readonly readWhat: string;
  /** Who may set the links (`access/`), and the refusal's code and words otherwise. */
  readonly maySet: (scope: AccessScope) => boolean;
  readonly setRefusal: { readonly code: ProblemCode; readonly what: string };
  /** The only role the links mean anything for, and the refusal's code and words otherwise. */
  readonly linkable: { readonly role: Role; readonly code: ProblemCode; readonly what: string };
  /** Refuses codes the links may not name (a problem), before anything else is looked up. */
  readonly checkCodes?: (codes: readonly string[]) => void;
  readonly list: (orgId: string) => Promise<readonly Link[]>;
  /** Replaces the organisation's list; refuses (a problem) codes it may not take. */
  readonly replace: (orgId: string, codes: readonly string[], linkedBy: string) => Promise<readonly Link[]>;
  readonly codeOf: (link: Link) => string;
  readonly view: (orgId: string, links: readonly Link[]) => View;
}

/** The `GET` and `PUT` routes of one kind of organisation links (scope `admin`). */
export function organisationLinkRoutes<Link, View>(
  spec: (platform: Platform) => OrganisationLinkRoutes<Link, View>,
): FastifyPluginAsyncZod<{ platform: Platform }> {
  return async (app, { platform }) => {
    const links = spec(platform);
    const path = `/admin/organisations/:id/${links.kind}`;
    const codes = z.array(links.code).max(links.maxCodes).describe(links.codesDescription);
    // A computed key widens to an index signature; the body has exactly this one key.
    const body = z.strictObject({ [links.kind]: codes } as Record<LinkKind, typeof codes>);
    app.get(
      path,
      {
        config: { access: ACCESS.admin },
        schema: {
          tags: ['admin'],
          summary: links.readSummary,
          params: z.object({ id: OrgId }),
          response: { 200: links.answer, ...LINK_ERRORS },
        },
      },
      async (request) => {
        const { id } = request.params;
        await assertMayReadLinks(platform, request.accessScope, id, links.readWhat);
        return links.view(id, await links.list(id));
      },
    );

    app.put(
      path,
      {
        config: { access: ACCESS.admin },
        schema: {
          tags: ['admin'],
          summary: links.setSummary,
          description: links.setDescription,
          params: z.object({ id: OrgId }),
          body,
          response: { 200: links.answer, ...LINK_ERRORS },
        },
      },
      async (request) => {
        const scope = request.accessScope;
        const { id } = request.params;
        const asked = request.body[links.kind];
        assertMaySetLinks(links.maySet(scope), links.setRefusal.code, links.setRefusal.what);
        links.checkCodes?.(asked);
        await assertLinkable(platform, id, asked.length, links.linkable);
        const replaced = await links.replace(id, asked, linkedBy(scope));
        await auditLinks(platform, scope, id, links.kind, replaced.map(links.codeOf));
        return links.view(id, replaced);
      },
    );
  };
}
