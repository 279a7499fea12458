/**
 * `GET /whoami`: the caller as the API sees it (organisation, role, scopes) — what the portal's sign-in
 * checks a key with and shows in its header. Public: an anonymous caller learns it is anonymous; a bad key
 * is a 401 like everywhere. Only the caller's own identity is answered, nothing of other organisations, so
 * there is no read to audit.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { ROLES, SCOPES } from '../../access/roles.js';
import { ProblemSchema } from '../problem.js';

export const WhoamiSchema = z.object({
  organisation: z.string().describe('organisation id of the key (`public` for anonymous callers)'),
  role: z.enum(ROLES),
  member: z.boolean().describe('an authenticated member of the community: sees community data'),
  seesAll: z.boolean().describe("sees every organisation's data (port authority)"),
  scopes: z.array(z.enum(SCOPES)),
});

export const whoamiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/whoami',
    {
      config: { access: ACCESS.public },
      schema: {
        tags: ['operations'],
        summary: 'Who the API key belongs to: organisation, role and scopes (anonymous without a key)',
        response: { 200: WhoamiSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    (request) => {
      const scope = request.accessScope;
      return {
        organisation: scope.orgId,
        role: scope.role,
        member: scope.member,
        seesAll: scope.all,
        scopes: [...scope.scopes],
      };
    },
  );
};
