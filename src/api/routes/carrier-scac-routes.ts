/**
 * Which carrier SCACs an organisation speaks for (migration 0026; the rule is `access/carrier-scacs.ts`): a
 * `carrier` organisation sends empty-return receivables only for its own SCACs. Scope `admin`. Reading the links is
 * for the organisation's own admins and the port authority's; setting them is for the port authority (and the
 * local operator) only — a carrier that linked itself to another's SCAC could close that carrier's returns.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mayAdminister } from '../../access/administration.js';
import { mayLinkScacs } from '../../access/carrier-scacs.js';
import { ACCESS } from '../../access/route-access.js';
import type { Platform } from '../../platform.js';
import type { ScacLink } from '../../store/carrier-scacs.js';
import { ProblemSchema, problem } from '../problem.js';

const OrgId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, . _ -');
// NMFTA Standard Carrier Alpha Code: 2 to 4 upper-case letters (domain/identifiers/scac.ts).
const Scac = z.string().regex(/^[A-Z]{2,4}$/, 'a SCAC: 2-4 upper-case letters, e.g. MAEU');

const CarrierScacsSchema = z
  .object({
    orgId: z.string(),
    scacs: z.array(
      z.object({
        scac: z.string().describe('Standard Carrier Alpha Code (NMFTA)'),
        linkedAt: z.string().datetime(),
        linkedBy: z.string().nullable(),
      }),
    ),
  })
  .describe('The carrier SCACs an organisation speaks for: the ones it may send empty-return receivables for');
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

const view = (orgId: string, links: readonly ScacLink[]) => ({ orgId, scacs: [...links] });

export const carrierScacRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const notAdministered = (orgId: string) =>
    problem('PCS_ADMIN_OTHER_ORG', `only an admin of "${orgId}" or of the port authority may read its SCACs`, [
      { pointer: '/params/id', detail: 'an organisation this key does not administer' },
    ]);
  const unknownOrg = (orgId: string) =>
    problem('PCS_ADMIN_ORG_NOT_FOUND', `organisation "${orgId}" does not exist`, [
      { pointer: '/params/id', detail: 'unknown organisation' },
    ]);

  app.get(
    '/admin/organisations/:id/scacs',
    {
      config: { access: ACCESS.admin },
      schema: {
        tags: ['admin'],
        summary: 'The carrier SCACs an organisation speaks for (the ones it may send empty-return receivables for)',
        params: z.object({ id: OrgId }),
        response: { 200: CarrierScacsSchema, ...errors },
      },
    },
    async (request) => {
      const scope = request.accessScope;
      const { id } = request.params;
      // Another organisation's admin is refused before the lookup: the answer says nothing of which ids exist.
      if (!scope.all && scope.orgId !== id) throw notAdministered(id);
      const org = await platform.organisations.get(id);
      if (org && !mayAdminister(scope, org)) throw notAdministered(id);
      if (!org) throw unknownOrg(id);
      return view(id, await platform.carrierScacs.list(id));
    },
  );

  app.put(
    '/admin/organisations/:id/scacs',
    {
      config: { access: ACCESS.admin },
      schema: {
        tags: ['admin'],
        summary: 'Set the carrier SCACs an organisation speaks for (port authority only)',
        description:
          'Replaces the list. An organisation with the role `carrier` sends empty-return receivables (`csv-empty-returns`) only for these SCACs; a row for another SCAC is rejected to the dead letter (`PCS_INGEST_SCAC_NOT_OWN`). A SCAC belongs to one organisation at most (409 `PCS_ADMIN_SCAC_TAKEN`). A link change applies from the next processed message. An empty list clears the links.',
        params: z.object({ id: OrgId }),
        body: z.strictObject({
          scacs: z.array(Scac).max(20).describe('Standard Carrier Alpha Codes (NMFTA): 2-4 upper-case letters'),
        }),
        response: { 200: CarrierScacsSchema, ...errors },
      },
    },
    async (request) => {
      const scope = request.accessScope;
      const { id } = request.params;
      if (!mayLinkScacs(scope)) {
        throw problem(
          'PCS_ADMIN_SCACS_PORT_AUTHORITY',
          'which SCACs an organisation speaks for is set by the port authority (or the local operator)',
          [{ pointer: '/headers/authorization', detail: 'not a port authority admin key' }],
        );
      }
      const org = await platform.organisations.get(id);
      if (!org) throw unknownOrg(id);
      if (org.role !== 'carrier' && request.body.scacs.length > 0) {
        throw problem(
          'PCS_ADMIN_NOT_A_CARRIER',
          `organisation "${id}" has the role ${org.role}; only a carrier organisation speaks for SCACs`,
          [{ pointer: '/params/id', detail: `role ${org.role}, not carrier` }],
        );
      }
      const by = scope.keyId ? `${scope.orgId}/${scope.keyId}` : scope.orgId;
      const links = await platform.carrierScacs.replace(id, request.body.scacs, by);
      if ('taken' in links) {
        throw problem(
          'PCS_ADMIN_SCAC_TAKEN',
          `already linked to another organisation: ${links.taken.map((t) => `${t.scac} (${t.orgId})`).join(', ')}`,
          links.taken.map((t) => ({
            pointer: `/body/scacs/${request.body.scacs.indexOf(t.scac)}`,
            detail: `${t.scac} is linked to ${t.orgId}`,
          })),
        );
      }
      await platform.audit.record({
        orgId: scope.orgId,
        apiKeyId: scope.keyId,
        action: 'organisation.scacs',
        resource: `/admin/organisations/${id}/scacs`,
        detail: { scacs: links.map((l) => l.scac) },
      });
      return view(id, links);
    },
  );
};
