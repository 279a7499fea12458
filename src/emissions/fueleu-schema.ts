/** The `fueleu` request (docs/emissions.md lists every field with its unit). */
import { z } from 'zod';
import { FUEL_PATHWAYS, GWP_SETS } from './fueleu-factors.js';

export const FuelUseSchema = z.strictObject({
  pathway: z.enum(FUEL_PATHWAYS),
  massT: z.number().finite().min(0).max(10_000_000),
  /** Share of this fuel's energy in scope, %: 100 intra-EU and at EU berths, 50 on EU↔non-EU voyages. */
  scopePct: z.number().finite().min(0).max(100).default(100),
  /** Actual well-to-tank value (certified), g CO2e/MJ, replacing the Annex II default. */
  wttGCo2ePerMj: z.number().finite().min(-200).max(500).optional(),
});

export const FuelEuRequestSchema = z.strictObject({
  method: z.literal('fueleu'),
  year: z.number().int().min(2025).max(2050),
  fuels: z.array(FuelUseSchema).min(1).max(50),
  shorePowerMj: z.number().finite().min(0).max(1e12).default(0),
  shorePowerWttGCo2ePerMj: z.number().finite().min(0).max(500).default(0),
  windRewardFactor: z.number().finite().min(0.95).max(1).default(1),
  consecutiveDeficitYears: z.number().int().min(1).max(100).default(1),
  gwp: z.enum(GWP_SETS).default('AR4'),
});

export type FuelUse = z.infer<typeof FuelUseSchema>;
export type FuelEuRequest = z.infer<typeof FuelEuRequestSchema>;
