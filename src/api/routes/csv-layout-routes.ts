/**
 * Declared CSV layouts (docs/csv-layouts.md): an organisation's own column names, value maps, date-time patterns and
 * row splitting for one CSV format, stored in versions. Scope `admin`; the caller must be an admin of that
 * organisation or of the port authority (or the local system operator), as for the format defaults. A layout is
 * validated when it is stored: unknown columns, bad patterns and unknown zones are a 400 with a pointer into the body.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSV_LAYOUT_FORMATS } from '../../ingest/csv/csv-layout-columns.js';
import { CsvLayoutSchema, validateCsvLayout } from '../../ingest/csv/csv-layout.js';
import type { Platform } from '../../platform.js';
import type { StoredCsvLayout } from '../../store/csv-layout-repository.js';
import { ACCESS } from '../../access/route-access.js';
import { auditedRead } from '../read-audit-hook.js';
import { ProblemSchema, problem } from '../problem.js';
import { checkOrganisationFormatAdmin } from './format-setting-routes.js';
import { routesTagged } from '../route-options.js';
import { OrgFormatParams, OrgId } from '../organisation-params.js';

const route = routesTagged('admin');

const VersionSchema = z.object({
  orgId: z.string(),
  format: z.string(),
  version: z.number().int().describe('1 for the first layout stored, one more for each change'),
  createdAt: z.string().datetime(),
  createdBy: z.string().nullable(),
});
const LayoutProblem = z.object({ pointer: z.string(), detail: z.string() });
const LayoutSchema = VersionSchema.extend({
  layout: z
    .union([CsvLayoutSchema, z.record(z.string(), z.unknown())])
    .describe('the layout as stored; one that no longer validates is shown as it was stored, with its problems'),
  problems: z
    .array(LayoutProblem)
    .describe(
      "what today's rules find wrong with this version (pointer into `layout`); empty when it is valid. A current version with problems is not applied: each message of the format is rejected with PCS_CSV_LAYOUT_INVALID until a corrected version is stored",
    ),
});
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/**
 * A stored version as it is answered: validated under today's rules, so a version stored before a rule was tightened
 * is shown as stored with what is wrong with it (never a 500: it is the caller's own data, and what must be fixed).
 */
const view = (stored: StoredCsvLayout): z.infer<typeof LayoutSchema> => {
  const valid = validateCsvLayout(stored.format, stored.layout);
  return {
    orgId: stored.orgId,
    format: stored.format,
    version: stored.version,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    layout: valid.ok ? valid.layout : stored.layout,
    problems: valid.ok ? [] : valid.problems.map((p) => ({ pointer: p.pointer, detail: p.detail })),
  };
};

export const csvLayoutRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.put(
    '/admin/organisations/:id/csv-layouts/:format',
    route(ACCESS.admin, {
      summary: "Store a new version of an organisation's CSV layout for one format",
      description:
        "From the next message on, the organisation's CSV messages of this format are read through the layout: column renames, constants, value maps, date-time patterns and zone, row splitting (docs/csv-layouts.md). Each PUT stores a new version; earlier versions stay readable. Replaying a dead letter applies the current version.",
      params: OrgFormatParams,
      body: CsvLayoutSchema,
      response: { 200: LayoutSchema, ...errors },
    }),
    async (request) => {
      const { id, format } = request.params;
      const access = await checkOrganisationFormatAdmin(platform, request, id, format);
      if (!CSV_LAYOUT_FORMATS.includes(format)) {
        throw problem(
          'PCS_ADMIN_BAD_CSV_LAYOUT',
          `"${format}" is not a CSV format with declared layouts; layouts are for ${CSV_LAYOUT_FORMATS.join(', ')}`,
          [{ pointer: '/params/format', detail: 'not a CSV format that takes a layout' }],
        );
      }
      const valid = validateCsvLayout(format, request.body);
      if (!valid.ok) {
        const problems = valid.problems.map((p) => ({ pointer: `/body${p.pointer}`, detail: p.detail }));
        throw problem(
          'PCS_ADMIN_BAD_CSV_LAYOUT',
          problems.map((p) => `${p.pointer}: ${p.detail}`).join('; '),
          problems,
        );
      }
      const stored = await platform.csvLayouts.add(
        id,
        format,
        valid.layout,
        access.keyId ? `${access.orgId}/${access.keyId}` : access.orgId,
      );
      await platform.audit.record({
        orgId: access.orgId,
        apiKeyId: access.keyId,
        action: 'organisation.csv-layout',
        resource: `/admin/organisations/${id}/csv-layouts/${format}`,
        detail: { version: stored.version },
      });
      return view(stored);
    },
  );

  app.get(
    '/admin/organisations/:id/csv-layouts/:format',
    route(ACCESS.admin, {
      summary: "An organisation's CSV layout for one format: the current version, or the one asked for",
      params: OrgFormatParams,
      querystring: z.object({
        version: z.coerce.number().int().min(1).optional().describe('a stored version (default: the current one)'),
      }),
      response: { 200: LayoutSchema, ...errors },
    }),
    async (request) => {
      const { id, format } = request.params;
      const access = await checkOrganisationFormatAdmin(platform, request, id, format);
      const stored = await platform.csvLayouts.get(id, format, request.query.version);
      if (!stored) {
        const which = request.query.version === undefined ? 'no layout' : `no version ${request.query.version}`;
        throw problem('PCS_ADMIN_CSV_LAYOUT_NOT_FOUND', `${id} has ${which} for ${format}`, [
          request.query.version === undefined
            ? { pointer: '/params/format', detail: 'no layout stored for this format' }
            : { pointer: '/query/version', detail: 'no such version' },
        ]);
      }
      auditedRead(platform.audit, request, access, `/admin/organisations/${id}/csv-layouts/${format}`, true, {
        version: stored.version,
      });
      return view(stored);
    },
  );

  app.get(
    '/admin/organisations/:id/csv-layouts',
    route(ACCESS.admin, {
      summary: "Every stored version of an organisation's CSV layouts",
      params: z.object({ id: OrgId }),
      querystring: z.object({ format: z.string().min(1).max(64).optional().describe('only this format') }),
      response: { 200: z.object({ versions: z.array(VersionSchema) }), ...errors },
    }),
    async (request) => {
      const { id } = request.params;
      const access = await checkOrganisationFormatAdmin(platform, request, id, request.query.format);
      const versions = await platform.csvLayouts.versions(id, request.query.format);
      auditedRead(platform.audit, request, access, `/admin/organisations/${id}/csv-layouts`, versions.length > 0);
      return { versions };
    },
  );
};
