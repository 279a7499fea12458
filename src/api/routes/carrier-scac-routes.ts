/**
 * Which carrier SCACs an organisation speaks for (migration 0026; the rule is `access/carrier-scacs.ts`): a
 * `carrier` organisation sends empty-return receivables only for its own SCACs. Scope `admin`. Reading the links is
 * for the organisation's own admins and the port authority's; setting them is for the port authority (and the
 * local operator) only — a carrier that linked itself to another's SCAC could close that carrier's returns.
 */
import { z } from 'zod';
import { mayLinkScacs } from '../../access/carrier-scacs.js';
import type { ScacLink } from '../../store/carrier-scacs.js';
import { problem } from '../problem.js';
import { organisationLinkRoutes } from './organisation-link-routes.js';

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

export const carrierScacRoutes = organisationLinkRoutes((platform) => ({
  kind: 'scacs',
  code: Scac,
  maxCodes: 20,
  codesDescription: 'Standard Carrier Alpha Codes (NMFTA): 2-4 upper-case letters',
  answer: CarrierScacsSchema,
  readSummary: 'The carrier SCACs an organisation speaks for (the ones it may send empty-return receivables for)',
  setSummary: 'Set the carrier SCACs an organisation speaks for (port authority only)',
  setDescription:
    'Replaces the list. An organisation with the role `carrier` sends empty-return receivables (`csv-empty-returns`) only for these SCACs; a row for another SCAC is rejected to the dead letter (`PCS_INGEST_SCAC_NOT_OWN`). A SCAC belongs to one organisation at most (409 `PCS_ADMIN_SCAC_TAKEN`). A link change applies from the next processed message. An empty list clears the links.',
  readWhat: 'SCACs',
  maySet: mayLinkScacs,
  setRefusal: { code: 'PCS_ADMIN_SCACS_PORT_AUTHORITY', what: 'which SCACs an organisation speaks for' },
  linkable: { role: 'carrier', code: 'PCS_ADMIN_NOT_A_CARRIER', what: 'speaks for SCACs' },
  list: (orgId) => platform.carrierScacs.list(orgId),
  async replace(orgId, scacs, linkedBy) {
    const links = await platform.carrierScacs.replace(orgId, scacs, linkedBy);
    if (!('taken' in links)) return links;
    throw problem(
      'PCS_ADMIN_SCAC_TAKEN',
      `already linked to another organisation: ${links.taken.map((t) => `${t.scac} (${t.orgId})`).join(', ')}`,
      links.taken.map((t) => ({
        pointer: `/body/scacs/${scacs.indexOf(t.scac)}`,
        detail: `${t.scac} is linked to ${t.orgId}`,
      })),
    );
  },
  codeOf: (link) => link.scac,
  view: (orgId, links: readonly ScacLink[]) => ({ orgId, scacs: [...links] }),
}));
