/**
 * The answers of the API routes the portal reads, as `/openapi.json` describes them (the zod schemas of
 * `src/api/`). Only the fields the portal shows are listed.
 */
export type VesselActivity = 'at_berth' | 'at_anchor' | 'anchored_outside' | 'underway' | 'other';

export interface Zone {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly port: string | null;
}

/** `GET /vessels` */
export interface VesselAt {
  readonly mmsi: string;
  readonly imo: string | null;
  readonly name: string | null;
  readonly callSign: string | null;
  readonly shipType: number | null;
  readonly lengthM: number | null;
  readonly shipCategory: string;
  readonly status: VesselActivity;
  readonly zone: Zone | null;
  readonly since: string;
  readonly observedAt: string;
  readonly lat: number;
  readonly lon: number;
  readonly sogKn: number | null;
  readonly navStatus: number | null;
}

export interface VesselsAtAnswer {
  readonly at: string;
  readonly vessels: readonly VesselAt[];
}

/** `GET /vessels/{id}` */
export interface Vessel {
  readonly mmsi: string;
  readonly imo: string | null;
  readonly name: string | null;
  readonly callSign: string | null;
  readonly shipType: number | null;
  readonly lengthM: number | null;
  readonly beamM: number | null;
  readonly draughtM: number | null;
  readonly destination: string | null;
  readonly staticAt: string | null;
  readonly position: {
    readonly observedAt: string;
    readonly lat: number;
    readonly lon: number;
    readonly sogKn: number | null;
    readonly cogDeg: number | null;
    readonly headingDeg: number | null;
    readonly navStatus: number | null;
  } | null;
}

export type VesselCallStatus = 'arrived' | 'at_anchor' | 'at_berth' | 'left_berth' | 'departed';

/** `GET /vessel-calls` */
export interface VesselCall {
  readonly callId: string;
  readonly vessel: {
    readonly mmsi: string;
    readonly imo: string | null;
    readonly name: string | null;
    /** AIS type of ship and cargo of the newest static data the caller sees; null: none seen. */
    readonly shipType: number | null;
    readonly shipCategory: string;
  };
  readonly port: string | null;
  readonly status: VesselCallStatus;
  readonly ata: string | null;
  readonly ataAnchorage: string | null;
  readonly anchorage: string | null;
  readonly timeAtAnchorMin: number | null;
  readonly terminal: string | null;
  readonly terminalSmdgCode: string | null;
  readonly atb: string | null;
  readonly atd: string | null;
  readonly atdPort: string | null;
  readonly draughtInM: number | null;
  readonly draughtOutM: number | null;
  /** The newest detection of the call (arrival, anchoring, berthing, departure). */
  readonly asOf: string;
}

export interface VesselCallPage {
  readonly calls: readonly VesselCall[];
  readonly nextCursor: string | null;
}

/** `GET /terminals` */
export interface Terminal {
  readonly smdgCode: string;
  readonly unLocode: string;
  readonly name: string;
  readonly operator: string | null;
  readonly zoneId: string | null;
}

export interface Hold {
  readonly holdType: string;
  readonly placedAt: string | null;
  readonly releasedAt: string | null;
}

export type AvailabilitySource =
  | {
      readonly kind: 'terminal';
      readonly terminal: string | null;
      readonly statedAt: string;
      readonly statedBy: string;
      readonly holds: readonly string[];
    }
  | { readonly kind: 'holds'; readonly holdsOpen: readonly string[] };

export type LastFreeDaySource =
  | {
      readonly kind: 'terminal';
      readonly terminal: string | null;
      readonly statedAt: string;
      readonly statedBy: string;
    }
  | { readonly kind: 'rule'; readonly rule: string };

