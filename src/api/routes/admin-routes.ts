/**
 * Administration of the community (admin scope): organisations, API keys (the secret is returned once,
 * only its hash is stored), and the audit log. Every action here is itself audited. The port authority
 * administers the community; any other organisation's admin sees and manages only its own organisation
 * (`access/administration.ts`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessScope } from '../../access/access-scope.js';
import { mayAdminister, mayRegisterOrganisations } from '../../access/administration.js';
import { REGISTRABLE_ROLES } from '../../access/roles.js';
import { ROLES, SCOPES } from '../../access/roles.js';
import type { Platform } from '../../platform.js';
import type { ApiKeyRow } from '../../store/organisation-repository.js';
import { ProblemSchema, problem, type ProblemError } from '../problem.js';
import { ACCESS } from '../../access/route-access.js';
import { routesTagged } from '../route-options.js';
import { OrgId } from '../organisation-params.js';

const route = routesTagged('admin');

const OrganisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string().datetime(),
});
const ApiKeySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  label: z.string().nullable(),
  createdAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
});
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

/** 403 when the caller may not administer `orgId` (another organisation, or a `system` one). */
function otherOrganisation(orgId: string, pointer: string): ProblemError {
  return problem('PCS_ADMIN_OTHER_ORG', `this key administers only its own organisation, not "${orgId}"`, [
    { pointer, detail: 'an organisation this key does not administer' },
  ]);
}

/** The organisations whose keys and audit trail the caller may list: all, or its own. */
function ownOrgFilter(scope: AccessScope, requested: string | undefined, pointer: string): string | undefined {
  if (scope.all) return requested;
  if (requested !== undefined && requested !== scope.orgId) throw otherOrganisation(requested, pointer);
  return scope.orgId;
}

