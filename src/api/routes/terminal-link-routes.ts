/**
 * Which terminals an organisation operates (migration 0017; the rule is `access/operated-terminals.ts`): a
 * `terminal` organisation states facts only at the terminals it is linked to. Scope `admin`. Reading the links
 * is for the organisation's own admins and the port authority's; setting them is for the port authority (and
 * the local operator) only — a terminal that linked itself to another's code would undo the rule.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mayLinkTerminals } from '../../access/operated-terminals.js';
import { ACCESS } from '../../access/route-access.js';
import type { TerminalRegistry } from '../../domain/terminal-registry.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import type { Platform } from '../../platform.js';
import type { TerminalLink } from '../../store/operated-terminals.js';
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

function view(registry: TerminalRegistry, orgId: string, links: readonly TerminalLink[]) {
  return {
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
  };
}

export const terminalLinkRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const registry = loadTerminalRegistry();
  app.get(
    '/admin/organisations/:id/terminals',
    {
      config: { access: ACCESS.admin },
      schema: {
        tags: ['admin'],
        summary: 'The terminals an organisation operates (the ones it may state facts at)',
        params: z.object({ id: OrgId }),
        response: { 200: OperatedTerminalsSchema, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      await assertMayReadLinks(platform, request.accessScope, id, 'terminals');
      return view(registry, id, await platform.operatedTerminals.list(id));
    },
  );

  app.put(
    '/admin/organisations/:id/terminals',
    {
      config: { access: ACCESS.admin },
      schema: {
        tags: ['admin'],
        summary: 'Set the terminals an organisation operates (port authority only)',
        description:
          'Replaces the list. An organisation with the role `terminal` states availability, last free days, gate, vessel and rail moves only at the terminals it is linked to; a row at another terminal is rejected to the dead letter (`PCS_INGEST_TERMINAL_NOT_OPERATED`). A link change applies from the next processed message. An empty list clears the links.',
        params: z.object({ id: OrgId }),
        body: z.strictObject({
          terminals: z.array(SmdgCode).max(100).describe('SMDG codes of the terminal registry (GET /terminals)'),
        }),
        response: { 200: OperatedTerminalsSchema, ...errors },
      },
    },
    async (request) => {
      const scope = request.accessScope;
      const { id } = request.params;
      assertMaySetLinks(
        mayLinkTerminals(scope),
        'PCS_ADMIN_TERMINALS_PORT_AUTHORITY',
        'which terminals an organisation operates',
      );
      const unknown = request.body.terminals.flatMap((code, i) =>
        registry.byCode(code) ? [] : [{ pointer: `/body/terminals/${i}`, detail: `${code} is not in GET /terminals` }],
      );
      if (unknown.length > 0) {
        throw problem(
          'PCS_ADMIN_UNKNOWN_TERMINAL',
          `not a terminal of the registry: ${unknown.map((u) => u.detail.split(' ')[0]).join(', ')}`,
          unknown,
        );
      }
      await assertLinkable(platform, id, request.body.terminals.length, {
        role: 'terminal',
        code: 'PCS_ADMIN_NOT_A_TERMINAL',
        what: 'operates terminals',
      });
      const links = await platform.operatedTerminals.replace(id, request.body.terminals, linkedBy(scope));
      await auditLinks(
        platform,
        scope,
        id,
        'terminals',
        links.map((l) => l.terminalCode),
      );
      return view(registry, id, links);
    },
  );
};
