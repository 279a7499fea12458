/**
 * Where a container is in its current trip through the port (see docs/cargo-tracking.md for the diagram).
 * Imports: BOOKED → LOADED → ON_WATER → HELD | AVAILABLE → GATED_OUT → EMPTY_RETURNED.
 * Exports: EMPTY_PICKED_UP → GATED_IN → LOADED → DEPARTED.
 */
export const CONTAINER_STATUSES = [
  'BOOKED',
  'LOADED',
  'ON_WATER',
  'HELD',
  'AVAILABLE',
  'GATED_OUT',
  'EMPTY_RETURNED',
  'EMPTY_PICKED_UP',
  'GATED_IN',
  'DEPARTED',
] as const;
export type ContainerStatus = (typeof CONTAINER_STATUSES)[number];

export type TripDirection = 'IMPORT' | 'EXPORT';

/** The ports this instance serves: discharges here make imports, loads here make exports. */
export const SAN_PEDRO_BAY_PORTS: readonly string[] = ['USLAX', 'USLGB'];
