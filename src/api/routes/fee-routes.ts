/**
 * `GET /fees` (issue 13 "Fees"): demurrage and detention estimates for containers, by container numbers or by
 * bill of lading, as of an instant. What the caller may see of a box is what `GET /containers/{reference}`
 * shows (the same reader and ownership rule); a box the caller may not see is listed in `notFound`, exactly
 * like one that does not exist. Estimates come from the tariffs the server is configured with
 * (`OPENPCS_FEE_TARIFFS`, else the illustrative defaults, named in every estimate).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { DEFAULT_FEE_TARIFFS } from '../../domain/fees/default-fee-tariffs.js';
import {
  estimateDemurrage,
  estimateDetention,
  type FeeOutcome,
  type FeeSubject,
} from '../../domain/fees/fee-estimate.js';
import type { FeeTariff } from '../../domain/fees/fee-tariff.js';
import { validateContainerNumber } from '../../domain/identifiers/iso6346.js';
import { KNOWN_PORT_TIME_ZONES } from '../../domain/identifiers/un-locode.js';
import type { Platform } from '../../platform.js';
import { ContainerReader } from '../cargo/container-reader.js';
import type { ContainerSummary } from '../cargo/container-schema.js';
import { FeesResponseSchema } from '../cargo/fee-schema.js';
import { ProblemSchema, problem } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('cargo');

/** Most container numbers one request may name, and most boxes of one bill of lading answered. */
export const FEES_MAX_CONTAINERS = 50;
export const FEES_MAX_BILL_OF_LADING_BOXES = 500;

function lastFreeDayFrom(c: ContainerSummary): string | null {
  const source = c.lastFreeDaySource;
  if (!source) return null;
  if (source.kind === 'rule') return `free-time rule: ${source.rule}`;
  return `stated by terminal ${source.terminal ?? '?'} (${source.statedBy}) at ${source.statedAt}`;
}

function feeSubject(c: ContainerSummary): FeeSubject {
  return { ...c, lastFreeDayFrom: lastFreeDayFrom(c) };
}

/** The outcome as the schema types it (its arrays are mutable). */
const outcomeView = (o: FeeOutcome) =>
  o.status === 'ESTIMATED' ? { status: o.status, estimate: { ...o.estimate, days: [...o.estimate.days] } } : o;

export const feeRoutes: FastifyPluginAsyncZod<{ platform: Platform; tariffs?: readonly FeeTariff[] }> = async (
  app,
  { platform, tariffs = DEFAULT_FEE_TARIFFS },
) => {
  const containers = new ContainerReader(platform.database.db);

  app.get(
    '/fees',
    route(ACCESS.read, {
      summary: 'Demurrage and detention estimates for containers (by number or bill of lading), as of an instant',
      description:
        'For each box: the demurrage on the terminal (free time ends on its last free day, the terminal-stated one ' +
        'winning over the computed one) and the detention of the carrier (free days of the carrier tariff after ' +
        'gate-out), each with the tariff, the charged days with their rates, the amount so far and what one more ' +
        'day adds. Days are local dates in the port zone; weekend and holiday rules are the tariff’s. Boxes you may ' +
        'not see are listed in `notFound` like boxes that do not exist.',
      querystring: z.object({
        equipmentReference: z
          .string()
          .max(FEES_MAX_CONTAINERS * 12)
          .optional()
          .describe(`container numbers, comma-separated (at most ${FEES_MAX_CONTAINERS})`),
        transportDocumentReference: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,35}$/, 'a bill of lading number (1-35 letters, digits or -)')
          .optional()
          .describe('bill of lading number: every box on it you may see'),
        at: QueryInstant.optional().describe('the instant of the estimate (default: now)'),
      }),
      response: { 200: FeesResponseSchema, 400: ProblemSchema, 401: ProblemSchema },
    }),
    async (request) => {
      const scope = request.accessScope;
      const { equipmentReference, transportDocumentReference, at } = request.query;
      if (equipmentReference === undefined && transportDocumentReference === undefined) {
        throw problem('PCS_API_VALIDATION', 'name containers (equipmentReference) or a bill of lading', [
          {
            pointer: '/query/equipmentReference',
            detail: 'equipmentReference or transportDocumentReference is required',
            code: 'PCS_API_VALIDATION',
          },
        ]);
      }
      const refs = equipmentReference === undefined ? [] : equipmentReference.split(',').map((r) => r.trim());
      if (refs.length > FEES_MAX_CONTAINERS) {
        throw problem('PCS_API_VALIDATION', `at most ${FEES_MAX_CONTAINERS} container numbers`, [
          { pointer: '/query/equipmentReference', detail: `${refs.length} given`, code: 'PCS_API_VALIDATION' },
        ]);
      }
      const numbers: string[] = [];
      for (const ref of refs) {
        const checked = validateContainerNumber(ref);
        if (!checked.ok) {
          throw problem(checked.code, `${ref}: ${checked.reason}`, [
            { pointer: '/query/equipmentReference', detail: `${ref}: ${checked.reason}`, code: checked.code },
          ]);
        }
        if (!numbers.includes(checked.value)) numbers.push(checked.value);
      }

      const found: ContainerSummary[] = [];
      const notFound: string[] = [];
      for (const ref of numbers) {
        const box = await containers.detail(ref, scope);
        if (box) found.push(box);
        else notFound.push(ref);
      }
      if (transportDocumentReference !== undefined) {
        const onBill = await containers.list(
          { transportDocumentReference, limit: FEES_MAX_BILL_OF_LADING_BOXES },
          scope,
        );
        for (const box of onBill.containers) {
          if (!found.some((f) => f.equipmentReference === box.equipmentReference)) found.push(box);
        }
      }

      const asOf = at ?? new Date().toISOString();
      const answer = {
        asOf,
        containers: found.map((box) => {
          const zone = (box.unLocationCode && KNOWN_PORT_TIME_ZONES[box.unLocationCode]) || 'UTC';
          const subject = feeSubject(box);
          return {
            equipmentReference: box.equipmentReference,
            status: box.status,
            terminalCode: box.terminalCode,
            demurrage: outcomeView(estimateDemurrage(subject, tariffs, asOf, zone)),
            detention: outcomeView(estimateDetention(subject, tariffs, asOf, zone)),
          };
        }),
        notFound,
      };
      // Fees derive from holds, dates and bills of lading: restricted data, every read is audited.
      auditedRead(platform.audit, request, scope, '/fees', found.length > 0, {
        containers: found.length,
        notFound: notFound.length,
      });
      return answer;
    },
  );
};
