/** The `shore-power` request (docs/emissions.md lists every field with its unit). */
import { z } from 'zod';
import { EPA_AUX_ENGINES, EPA_FUELS } from './epa-factors.js';

const gPerKwh = z.number().finite().min(0).max(5_000);

export const ShorePowerRequestSchema = z
  .strictObject({
    method: z.literal('shore-power'),
    ship: z.strictObject({
      auxEngine: z.enum(EPA_AUX_ENGINES).default('MSD'),
      auxFuel: z.enum(EPA_FUELS).default('MGO'),
      boilerFuel: z.enum(['MGO', 'HFO']).default('MGO'),
      sulphurPct: z.number().finite().min(0).max(5).optional(),
      keelLaidYear: z.number().int().min(1900).max(2100),
      tier: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
      containerTeu: z.number().finite().positive().max(40_000).optional(),
      hotellingAuxKw: z.number().finite().min(0).max(100_000).optional(),
      hotellingBoilerKw: z.number().finite().min(0).max(100_000).optional(),
      /** Whether the ship heats electrically when connected (then the boiler load moves to shore power too). */
      boilerElectrified: z.boolean().default(false),
    }),
    berthHours: z.number().finite().min(0).max(10_000),
    connectedHours: z.number().finite().min(0).max(10_000),
    grid: z
      .strictObject({
        co2GPerKwh: gPerKwh.optional(),
        noxGPerKwh: gPerKwh.default(0),
        so2GPerKwh: gPerKwh.default(0),
        pm10GPerKwh: gPerKwh.default(0),
        ch4GPerKwh: gPerKwh.default(0),
        n2oGPerKwh: gPerKwh.default(0),
        transmissionLossPct: z.number().finite().min(0).max(50).optional(),
      })
      .default({ noxGPerKwh: 0, so2GPerKwh: 0, pm10GPerKwh: 0, ch4GPerKwh: 0, n2oGPerKwh: 0 }),
  })
  .refine((r) => r.connectedHours <= r.berthHours, {
    message: 'connectedHours cannot exceed berthHours',
    path: ['connectedHours'],
  });

export type ShorePowerRequest = z.infer<typeof ShorePowerRequestSchema>;
