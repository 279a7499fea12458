/** The `cii` request (docs/emissions.md lists every field with its unit). */
import { z } from 'zod';
import { CII_SHIP_TYPES } from './cii-factors.js';
import { FUELS } from './fuels.js';

export const CiiRequestSchema = z
  .strictObject({
    method: z.literal('cii'),
    shipType: z.enum(CII_SHIP_TYPES),
    dwt: z.number().finite().positive().max(600_000).optional(),
    gt: z.number().finite().positive().max(300_000).optional(),
    year: z.number().int().min(2023).max(2030),
    fuelConsumption: z
      .array(z.strictObject({ fuel: z.enum(FUELS), massT: z.number().finite().min(0).max(10_000_000) }))
      .min(1)
      .max(20),
    distanceNm: z.number().finite().positive().max(1_000_000),
    /** Which band a value exactly on a boundary falls in: the worse (default) or the better. */
    boundaryEquality: z.enum(['worse', 'better']).default('worse'),
  })
  .superRefine((r, ctx) => {
    const gtTypes = [
      'ro_ro_vehicle_carrier',
      'ro_ro_cargo',
      'ro_ro_passenger',
      'ro_ro_passenger_hsc',
      'cruise_passenger',
    ];
    const needs = gtTypes.includes(r.shipType) ? 'gt' : 'dwt';
    if (r[needs] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [needs],
        message: `${r.shipType} needs its capacity as ${needs.toUpperCase()}`,
      });
    }
  });

export type CiiRequest = z.infer<typeof CiiRequestSchema>;
