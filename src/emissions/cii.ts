/**
 * IMO Carbon Intensity Indicator (../shared/reference/emissions-methods.md §3): attained AER/cgDIST
 * `CII = Σ FC_j·Cf_j / (C · D_t)` (MEPC.352(78), actual DWT or GT), reference `a · Cap^-c` (MEPC.353(78), capacity
 * caps of the table), required `(1 − Z/100) · ref`, rating A–E against `required · exp(d_i)` (MEPC.354(78)).
 * Correction factors of MEPC.355(78) are not applied (v1, as the reference allows).
 */
import { CII_REDUCTION_Z_PCT, ciiBand, GT_CAPACITY_TYPES } from './cii-factors.js';
import type { CiiRequest } from './cii-schema.js';
import { FUEL_PROPERTIES } from './fuels.js';

export type CiiRating = 'A' | 'B' | 'C' | 'D' | 'E';

export interface CiiResult {
  readonly method: 'cii';
  readonly shipType: string;
  readonly capacityKind: 'DWT' | 'GT';
  readonly capacity: number;
  readonly referenceCapacity: number;
  readonly co2G: number;
  readonly transportWorkCapacityNm: number;
  /** g CO2 per capacity-nm. */
  readonly attainedCii: number;
  readonly a: number;
  readonly c: number;
  readonly referenceCii: number;
  readonly reductionZPct: number;
  readonly requiredCii: number;
  readonly expD: readonly number[];
  /** Upper boundaries of A, B, C, D (required · exp(d_i)). */
  readonly boundaries: { readonly a: number; readonly b: number; readonly c: number; readonly d: number };
  readonly attainedToRequired: number;
  readonly rating: CiiRating;
}

export function ciiRating(
  attained: number,
  boundaries: readonly number[],
  equality: 'worse' | 'better' = 'worse',
): CiiRating {
  const ratings: readonly CiiRating[] = ['A', 'B', 'C', 'D'];
  for (const [i, bound] of boundaries.entries()) {
    if (equality === 'worse' ? attained < bound : attained <= bound) return ratings[i]!;
  }
  return 'E';
}

export function computeCii(request: CiiRequest): CiiResult {
  const capacityKind = GT_CAPACITY_TYPES.has(request.shipType) ? 'GT' : 'DWT';
  const capacity = (capacityKind === 'GT' ? request.gt : request.dwt)!;
  const band = ciiBand(request.shipType, capacity);
  const referenceCapacity = band.fixedCapacity ?? capacity;
  const co2G = request.fuelConsumption.reduce((s, f) => s + f.massT * 1e6 * FUEL_PROPERTIES[f.fuel].cfCo2TPerT, 0);
  const work = capacity * request.distanceNm;
  const attained = co2G / work;
  const reference = band.a * referenceCapacity ** -band.c;
  const z = CII_REDUCTION_Z_PCT[request.year]!;
  const required = (1 - z / 100) * reference;
  const bounds = band.expD.map((e) => required * e);
  return {
    method: 'cii',
    shipType: request.shipType,
    capacityKind,
    capacity,
    referenceCapacity,
    co2G,
    transportWorkCapacityNm: work,
    attainedCii: attained,
    a: band.a,
    c: band.c,
    referenceCii: reference,
    reductionZPct: z,
    requiredCii: required,
    expD: band.expD,
    boundaries: { a: bounds[0]!, b: bounds[1]!, c: bounds[2]!, d: bounds[3]! },
    attainedToRequired: attained / required,
    rating: ciiRating(attained, bounds, request.boundaryEquality),
  };
}
