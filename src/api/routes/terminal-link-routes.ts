/**
 * Which terminals an organisation operates (migration 0017; the rule is `access/operated-terminals.ts`): a
 * `terminal` organisation states facts only at the terminals it is linked to. Scope `admin`. Reading the links
 * is for the organisation's own admins and the port authority's; setting them is for the port authority (and
 * the local operator) only — a terminal that linked itself to another's code would undo the rule.
 */
import { z } from 'zod';
import { mayLinkTerminals } from '../../access/operated-terminals.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import type { TerminalLink } from '../../store/operated-terminals.js';
import { problem } from '../problem.js';
import { organisationLinkRoutes } from './organisation-link-routes.js';

const SmdgCode = z.string().regex(/^[A-Z0-9]{1,6}$/, 'an SMDG terminal code, e.g. WBCT');

const OperatedTerminalsSchema = z
  .object({
    orgId: z.string(),
    terminals: z.array(
      z.object({
        code: z.string().describe('SMDG code of the terminal registry (GET /terminals)'),
        name: z.string().nullable(),
        port: z.string().nullable().describe('UN/LOCODE'),
        linkedAt: z.string().datetime(),
        linkedBy: z.string().nullable(),
      }),
    ),
  })
  .describe('The terminals an organisation operates: the ones it may state facts at');

export const terminalLinkRoutes = organisationLinkRoutes((platform) => {
  const registry = loadTerminalRegistry();
  return {
    kind: 'terminals',
    code: SmdgCode,
    maxCodes: 100,
    codesDescription: 'SMDG codes of the terminal registry (GET /terminals)',
    answer: OperatedTerminalsSchema,
    readSummary: 'The terminals an organisation operates (the ones it may state facts at)',
    setSummary: 'Set the terminals an organisation operates (port authority only)',
    setDescription:
      'Replaces the list. An organisation with the role `terminal` states availability, last free days, gate, vessel and rail moves only at the terminals it is linked to; a row at another terminal is rejected to the dead letter (`PCS_INGEST_TERMINAL_NOT_OPERATED`). A link change applies from the next processed message. An empty list clears the links.',
    readWhat: 'terminals',
    maySet: mayLinkTerminals,
    setRefusal: { code: 'PCS_ADMIN_TERMINALS_PORT_AUTHORITY', what: 'which terminals an organisation operates' },
    linkable: { role: 'terminal', code: 'PCS_ADMIN_NOT_A_TERMINAL', what: 'operates terminals' },
    checkCodes(codes) {
      const unknown = codes.flatMap((code, i) =>
        registry.byCode(code) ? [] : [{ pointer: `/body/terminals/${i}`, detail: `${code} is not in GET /terminals` }],
      );
      if (unknown.length === 0) return;
      throw problem(
        'PCS_ADMIN_UNKNOWN_TERMINAL',
        `not a terminal of the registry: ${unknown.map((u) => u.detail.split(' ')[0]).join(', ')}`,
        unknown,
      );
    },
    list: (orgId) => platform.operatedTerminals.list(orgId),
    replace: (orgId, codes, linkedBy) => platform.operatedTerminals.replace(orgId, codes, linkedBy),
    codeOf: (link) => link.terminalCode,
    view: (orgId, links: readonly TerminalLink[]) => ({
      orgId,
      terminals: links.map((l) => {
        const terminal = registry.byCode(l.terminalCode);
        return {
          code: l.terminalCode,
          name: terminal?.name ?? null,
          port: terminal?.unLocode ?? null,
          linkedAt: l.linkedAt,
          linkedBy: l.linkedBy,
        };
      }),
    }),
  };
});