function keyView(row: ApiKeyRow): z.infer<typeof ApiKeySchema> {
  return {
    id: row.id,
    orgId: row.org_id,
    scopes: row.scopes as z.infer<typeof ApiKeySchema>['scopes'],
    label: row.label,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export const adminRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const audit = (
    request: { accessScope: { orgId: string; keyId: string | null } },
    action: string,
    resource: string,
    detail = {},
  ) =>
    platform.audit.record({
      orgId: request.accessScope.orgId,
      apiKeyId: request.accessScope.keyId,
      action,
      resource,
      detail,
    });

  app.get(
    '/admin/organisations',
    route(ACCESS.admin, {
      summary: 'Organisations of the community',
      response: { 200: z.object({ organisations: z.array(OrganisationSchema) }), ...errors },
    }),
    async (request) => {
      const scope = request.accessScope;
      const rows = (await platform.organisations.list()).filter((o) => scope.all || o.id === scope.orgId);
      return {
        organisations: rows.map((o) => ({
          id: o.id,
          name: o.name,
          role: o.role as (typeof ROLES)[number],
          createdAt: o.created_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/admin/organisations',
    route(ACCESS.admin, {
      summary: 'Register an organisation',
      body: z.object({ id: OrgId, name: z.string().min(1).max(200), role: z.enum(REGISTRABLE_ROLES) }),
      response: { 201: OrganisationSchema, ...errors },
    }),
    async (request, reply) => {
      const scope = request.accessScope;
      if (!mayRegisterOrganisations(scope)) {
        throw problem(
          'PCS_ADMIN_NOT_PORT_AUTHORITY',
          'organisations are registered by the port authority (or the local operator)',
          [{ pointer: '/headers/authorization', detail: 'not a port authority admin key' }],
        );
      }
      if (await platform.organisations.get(request.body.id)) {
        throw problem('PCS_ADMIN_ORG_EXISTS', `organisation "${request.body.id}" already exists`, [
          { pointer: '/body/id', detail: 'already exists' },
        ]);
      }
      const org = await platform.organisations.create(request.body.id, request.body.name, request.body.role);
      await audit(request, 'organisation.create', `/admin/organisations/${org.id}`, { role: org.role });
      return reply
        .code(201)
        .send({ id: org.id, name: org.name, role: request.body.role, createdAt: org.created_at.toISOString() });
    },
  );

  app.post(
    '/admin/organisations/:id/keys',
    route(ACCESS.admin, {
      summary: 'Create an API key for an organisation (the key is shown once)',
      params: z.object({ id: OrgId }),
      body: z.object({
        scopes: z.array(z.enum(SCOPES)).min(1).default(['read']),
        label: z.string().max(200).optional(),
      }),
      response: {
        201: ApiKeySchema.extend({ key: z.string().describe('the secret: store it now, it is not shown again') }),
        ...errors,
      },
    }),
    async (request, reply) => {
      const scope = request.accessScope;
      const org = await platform.organisations.get(request.params.id);
      // An organisation the caller does not administer is a 403 whether or not it exists.
      if (!mayAdminister(scope, org ?? { id: request.params.id, role: 'unknown' })) {
        throw otherOrganisation(request.params.id, '/params/id');
      }
      if (!org) {
        throw problem('PCS_ADMIN_ORG_NOT_FOUND', `organisation "${request.params.id}" does not exist`, [
          { pointer: '/params/id', detail: 'unknown organisation' },
        ]);
      }
      const created = await platform.organisations.createKey(
        request.params.id,
        request.body.scopes,
        request.body.label ?? null,
      );
      await audit(request, 'api-key.create', `/admin/keys/${created.keyId}`, {
        orgId: request.params.id,
        scopes: request.body.scopes,
      });
      return reply.code(201).send({ ...keyView(created.row), key: created.key });
    },
  );

  app.get(
    '/admin/keys',
    route(ACCESS.admin, {
      summary: 'API keys (never their secrets)',
      querystring: z.object({ orgId: OrgId.optional() }),
      response: { 200: z.object({ keys: z.array(ApiKeySchema) }), ...errors },
    }),
    async (request) => {
      const scope = request.accessScope;
      const orgId = ownOrgFilter(scope, request.query.orgId, '/query/orgId');
      return { keys: (await platform.organisations.listKeys(orgId)).map(keyView) };
    },
  );

  app.delete(
    '/admin/keys/:keyId',
    route(ACCESS.admin, {
      summary: 'Revoke an API key (effective immediately)',
      params: z.object({ keyId: z.string().regex(/^[0-9a-f]{12}$/, 'a key id') }),
      response: { 204: z.null(), ...errors },
    }),
    async (request, reply) => {
      const scope = request.accessScope;
      const key = await platform.organisations.getKey(request.params.keyId);
      // Another organisation's key is answered like a missing one: its existence is not the caller's business.
      const mine = key !== undefined && mayAdminister(scope, { id: key.org_id, role: key.org_role });
      if (!mine || !(await platform.organisations.revokeKey(request.params.keyId))) {
        throw problem('PCS_ADMIN_KEY_NOT_FOUND', `no active key ${request.params.keyId}`, [
          { pointer: '/params/keyId', detail: 'unknown or already revoked' },
        ]);
      }
      await audit(request, 'api-key.revoke', `/admin/keys/${request.params.keyId}`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/audit-log',
    route(ACCESS.admin, {
      summary: 'Audit log, newest first',
      querystring: z.object({
        orgId: OrgId.optional(),
        action: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: {
        200: z.object({
          entries: z.array(
            z.object({
              id: z.string(),
              at: z.string().datetime(),
              orgId: z.string().nullable(),
              apiKeyId: z.string().nullable(),
              action: z.string(),
              resource: z.string(),
              detail: z.record(z.string(), z.unknown()),
            }),
          ),
        }),
        ...errors,
      },
    }),
    async (request) => {
      const scope = request.accessScope;
      const orgId = ownOrgFilter(scope, request.query.orgId, '/query/orgId');
      const rows = await platform.audit.list({ ...request.query, orgId });
      return {
        entries: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          orgId: r.org_id,
          apiKeyId: r.api_key_id,
          action: r.action,
          resource: r.resource,
          detail: r.detail,
        })),
      };
    },
  );
};
