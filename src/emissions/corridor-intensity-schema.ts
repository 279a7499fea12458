/** The `corridor-intensity` request (docs/emissions.md lists every field with its unit). */
import { z } from 'zod';
import { FUEL_PATHWAYS, GWP_SETS } from './fueleu-factors.js';

export const CorridorIntensityRequestSchema = z.strictObject({
  method: z.literal('corridor-intensity'),
  fuels: z
    .array(
      z.strictObject({
        pathway: z.enum(FUEL_PATHWAYS),
        massT: z.number().finite().min(0).max(10_000_000),
        wttGCo2ePerMj: z.number().finite().min(-200).max(500).optional(),
      }),
    )
    .min(1)
    .max(50),
  distanceKm: z.number().finite().positive().max(100_000),
  /** TEU carried on the leg (actual payload), the transport activity's TEU. */
  teuCarried: z.number().finite().positive().max(40_000),
  /** Nominal capacity, TEU: when given, the Clean Cargo-style factor (capacity · km, 70 % utilisation) is added. */
  nominalCapacityTeu: z.number().finite().positive().max(40_000).optional(),
  gwp: z.enum(GWP_SETS).default('AR4'),
  shipments: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(64),
        teu: z.number().finite().positive().max(40_000),
        distanceKm: z.number().finite().positive().max(100_000).optional(),
      }),
    )
    .max(10_000)
    .default([]),
});

export type CorridorIntensityRequest = z.infer<typeof CorridorIntensityRequestSchema>;
