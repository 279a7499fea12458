/** The `epa-port-call` request (docs/emissions.md lists every field with its unit). */
import { z } from 'zod';
import { EPA_AUX_ENGINES, EPA_FUELS, EPA_MODES, EPA_PROPULSION_ENGINES } from './epa-factors.js';

const kw = z.number().finite().min(0).max(1_000_000);
const modePower = z.strictObject(
  Object.fromEntries(EPA_MODES.map((m) => [m, kw.optional()])) as Record<
    (typeof EPA_MODES)[number],
    z.ZodOptional<typeof kw>
  >,
);

export const EpaPortCallRequestSchema = z.strictObject({
  method: z.literal('epa-port-call'),
  ship: z
    .strictObject({
      propulsionMcrKw: z.number().finite().positive().max(200_000),
      maxSpeedKn: z.number().finite().positive().max(60).optional(),
      serviceSpeedKn: z.number().finite().positive().max(60).optional(),
      propulsionEngine: z.enum(EPA_PROPULSION_ENGINES),
      auxEngine: z.enum(EPA_AUX_ENGINES).default('MSD'),
      keelLaidYear: z.number().int().min(1900).max(2100),
      tier: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
      fuel: z.enum(EPA_FUELS),
      auxFuel: z.enum(EPA_FUELS).optional(),
      boilerFuel: z.enum(['MGO', 'HFO']).optional(),
      sulphurPct: z.number().finite().min(0).max(5).optional(),
      containerTeu: z.number().finite().positive().max(40_000).optional(),
      auxKw: modePower.optional(),
      boilerKw: modePower.optional(),
    })
    .refine((s) => s.maxSpeedKn !== undefined || s.serviceSpeedKn !== undefined, {
      message: 'give maxSpeedKn or serviceSpeedKn',
      path: ['maxSpeedKn'],
    }),
  serviceMarginPct: z.number().finite().min(0).max(50).default(0),
  modes: z
    .array(
      z.strictObject({
        mode: z.enum(EPA_MODES),
        hours: z.number().finite().min(0).max(10_000),
        speedKn: z.number().finite().min(0).max(60).default(0),
      }),
    )
    .min(1)
    .max(100),
});

export type EpaPortCallRequest = z.infer<typeof EpaPortCallRequestSchema>;
