/**
 * Which carrier SCACs an organisation speaks for (migration 0026; the rule is `access/carrier-scacs.ts`): a
 * `carrier` organisation sends empty-return receivables only for its own SCACs. Scope `admin`. Reading the links is
 * for the organisation's own admins and the port authority's; setting them is for the port authority (and the
 * local operator) only — a carrier that linked itself to another's SCAC could close that carrier's returns.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mayLinkScacs } from '../../access/carrier-scacs.js';
import { ACCESS } from '../../access/route-access.js';
import type { Platform } from '../../platform.js';
import type { ScacLink } from '../../store/carrier-scacs.js';
import { problem } from '../problem.js';
import {
  assertLinkable,
  assertMayReadLinks,
  assertMaySetLinks,
  auditLinks,
  LINK_ERRORS as errors,
  linkedBy,
  OrgIdParam as OrgId,
} from './organisation-links.js';

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

const view = (orgId: string, links: readonly ScacLink[]) => ({ orgId, scacs: [...links] });

export const carrierScacRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
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
      const { id } = request.params;
      await assertMayReadLinks(platform, request.accessScope, id, 'SCACs');
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
      assertMaySetLinks(
        mayLinkScacs(scope),
        'PCS_ADMIN_SCACS_PORT_AUTHORITY',
        'which SCACs an organisation speaks for',
      );
      await assertLinkable(platform, id, request.body.scacs.length, {
        role: 'carrier',
        code: 'PCS_ADMIN_NOT_A_CARRIER',
        what: 'speaks for SCACs',
      });
      const links = await platform.carrierScacs.replace(id, request.body.scacs, linkedBy(scope));
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
      await auditLinks(
        platform,
        scope,
        id,
        'scacs',
        links.map((l) => l.scac),
      );
      return view(id, links);
    },
  );
};
