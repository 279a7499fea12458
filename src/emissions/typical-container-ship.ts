/**
 * Typical container ships of each size class (Panamax 4,500 TEU: 294 m, ~36 MW, 24.5 kn; neo-Panamax 14,000 TEU:
 * 366 m, ~70 MW, 23 kn; 20,000 TEU: 400 m, ~60 MW, 22.5 kn — the ships the simulator draws its fleet around,
 * `sim/vessel-particulars.ts`), interpolated linearly between classes and held flat beyond the ends. One table serves
 * the per-call emissions' estimate (`estimated-particulars.ts`) and the green corridors' (`container-ship-estimate.ts`).
 */
import { interpolate, type PiecewiseLinear as Table } from '../domain/piecewise-linear.js';

/** Overall length (m) → TEU. */
const TEU_BY_LENGTH: Table = [
  [150, 1_000],
  [210, 2_500],
  [294, 4_500],
  [334, 8_000],
  [349, 10_000],
  [366, 14_000],
  [400, 20_000],
];
/** TEU → installed main-engine power (kW, MCR). */
const MCR_KW_BY_TEU: Table = [
  [1_000, 9_000],
  [2_500, 22_000],
  [4_500, 36_000],
  [8_000, 57_000],
  [10_000, 57_000],
  [14_000, 70_000],
  [20_000, 60_000],
];
/** TEU → design (reference) speed, kn. */
const DESIGN_SPEED_KN_BY_TEU: Table = [
  [1_000, 19],
  [2_500, 22],
  [4_500, 24.5],
  [8_000, 25],
  [10_000, 24.5],
  [14_000, 23],
  [20_000, 22.5],
];

/** TEU of a typical container ship of this overall length (m), unrounded. */
export const typicalTeuOfLength = (lengthM: number): number => interpolate(TEU_BY_LENGTH, lengthM);
/** Installed main-engine power (kW, MCR) of a typical container ship of this size, unrounded. */
export const typicalMcrKwOfTeu = (teu: number): number => interpolate(MCR_KW_BY_TEU, teu);
/** Design speed (kn) of a typical container ship of this size, unrounded. */
export const typicalDesignSpeedKnOfTeu = (teu: number): number => interpolate(DESIGN_SPEED_KN_BY_TEU, teu);
