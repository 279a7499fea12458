/**
 * The calculator: validates a request against its method's schema and runs the method. Bad input never throws: the
 * answer is `{ ok: false, issues }` with a JSON pointer per issue (`PCS_EMISSIONS_INVALID_REQUEST` for a shape the
 * schema refuses, `PCS_EMISSIONS_NO_FACTOR` for a valid request the factor tables cannot answer).
 */
import type { z } from 'zod';
import { computeCii, type CiiResult } from './cii.js';
import { computeCorridorIntensity, type CorridorIntensityResult } from './corridor-intensity.js';
import { EmissionsInputError } from './emissions-input-error.js';
import { EMISSIONS_METHODS, EMISSIONS_REQUEST_SCHEMAS, type EmissionsMethod } from './emissions-request-schema.js';
import { computeEpaPortCall, type EpaPortCallResult } from './epa-port-call.js';
import { computeFuelEu, type FuelEuResult } from './fueleu.js';
import { computeGhg4, type Ghg4Result } from './ghg4-interval.js';
import { computeShorePower, type ShorePowerResult } from './shore-power.js';

export type EmissionsResult =
  Ghg4Result | EpaPortCallResult | ShorePowerResult | CiiResult | FuelEuResult | CorridorIntensityResult;

export type EmissionsIssueCode = 'PCS_EMISSIONS_INVALID_REQUEST' | 'PCS_EMISSIONS_NO_FACTOR';

export interface EmissionsIssue {
  readonly code: EmissionsIssueCode;
  /** JSON pointer into the request. */
  readonly pointer: string;
  readonly detail: string;
}

export type EmissionsOutcome =
  | { readonly ok: true; readonly result: EmissionsResult }
  | { readonly ok: false; readonly issues: readonly EmissionsIssue[] };

const pointerOf = (path: readonly PropertyKey[]): string =>
  path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function invalid(issues: readonly z.core.$ZodIssue[]): EmissionsOutcome {
  return {
    ok: false,
    issues: issues.slice(0, 100).map((i) => ({
      code: 'PCS_EMISSIONS_INVALID_REQUEST' as const,
      pointer: pointerOf(i.path),
      detail: i.message,
    })),
  };
}

const isMethod = (value: unknown): value is EmissionsMethod =>
  typeof value === 'string' && (EMISSIONS_METHODS as readonly string[]).includes(value);

/** Defaults a deployment sets: the grid CO2 factor of `shore-power` when a request gives none. */
export interface EmissionsDefaults {
  readonly gridCo2GPerKwh?: number | undefined;
}

export function computeEmissions(request: unknown, defaults: EmissionsDefaults = {}): EmissionsOutcome {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return {
      ok: false,
      issues: [{ code: 'PCS_EMISSIONS_INVALID_REQUEST', pointer: '', detail: 'a JSON object is expected' }],
    };
  }
  const method = (request as { method?: unknown }).method;
  if (!isMethod(method)) {
    return {
      ok: false,
      issues: [
        {
          code: 'PCS_EMISSIONS_INVALID_REQUEST',
          pointer: '/method',
          detail: `method must be one of ${EMISSIONS_METHODS.join(', ')}`,
        },
      ],
    };
  }
  try {
    switch (method) {
      case 'ghg4-interval': {
        const parsed = EMISSIONS_REQUEST_SCHEMAS[method].safeParse(request);
        return parsed.success ? { ok: true, result: computeGhg4(parsed.data) } : invalid(parsed.error.issues);
      }
      case 'epa-port-call': {
        const parsed = EMISSIONS_REQUEST_SCHEMAS[method].safeParse(request);
        return parsed.success ? { ok: true, result: computeEpaPortCall(parsed.data) } : invalid(parsed.error.issues);
      }
      case 'shore-power': {
        const parsed = EMISSIONS_REQUEST_SCHEMAS[method].safeParse(request);
        return parsed.success
          ? { ok: true, result: computeShorePower(parsed.data, defaults.gridCo2GPerKwh) }
          : invalid(parsed.error.issues);
      }
      case 'cii': {
        const parsed = EMISSIONS_REQUEST_SCHEMAS[method].safeParse(request);
        return parsed.success ? { ok: true, result: computeCii(parsed.data) } : invalid(parsed.error.issues);
      }
      case 'fueleu': {
        const parsed = EMISSIONS_REQUEST_SCHEMAS[method].safeParse(request);
        return parsed.success ? { ok: true, result: computeFuelEu(parsed.data) } : invalid(parsed.error.issues);
      }
      case 'corridor-intensity': {
        const parsed = EMISSIONS_REQUEST_SCHEMAS[method].safeParse(request);
        return parsed.success
          ? { ok: true, result: computeCorridorIntensity(parsed.data) }
          : invalid(parsed.error.issues);
      }
    }
  } catch (error) {
    if (error instanceof EmissionsInputError) {
      return { ok: false, issues: [{ code: 'PCS_EMISSIONS_NO_FACTOR', pointer: error.pointer, detail: error.detail }] };
    }
    throw error;
  }
}
