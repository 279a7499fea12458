/** The `ghg4-interval` request (docs/emissions.md lists every field with its unit). */
import { z } from 'zod';
import { FUELS } from './fuels.js';
import { GHG4_ENGINES, GHG4_PHASES, GHG4_SHIP_TYPES } from './ghg4-factors.js';

const kw = z.number().finite().min(0).max(1_000_000);
const phasePower = z.strictObject(
  Object.fromEntries(GHG4_PHASES.map((p) => [p, kw.optional()])) as Record<
    (typeof GHG4_PHASES)[number],
    z.ZodOptional<typeof kw>
  >,
);

export const Ghg4ShipSchema = z.strictObject({
  shipType: z.enum(GHG4_SHIP_TYPES),
  teu: z.number().finite().positive().max(40_000).optional(),
  dwt: z.number().finite().positive().max(600_000).optional(),
  gt: z.number().finite().positive().max(300_000).optional(),
  mainEngineMcrKw: z.number().finite().positive().max(200_000),
  designSpeedKn: z.number().finite().positive().max(60),
  designDraughtM: z.number().finite().positive().max(30).optional(),
  mainEngine: z.enum(GHG4_ENGINES),
  builtYear: z.number().int().min(1900).max(2100),
  fuel: z.enum(FUELS),
  auxFuel: z.enum(FUELS).optional(),
  boilerFuel: z.enum(FUELS).optional(),
  sulphurPct: z.number().finite().min(0).max(5).optional(),
  nitrogenTier: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  auxKw: phasePower.optional(),
  /** Installed auxiliary power (sum of the generator sets): no phase's auxiliary load may exceed it. */
  auxInstalledKw: kw.optional(),
  boilerKw: phasePower.optional(),
});

export const Ghg4IntervalSchema = z.strictObject({
  hours: z.number().finite().min(0).max(10_000),
  speedOverGroundKn: z.number().finite().min(0).max(60),
  draughtM: z.number().finite().positive().max(30).optional(),
  phase: z.enum(GHG4_PHASES).optional(),
  distanceToPortNm: z.number().finite().min(0).optional(),
  distanceToCoastNm: z.number().finite().min(0).optional(),
});

export const Ghg4IntervalRequestSchema = z
  .strictObject({
    method: z.literal('ghg4-interval'),
    ship: Ghg4ShipSchema,
    intervals: z.array(Ghg4IntervalSchema).min(1).max(100_000),
  })
  .superRefine((r, ctx) => {
    r.intervals.forEach((i, n) => {
      if (i.phase === undefined && i.distanceToPortNm === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['intervals', n, 'distanceToPortNm'],
          message: 'give phase, or distanceToPortNm to derive it (GHG4 Table 16)',
        });
      }
    });
  });

export type Ghg4Ship = z.infer<typeof Ghg4ShipSchema>;
export type Ghg4Interval = z.infer<typeof Ghg4IntervalSchema>;
export type Ghg4IntervalRequest = z.infer<typeof Ghg4IntervalRequestSchema>;
