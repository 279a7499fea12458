/**
 * The terminal registry (`src/domain/terminal-registry.ts`): `GET /terminals` and `GET /terminals/{code}`.
 * Public reference data (SMDG Terminal Code List and the port geography): no API key needed.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ACCESS } from '../../access/route-access.js';
import { z } from 'zod';
import { TerminalSchema, type Terminal } from '../../domain/terminal-registry.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import { ProblemSchema, problem } from '../problem.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('vessels');

const TerminalView = TerminalSchema.extend({
  zoneId: z
    .string()
    .nullable()
    .describe('zone of data-static/geo/san-pedro-bay.geojson (the `terminal` of vessel calls); null: none drawn'),
}).describe('A container terminal: SMDG code, name, operator, port, berths, map zone, sources');

const view = (t: Terminal): z.infer<typeof TerminalView> => ({ ...t, source: { ...t.source } });

export const terminalRoutes: FastifyPluginAsyncZod = async (app) => {
  const registry = loadTerminalRegistry();

  app.get(
    '/terminals',
    route(ACCESS.public, {
      summary: 'Container terminals of San Pedro Bay (SMDG code, operator, port, berths, map zone); public',
      security: [],
      response: { 200: z.object({ terminals: z.array(TerminalView) }), 400: ProblemSchema },
    }),
    () => ({ terminals: registry.terminals.map(view) }),
  );

  app.get(
    '/terminals/:code',
    route(ACCESS.public, {
      summary: 'One container terminal by its SMDG code (e.g. WBCT); public',
      security: [],
      params: z.object({ code: z.string().regex(/^[A-Z0-9]{1,6}$/, 'an SMDG terminal code, e.g. WBCT') }),
      response: { 200: TerminalView, 400: ProblemSchema, 404: ProblemSchema },
    }),
    (request) => {
      const terminal = registry.byCode(request.params.code);
      if (!terminal) {
        throw problem('PCS_TERMINAL_NOT_FOUND', `no terminal ${request.params.code}`, [
          { pointer: '/params/code', detail: 'not an SMDG code of this registry' },
        ]);
      }
      return view(terminal);
    },
  );
};
