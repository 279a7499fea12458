/**
 * Calibration targets: monthly TEU per port and direction (data-static/sim/san-pedro-bay-teu-2018.json,
 * provenance inside). Pure: parses the shipped JSON; the loader lives in `io/load-sim-data.ts`.
 */
import { z } from 'zod';

const Month = z.strictObject({
  month: z.number().int().min(1).max(12),
  loadedImports: z.number().nonnegative(),
  emptyImports: z.number().nonnegative(),
  loadedExports: z.number().nonnegative(),
  emptyExports: z.number().nonnegative(),
  totalTeu: z.number().positive(),
});

const Port = z.strictObject({
  quality: z.enum(['observed', 'derived']),
  provenance: z
    .strictObject({
      source: z.string().min(1),
      url: z.string().url(),
      observedMonth: z.strictObject({ month: z.number().int(), totalTeu: z.number() }).optional(),
    })
    .readonly(),
  months: z.array(Month).length(12),
});

const File = z.strictObject({
  description: z.string(),
  year: z.number().int(),
  ports: z.strictObject({ USLAX: Port, USLGB: Port }),
});

export type SimPort = 'USLAX' | 'USLGB';
export const SIM_PORTS: readonly SimPort[] = ['USLAX', 'USLGB'];
export type MonthTeu = Readonly<z.infer<typeof Month>>;

export interface TeuCalibration {
  readonly year: number;
  /** Twelve months (index 0 = January) per port. */
  readonly months: Readonly<Record<SimPort, readonly MonthTeu[]>>;
  readonly quality: Readonly<Record<SimPort, 'observed' | 'derived'>>;
}

/** The calibration of a parsed file; throws on a malformed file (a broken install, not bad input). */
export function parseTeuCalibration(json: unknown): TeuCalibration {
  const file = File.parse(json);
  const sorted = (months: readonly MonthTeu[]): MonthTeu[] => [...months].sort((a, b) => a.month - b.month);
  for (const port of SIM_PORTS) {
    const months = sorted(file.ports[port].months);
    months.forEach((m, i) => {
      if (m.month !== i + 1) throw new Error(`TEU calibration ${port}: month ${i + 1} missing`);
    });
  }
  return Object.freeze({
    year: file.year,
    months: { USLAX: sorted(file.ports.USLAX.months), USLGB: sorted(file.ports.USLGB.months) },
    quality: { USLAX: file.ports.USLAX.quality, USLGB: file.ports.USLGB.quality },
  });
}

/** Share of a month's TEU that is discharged (imports, loaded and empty); the rest is loaded. */
export function importShare(m: MonthTeu): number {
  const imports = m.loadedImports + m.emptyImports;
  const all = imports + m.loadedExports + m.emptyExports;
  return all > 0 ? imports / all : 0.5;
}
