/**
 * An organisation's defaults per ingest format (migration 0012): the zone of zone-less date-times and the
 * visibility of what it sends, used when an ingest request gives none (DESIGN §7 "Times"). Scope `admin`; the
 * caller must be an admin of that organisation or of the port authority (or the local system operator).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessScope } from '../../access/access-scope.js';
import { mayAdminister } from '../../access/administration.js';
import { VISIBILITIES } from '../../domain/canonical-event.js';
import { isValidTimeZone } from '../../domain/zoned-time.js';
import type { Platform } from '../../platform.js';
import type { OrganisationFormatSetting } from '../../store/organisation-format-settings.js';
import { ACCESS } from '../../access/route-access.js';
import { ProblemSchema, problem } from '../problem.js';
import { routesTagged } from '../route-options.js';
import { OrgFormatParams } from '../organisation-params.js';

const route = routesTagged('admin');

const FormatSettingSchema = z.object({
  orgId: z.string(),
  format: z.string(),
  timeZone: z.string().nullable().describe('IANA zone of zone-less date-times; null = not set'),
  visibility: z.enum(VISIBILITIES).nullable().describe('visibility of what the organisation sends; null = not set'),
  updatedAt: z.string().datetime().nullable(),
  updatedBy: z.string().nullable(),
});
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const view = (orgId: string, format: string, s: OrganisationFormatSetting | undefined) => ({
  orgId,
  format,
  timeZone: s?.timeZone ?? null,
  visibility: s?.visibility ?? null,
  updatedAt: s?.updatedAt ?? null,
  updatedBy: s?.updatedBy ?? null,
});

export const formatSettingRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const check = (request: FastifyRequest, orgId: string, format: string): Promise<AccessScope> =>
    checkOrganisationFormatAdmin(platform, request, orgId, format);

  app.get(
    '/admin/organisations/:id/formats/:format',
    route(ACCESS.admin, {
      summary: "An organisation's defaults for one ingest format (zone, visibility)",
      params: OrgFormatParams,
      response: { 200: FormatSettingSchema, ...errors },
    }),
    async (request) => {
      const { id, format } = request.params;
      await check(request, id, format);
      return view(id, format, await platform.formatSettings.get(id, format));
    },
  );

  app.put(
    '/admin/organisations/:id/formats/:format',
    route(ACCESS.admin, {
      summary: "Set an organisation's defaults for one ingest format",
      description:
        "Used when an ingest request gives no `timeZone` / `visibility`. A zone on the request always wins; the format's own convention (e.g. an X12 time code, EDIFACT format 303) applies to values that carry their zone. Omit a field to keep it, send null to clear it.",
      params: OrgFormatParams,
      body: z.object({
        timeZone: z.string().min(1).max(64).nullable().optional().describe('IANA zone, e.g. UTC, America/Los_Angeles'),
        visibility: z.enum(VISIBILITIES).nullable().optional(),
      }),
      response: { 200: FormatSettingSchema, ...errors },
    }),
    async (request) => {
      const { id, format } = request.params;
      const access = await check(request, id, format);
      const { timeZone, visibility } = request.body;
      if (typeof timeZone === 'string' && !isValidTimeZone(timeZone)) {
        throw problem(
          'PCS_ADMIN_BAD_TIMEZONE',
          `"${timeZone}" is not an IANA time zone this server knows (e.g. UTC, America/Los_Angeles)`,
          [{ pointer: '/body/timeZone', detail: 'not an IANA time zone' }],
        );
      }
      const saved = await platform.formatSettings.set(id, format, {
        timeZone,
        visibility,
        updatedBy: access.keyId ? `${access.orgId}/${access.keyId}` : access.orgId,
      });
      await platform.audit.record({
        orgId: access.orgId,
        apiKeyId: access.keyId,
        action: 'organisation.format-setting',
        resource: `/admin/organisations/${id}/formats/${format}`,
        detail: { timeZone: saved.timeZone, visibility: saved.visibility },
      });
      return view(id, format, saved);
    },
  );
};

/**
 * Checks scope, rights, organisation and format of a per-organisation, per-format setting (format defaults, CSV
 * layouts); answers the problems in that order.
 */
export async function checkOrganisationFormatAdmin(
  platform: Platform,
  request: FastifyRequest,
  orgId: string,
  format: string | undefined,
): Promise<AccessScope> {
  const access = request.accessScope;
  // The organisation's own admins, the port authority's admins and the local operator (access/administration.ts);
  // another organisation's admin is refused before the lookup, so the answer says nothing of which ids exist.
  const org = access.all || access.orgId === orgId ? await platform.organisations.get(orgId) : undefined;
  if (!(access.all || access.orgId === orgId) || (org && !mayAdminister(access, org))) {
    throw problem(
      'PCS_ADMIN_OTHER_ORG',
      `only an admin of "${orgId}" or of the port authority may read or change its format settings and CSV layouts`,
      [{ pointer: '/params/id', detail: 'an organisation this key does not administer' }],
    );
  }
  if (!org) {
    throw problem('PCS_ADMIN_ORG_NOT_FOUND', `organisation "${orgId}" does not exist`, [
      { pointer: '/params/id', detail: 'unknown organisation' },
    ]);
  }
  if (format !== undefined && !platform.parsers.get(format)) {
    throw problem(
      'PCS_ADMIN_UNKNOWN_FORMAT',
      `unknown format "${format}"; known formats: ${platform.parsers.formats().join(', ')}`,
      [{ pointer: '/params/format', detail: 'not a registered format (GET /ingest/formats)' }],
    );
  }
  return access;
}
