/**
 * CII reference lines (MEPC.353(78)), rating boundaries dd-vectors as exp(d1..d4) (MEPC.354(78)) and reduction
 * factors Z (MEPC.338(76) for 2023–2026, MEPC.400(83) for 2027–2030), as tabled in
 * ../shared/reference/emissions-methods.md §3.2–3.3. Superseded MEPC.337(76) values are not used.
 */
export const CII_SHIP_TYPES = [
  'bulk_carrier',
  'gas_carrier',
  'tanker',
  'container',
  'general_cargo',
  'refrigerated_cargo',
  'combination_carrier',
  'lng_carrier',
  'ro_ro_vehicle_carrier',
  'ro_ro_cargo',
  'ro_ro_passenger',
  'ro_ro_passenger_hsc',
  'cruise_passenger',
] as const;
export type CiiShipType = (typeof CII_SHIP_TYPES)[number];

/** Ship types whose capacity is GT (MEPC.352(78) §2.2 as in the reference table); the others use DWT. */
export const GT_CAPACITY_TYPES: ReadonlySet<CiiShipType> = new Set([
  'ro_ro_vehicle_carrier',
  'ro_ro_cargo',
  'ro_ro_passenger',
  'ro_ro_passenger_hsc',
  'cruise_passenger',
]);

export interface CiiBand {
  /** The band holds capacities ≥ minCapacity (DWT or GT). */
  readonly minCapacity: number;
  readonly a: number;
  readonly c: number;
  /** Capacity put into the reference line instead of the ship's, where the table fixes one. */
  readonly fixedCapacity?: number;
  /** exp(d1), exp(d2), exp(d3), exp(d4). */
  readonly expD: readonly [number, number, number, number];
}

const band = (
  minCapacity: number,
  a: number,
  c: number,
  expD: readonly [number, number, number, number],
  fixedCapacity?: number,
): CiiBand => (fixedCapacity === undefined ? { minCapacity, a, c, expD } : { minCapacity, a, c, expD, fixedCapacity });

/**
 * LNG carriers below 65,000 DWT: `a` as printed in MEPC.353(78), 14779E10 (some tools use 14479E10, 2.07 % apart;
 * the reference asks for a reviewed constant: we keep the printed value, docs/emissions.md "Decisions").
 */
export const LNG_SMALL_A = 14779e10;

/** Bands of each type, highest `minCapacity` first. */
export const CII_BANDS: Readonly<Record<CiiShipType, readonly CiiBand[]>> = {
  bulk_carrier: [
    band(279_000, 4745, 0.622, [0.86, 0.94, 1.06, 1.18], 279_000),
    band(0, 4745, 0.622, [0.86, 0.94, 1.06, 1.18]),
  ],
  gas_carrier: [band(65_000, 14405e7, 2.071, [0.81, 0.91, 1.12, 1.44]), band(0, 8104, 0.639, [0.85, 0.95, 1.06, 1.25])],
  tanker: [band(0, 5247, 0.61, [0.82, 0.93, 1.08, 1.28])],
  container: [band(0, 1984, 0.489, [0.83, 0.94, 1.07, 1.19])],
  general_cargo: [band(20_000, 31948, 0.792, [0.83, 0.94, 1.06, 1.19]), band(0, 588, 0.3885, [0.83, 0.94, 1.06, 1.19])],
  refrigerated_cargo: [band(0, 4600, 0.557, [0.78, 0.91, 1.07, 1.2])],
  combination_carrier: [band(0, 5119, 0.622, [0.87, 0.96, 1.06, 1.14])],
  lng_carrier: [
    band(100_000, 9.827, 0, [0.89, 0.98, 1.06, 1.13]),
    band(65_000, 14479e10, 2.673, [0.78, 0.92, 1.1, 1.37]),
    band(0, LNG_SMALL_A, 2.673, [0.78, 0.92, 1.1, 1.37], 65_000),
  ],
  ro_ro_vehicle_carrier: [
    band(57_700, 3627, 0.59, [0.86, 0.94, 1.06, 1.16], 57_700),
    band(30_000, 3627, 0.59, [0.86, 0.94, 1.06, 1.16]),
    band(0, 330, 0.329, [0.86, 0.94, 1.06, 1.16]),
  ],
  ro_ro_cargo: [band(0, 1967, 0.485, [0.76, 0.89, 1.08, 1.27])],
  ro_ro_passenger: [band(0, 2023, 0.46, [0.76, 0.92, 1.14, 1.3])],
  // dd-vector of ro-ro passenger ships, which the reference gives for HSC too ([R]).
  ro_ro_passenger_hsc: [band(0, 4196, 0.46, [0.76, 0.92, 1.14, 1.3])],
  cruise_passenger: [band(0, 930, 0.383, [0.87, 0.95, 1.06, 1.16])],
};

export function ciiBand(type: CiiShipType, capacity: number): CiiBand {
  return CII_BANDS[type].find((b) => capacity >= b.minCapacity)!;
}

/** Z, % below the 2019 reference line, by year (§3.3). */
export const CII_REDUCTION_Z_PCT: Readonly<Record<number, number>> = {
  2023: 5,
  2024: 7,
  2025: 9,
  2026: 11,
  2027: 13.625,
  2028: 16.25,
  2029: 18.875,
  2030: 21.5,
};