export interface ContainerHistoryEntry {
  readonly eventId: string;
  readonly eventTypeCode: string;
  readonly eventClassifierCode: string;
  readonly eventDateTime: string;
  readonly unLocationCode: string | null;
  readonly terminalCode: string | null;
  readonly modeOfTransport: string | null;
  readonly emptyIndicatorCode: string | null;
  readonly holdType: string | null;
  readonly vesselIMONumber: string | null;
  readonly carrierVoyageNumber: string | null;
  readonly transportDocumentReference: string | null;
  readonly source: string;
}

/** `GET /containers` (summary) and `GET /containers/{reference}` (with `history`) */
export interface Container {
  readonly equipmentReference: string;
  readonly isoEquipmentCode: string | null;
  readonly sizeTeu: number | null;
  readonly direction: string | null;
  readonly status: string;
  readonly holdsOpen: readonly string[];
  readonly holds: readonly Hold[];
  readonly available: boolean;
  readonly availableSince: string | null;
  readonly availabilitySource: AvailabilitySource | null;
  readonly lastFreeDay: string | null;
  readonly lastFreeDaySource: LastFreeDaySource | null;
  readonly computedLastFreeDay: string | null;
  readonly demurrageStarts: string | null;
  readonly vessel: { readonly imoNumber: string | null; readonly name: string | null };
  readonly carrierVoyageNumber: string | null;
  readonly unLocationCode: string | null;
  readonly terminalCode: string | null;
  readonly dischargedAt: string | null;
  readonly gatedInAt: string | null;
  readonly gatedOutAt: string | null;
  readonly emptyReturnedAt: string | null;
  readonly dwellHours: number | null;
  readonly transportDocumentReferences: readonly string[];
  readonly partialView: boolean;
  readonly history?: readonly ContainerHistoryEntry[];
}

export interface ContainerPage {
  readonly containers: readonly Container[];
  readonly nextCursor: string | null;
}

/** Who stated a terminal-feed fact, in which message (docs/truckers.md). */
export interface FeedSource {
  readonly organisation: string;
  readonly inboxId: string | null;
  readonly eventId: string;
}

/** `GET /notices` */
export interface Notice {
  readonly noticeId: string;
  readonly noticeType: string;
  readonly status: string;
  readonly terminal: string | null;
  readonly unLocationCode: string | null;
  readonly carrierScac: string | null;
  readonly isoType: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly text: string;
  readonly activeAt: boolean;
  readonly asOf: string;
  readonly source: FeedSource;
}

/** `GET /appointments/availability` */
export interface Slot {
  readonly terminal: string;
  readonly unLocationCode: string | null;
  readonly transactionType: string;
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly capacity: number;
  readonly booked: number;
  readonly free: number;
  readonly notices: readonly Notice[];
  readonly asOf: string;
  readonly stale: boolean;
  readonly source: FeedSource;
}

/** `GET /empty-returns` */
export interface EmptyReturnAnswer {
  readonly scac: string;
  readonly isoType: string;
  readonly at: string;
  readonly locations: readonly {
    readonly location: string;
    readonly locationType: 'TERMINAL' | 'DEPOT';
    readonly name: string | null;
    readonly unLocationCode: string | null;
    readonly remainingCapacity: number | null;
    /** Each party's newest statement, the location's first: both must accept (docs/truckers.md). */
    readonly statements: readonly {
      readonly statedBy: 'LOCATION' | 'CARRIER';
      readonly accepting: boolean;
      readonly remainingCapacity: number | null;
      readonly asOf: string;
      readonly stale: boolean;
      readonly source: FeedSource;
    }[];
    readonly nextSlot: {
      readonly slotStart: string;
      readonly slotEnd: string;
      readonly free: number;
      readonly asOf: string;
      readonly source: FeedSource;
    } | null;
    readonly notices: readonly Notice[];
    readonly asOf: string;
    readonly stale: boolean;
    readonly source: FeedSource;
  }[];
  readonly closed: readonly {
    readonly location: string;
    readonly reason: 'NOT_ACCEPTING' | 'FULL' | 'NOTICE';
    readonly notices: readonly Notice[];
    readonly asOf: string;
    readonly source: FeedSource;
  }[];
}
