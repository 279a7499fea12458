/**
 * `POST /emissions/compute` (issue 15): the public emissions calculator. The body is a request of one method
 * (`ghg4-interval`, `epa-port-call`, `shore-power`, `cii`, `fueleu`, `corridor-intensity`; docs/emissions.md lists
 * every field with its unit); the answer holds every intermediate quantity (power, load factor, fuel, each
 * pollutant). It reads no stored data, so any authenticated member may use it (`ACCESS.compute`) and there is no
 * read to audit. Bad input is a 400 problem with a JSON pointer per bad field (`/body/...`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import { computeEmissions } from '../../emissions/compute-emissions.js';
import { EMISSIONS_METHODS, type EmissionsMethod } from '../../emissions/emissions-request-schema.js';
import { ProblemSchema, problem } from '../problem.js';
import { routesTagged } from '../route-options.js';

const route = routesTagged('emissions');

/** Largest request body, bytes: a month of hourly GHG4 intervals is ~100 KiB. */
export const EMISSIONS_BODY_LIMIT_BYTES = 1024 * 1024;

export const emissionsRoutes: FastifyPluginAsyncZod<{ gridCo2GPerKwh: number }> = async (app, options) => {
  app.post(
    '/emissions/compute',
    {
      ...route(ACCESS.compute, {
        summary: 'Compute emissions by a published method (IMO GHG4, EPA 2022, shore power, CII, FuelEU, ISO 14083)',
        description:
          'The body names its `method` and gives that method’s inputs (docs/emissions.md, field by field with units; ' +
          'unknown fields are refused). The answer is the method’s result with every intermediate quantity, masses ' +
          'in grams (`co2G`, `noxG`, ...), power in kW, energy in kWh or MJ. Reads no stored data.',
        body: z.unknown().describe(`a request object; \`method\` is one of ${EMISSIONS_METHODS.join(', ')}`),
        response: {
          200: z.looseObject({ method: z.enum(EMISSIONS_METHODS) }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
        },
      }),
      bodyLimit: EMISSIONS_BODY_LIMIT_BYTES,
    },
    (request) => {
      const outcome = computeEmissions(request.body, { gridCo2GPerKwh: options.gridCo2GPerKwh });
      // The result types are closed interfaces; the loose answer schema passes every field through.
      if (outcome.ok) {
        const answer: Record<string, unknown> & { method: EmissionsMethod } = { ...outcome.result };
        return answer;
      }
      const errors = outcome.issues.map((i) => ({ pointer: `/body${i.pointer}`, detail: i.detail, code: i.code }));
      throw problem(outcome.issues[0]!.code, errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors);
    },
  );
};
