/**
 * What the vessel-call rules need to know of the port's geography: its named zones and which of them contain a
 * position. The rules stay pure and free of GeoJSON; `geo/geography.ts` (`Geography`) is the implementation
 * built from the shipped map, and its zone kinds are these.
 */

export const ZONE_KINDS = [
  'anchorage',
  'pilot_boarding_area',
  'precautionary_area',
  'regulated_navigation_area',
  'port_limits',
  'harbour_entrance',
  'traffic_separation_scheme',
  'terminal',
  'berth',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** One named area of the port. */
export interface PortZone {
  readonly id: string;
  readonly kind: ZoneKind;
  readonly name: string;
  readonly port: 'USLAX' | 'USLGB' | null;
}

export interface PortZones {
  zone(id: string): PortZone | undefined;
  /** Zones (areas only) containing the position, smallest area first; optionally only of some kinds. */
  zonesAt(lat: number, lon: number, kinds?: readonly ZoneKind[]): readonly PortZone[];
}
