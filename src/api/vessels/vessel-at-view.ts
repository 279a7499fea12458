/** The public shape of one vessel's status at an instant (CLI `--json` and `GET /vessels?at=`). */
import { shipCategoryOf, type ShipCategory } from '../../domain/ais-ship-type.js';
import type { VesselAt } from './vessels-at-reader.js';

export interface VesselAtView {
  readonly mmsi: string;
  readonly imo: string | null;
  readonly name: string | null;
  readonly callSign: string | null;
  readonly shipType: number | null;
  readonly lengthM: number | null;
  readonly shipCategory: ShipCategory;
  readonly status: VesselAt['status'];
  readonly zone: VesselAt['zone'];
  readonly since: string;
  readonly observedAt: string;
  readonly lat: number;
  readonly lon: number;
  readonly sogKn: number | null;
  readonly navStatus: number | null;
  readonly asOf: string;
  readonly stale: boolean;
  readonly source: VesselAt['source'];
}

export function vesselAtView(v: VesselAt): VesselAtView {
  return {
    mmsi: v.mmsi,
    imo: v.static?.imo ?? null,
    name: v.static?.name ?? null,
    callSign: v.static?.callSign ?? null,
    shipType: v.static?.shipType ?? null,
    lengthM: v.static?.lengthM ?? null,
    shipCategory: shipCategoryOf(v.static?.shipType),
    status: v.status,
    zone: v.zone,
    since: v.since,
    observedAt: v.observedAt,
    lat: v.lat,
    lon: v.lon,
    sogKn: v.sogKn,
    navStatus: v.navStatus,
    asOf: v.asOf,
    stale: v.stale,
    source: v.source,
  };
}
