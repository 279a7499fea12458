/**
 * Green shipping corridors as configured entities (issue 15; docs/emissions.md "Green corridors"): which ports a
 * corridor joins (UN/LOCODE), the sea distance, the typical service speed, the agreement it rests on and its target
 * pathway (year → maximum well-to-wake intensity, g CO2e/MJ, and minimum share of voyages on low/zero-carbon fuel).
 * The shipped file is `data-static/corridors/green-corridors.json`; the port authority replaces it with its own
 * (`OPENPCS_GREEN_CORRIDORS`), validated by this schema at start-up. `vessels` is the particulars register: what the
 * port knows of a ship that AIS does not say (fuel, TEU capacity, engine power, design speed), keyed by IMO number.
 */
import { z } from 'zod';
import { FUEL_PATHWAYS, type FuelPathway } from './fueleu-factors.js';

const unLocode = z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'a UN/LOCODE (5 characters)');

const PortSchema = z.strictObject({
  name: z.string().min(1).max(100),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

const PathwayStepSchema = z
  .strictObject({
    year: z.number().int().min(2020).max(2100),
    /** Largest attained well-to-wake intensity of the corridor's voyages that year, g CO2e/MJ. */
    maxWtwGCo2ePerMj: z.number().min(-100).max(200).optional(),
    /** Smallest share of the corridor's voyages on low/zero-carbon fuel that year, %. */
    minLowZeroCarbonSharePct: z.number().min(0).max(100).optional(),
  })
  .refine((s) => s.maxWtwGCo2ePerMj !== undefined || s.minLowZeroCarbonSharePct !== undefined, {
    message: 'a pathway step needs maxWtwGCo2ePerMj or minLowZeroCarbonSharePct',
  });

export const CorridorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a corridor id: lower-case letters, digits, `-`'),
  name: z.string().min(1).max(200),
  /** The San Pedro Bay ports of the corridor. */
  homePorts: z.array(unLocode).min(1).max(10),
  /** The partner port(s) at the other end. */
  partnerPorts: z.array(unLocode).min(1).max(10),
  /** Sea-route distance between the ends, nautical miles; absent = great circle between the ports (flagged). */
  seaDistanceNm: z.number().positive().max(30_000).optional(),
  seaDistanceSource: z.string().min(1).max(500).optional(),
  /** Ocean-leg speed when the product knows no departure from the other end, knots. */
  serviceSpeedKn: z.number().positive().max(40),
  agreement: z.string().min(1).max(500),
  pathway: z.array(PathwayStepSchema).min(1).max(100),
  pathwaySource: z.string().min(1).max(1000),
});

export const VesselParticularsSchema = z.strictObject({
  imo: z.string().regex(/^\d{7}$/, 'an IMO number (7 digits)'),
  /** Main fuel, a FuelEU Annex II pathway (auxiliaries and boilers burn it too, methanol ships MDO there). */
  fuel: z.enum(FUEL_PATHWAYS),
  teu: z.number().positive().max(40_000).optional(),
  mainEngineMcrKw: z.number().positive().max(200_000).optional(),
  designSpeedKn: z.number().positive().max(60).optional(),
  builtYear: z.number().int().min(1900).max(2100).optional(),
  source: z.string().min(1).max(500),
});

export const GreenCorridorConfigSchema = z
  .strictObject({
    source: z.string().min(1).max(1000),
    /** Fuel assumed for a ship the register does not list. */
    defaultFuel: z.enum(FUEL_PATHWAYS),
    /** A fuel at or below this WtW intensity (g CO2e/MJ) counts as low/zero-carbon. */
    lowZeroCarbonMaxWtwGCo2ePerMj: z.number().min(-100).max(200),
    lowZeroCarbonSource: z.string().min(1).max(500),
    ports: z.record(unLocode, PortSchema),
    corridors: z.array(CorridorSchema).min(1).max(100),
    vessels: z.array(VesselParticularsSchema).max(100_000).default([]),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.corridors.forEach((corridor, n) => {
      if (ids.has(corridor.id)) {
        ctx.addIssue({ code: 'custom', path: ['corridors', n, 'id'], message: `duplicate corridor id ${corridor.id}` });
      }
      ids.add(corridor.id);
      for (const port of [...corridor.homePorts, ...corridor.partnerPorts]) {
        if (!(port in c.ports)) {
          ctx.addIssue({ code: 'custom', path: ['corridors', n], message: `port ${port} is not listed in ports` });
        }
      }
    });
  });

export type Corridor = z.infer<typeof CorridorSchema>;
export type VesselParticulars = z.infer<typeof VesselParticularsSchema>;
export type GreenCorridorConfig = z.infer<typeof GreenCorridorConfigSchema>;
export type PathwayStep = z.infer<typeof PathwayStepSchema>;

/** Parses a corridor file's text; the problems name the field (`corridors/0/id: ...`). */
export function parseGreenCorridorConfig(
  text: string,
): { ok: true; config: GreenCorridorConfig } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${(error as Error).message}`] };
  }
  const parsed = GreenCorridorConfigSchema.safeParse(json);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('/') || '(file)'}: ${i.message}`) };
}

/** The step in force in `year` for one kind of target: the latest step at or before the year naming it. */
export function targetIn(
  pathway: readonly PathwayStep[],
  year: number,
  kind: 'maxWtwGCo2ePerMj' | 'minLowZeroCarbonSharePct',
): { readonly fromYear: number; readonly value: number } | null {
  let found: { fromYear: number; value: number } | null = null;
  for (const step of pathway) {
    const value = step[kind];
    if (value === undefined || step.year > year) continue;
    if (!found || step.year >= found.fromYear) found = { fromYear: step.year, value };
  }
  return found;
}

export type { FuelPathway };
