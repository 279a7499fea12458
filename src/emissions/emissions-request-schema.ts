/**
 * The calculator request of `POST /emissions/compute` and `openpcs emissions compute`: one object whose `method`
 * picks the schema (docs/emissions.md). Unknown fields are refused at every level.
 */
import type { z } from 'zod';
import { CiiRequestSchema } from './cii-schema.js';
import { CorridorIntensityRequestSchema } from './corridor-intensity-schema.js';
import { EpaPortCallRequestSchema } from './epa-port-call-schema.js';
import { FuelEuRequestSchema } from './fueleu-schema.js';
import { Ghg4IntervalRequestSchema } from './ghg4-interval-schema.js';
import { ShorePowerRequestSchema } from './shore-power-schema.js';

export const EMISSIONS_METHODS = [
  'ghg4-interval',
  'epa-port-call',
  'shore-power',
  'cii',
  'fueleu',
  'corridor-intensity',
] as const;
export type EmissionsMethod = (typeof EMISSIONS_METHODS)[number];

export const EMISSIONS_REQUEST_SCHEMAS = {
  'ghg4-interval': Ghg4IntervalRequestSchema,
  'epa-port-call': EpaPortCallRequestSchema,
  'shore-power': ShorePowerRequestSchema,
  cii: CiiRequestSchema,
  fueleu: FuelEuRequestSchema,
  'corridor-intensity': CorridorIntensityRequestSchema,
} as const satisfies Record<EmissionsMethod, z.ZodType>;

export type EmissionsRequest = {
  [M in EmissionsMethod]: z.infer<(typeof EMISSIONS_REQUEST_SCHEMAS)[M]>;
}[EmissionsMethod];
