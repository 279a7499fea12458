/**
 * The one map from event type code to payload type. Codes that openpcs defines (AIS observations, container
 * master data, truck appointments) have a payload the compiler knows; DCSA codes carry DCSA-named fields
 * that depend on the source format (the DCSA parser keeps the publisher's body), so their payload is an open
 * record read field by field. `NewCanonicalEvent` (canonical-event.ts) is the discriminated union over this
 * map: test `eventTypeCode` and the payload narrows.
 */
import {
  APPOINTMENT_SLOT,
  CONTAINER_MASTER_DATA,
  EMPTY_RECEIVABLE,
  TERMINAL_NOTICE,
  DRAYAGE_TRUCK,
  EQUIPMENT_EVENT_CODES,
  SHIPMENT_EVENT_CODES,
  TRANSPORT_EVENT_CODES,
  TERMINAL_AVAILABILITY,
  TRUCK_APPOINTMENT,
  type AppointmentTransactionType,
  type EmptyReturnLocationType,
  type EmptyReturnSpeaker,
  type EquipmentEventCode,
  type NoticeStatus,
  type NoticeType,
  type ShipmentEventCode,
  type TransportEventCode,
} from './cargo-event-codes.js';
import type { DrayageFuel } from './zero-emission/ze-classification.js';
import {
  CHARGING_SESSION,
  EQUIPMENT_STATUS,
  type ChargingSessionPayload,
  type EquipmentStatusPayload,
} from './equipment-telemetry.js';
import { SHORE_POWER_CONNECTION, type ShorePowerConnectionPayload } from './shore-power/shore-power-connection.js';
import {
  VESSEL_PARTICULARS,
  type VesselParticularsPayload,
} from './vessel-particulars/vessel-particulars-statement.js';
import {
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from './vessel-observation.js';

/** Payload of a DCSA-coded event: DCSA 2.2 field names, as much as the source format carries. */
export type DcsaPayload = Readonly<Record<string, unknown>>;

/** `MSTR`: container master data (openpcs extension, `ingest/csv/cargo/container-master-parser.ts`). */
export type ContainerMasterPayload = {
  readonly extension: 'openpcs';
  readonly isoEquipmentCode: string;
  readonly teu: number | null;
  readonly lengthFt: number | null;
  readonly ownerScac?: string;
  readonly operatorScac?: string;
  readonly tareKg?: number;
  readonly maxGrossKg?: number;
  readonly reefer: boolean;
  readonly hazardousUnNumbers: readonly string[];
  readonly sourceMessage: { readonly format: string; readonly line: number };
};

/** One container move booked with a truck appointment. */
export type AppointmentTransaction = {
  readonly move: 'PICKUP' | 'DROPOFF';
  readonly equipmentReference?: string;
  readonly bookingReference?: string;
};

/** `APPT`: truck appointment (openpcs extension, `ingest/csv/cargo/truck-appointment-parser.ts`). */
export type TruckAppointmentPayload = {
  readonly extension: 'openpcs';
  readonly modeOfTransport: 'TRUCK';
  readonly appointmentId: string;
  readonly appointmentStatus: string;
  readonly truckingCompany: string;
  readonly truckPlate?: string;
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly transactions: readonly AppointmentTransaction[];
  readonly sourceMessage: { readonly format: string; readonly lines: readonly number[] };
};

/** Codes whose payload openpcs defines. */
/** A terminal's statement of a box's availability and last free day (`csv-availability`). */
export type TerminalAvailabilityPayload = {
  readonly extension: 'openpcs';
  readonly availableForPickup: boolean;
  readonly holds: readonly string[];
  /** Local date in the terminal's zone; absent when the terminal withdraws a stated last free day. */
  readonly lastFreeDay?: string;
  readonly sourceMessage: { readonly format: string; readonly line: number };
};

/** Where a feed statement came from in its message (one CSV row). */
export type FeedSourceLine = { readonly format: string; readonly line: number };

/** `SLOT`: a terminal's appointment slot (`ingest/csv/cargo/appointment-slot-parser.ts`). */
export type AppointmentSlotPayload = {
  readonly extension: 'openpcs';
  readonly transactionType: AppointmentTransactionType;
  /** ISO 8601 instants (UTC), half-open [slotStart, slotEnd). */
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly capacity: number;
  readonly booked: number;
  readonly sourceMessage: FeedSourceLine;
};

/** `ERCV`: whether a location receives empties of a carrier and size/type (`empty-return-parser.ts`). */
export type EmptyReceivablePayload = {
  readonly extension: 'openpcs';
  readonly locationType: EmptyReturnLocationType;
  readonly locationCode: string;
  readonly carrierScac: string;
  readonly isoEquipmentCode: string;
  readonly accepting: boolean;
  /** Empties it can still take; null when the location does not say. */
  readonly remainingCapacity: number | null;
  /**
   * Whose word it is, set by the ingest pipeline from the sender's role (access/carrier-scacs.ts), never read
   * from the message; absent on events stored before carriers could send it = `LOCATION`.
   */
  readonly statedBy?: EmptyReturnSpeaker | undefined;
  readonly sourceMessage: FeedSourceLine;
};

/** `NOTC`: a restriction or outage (`terminal-notice-parser.ts`); null fields = not limited to one. */
export type TerminalNoticePayload = {
  readonly extension: 'openpcs';
  readonly noticeId: string;
  readonly noticeType: NoticeType;
  readonly status: NoticeStatus;
  /** SMDG code of the terminal it concerns; null = the whole port (or every port when no UN/LOCODE). */
  readonly terminal: string | null;
  readonly carrierScac: string | null;
  readonly isoEquipmentCode: string | null;
  readonly validFrom: string;
  /** End of the window (exclusive); null = until further notice. */
  readonly validTo: string | null;
  readonly text: string;
  readonly sourceMessage: FeedSourceLine;
};

/** `DTRK`: a drayage truck of the port registry (`drayage-truck-parser.ts`; docs/drayage.md). */
export type DrayageTruckPayload = {
  readonly extension: 'openpcs';
  /** Licence plate or VIN, upper case, without spaces: what gate transactions name as the truck plate. */
  readonly truckId: string;
  readonly operatorScac: string;
  readonly engineModelYear: number;
  readonly fuel: DrayageFuel;
  /** Derived from `fuel` (battery-electric, fuel cell): the CAAP's ZE drayage truck. */
  readonly zeroEmission: boolean;
  /** Engine certified to CARB's optional low-NOx standard (a Clean Truck Fund exemption until its sunset). */
  readonly lowNox: boolean;
  readonly registeredAt: string;
  readonly sourceMessage: FeedSourceLine;
};

export interface OpenpcsPayloads {
  readonly [VESSEL_POSITION]: VesselPositionPayload;
  readonly [VESSEL_STATIC]: VesselStaticPayload;
  readonly [CONTAINER_MASTER_DATA]: ContainerMasterPayload;
  readonly [TRUCK_APPOINTMENT]: TruckAppointmentPayload;
  readonly [TERMINAL_AVAILABILITY]: TerminalAvailabilityPayload;
  readonly [EQUIPMENT_STATUS]: EquipmentStatusPayload;
  readonly [CHARGING_SESSION]: ChargingSessionPayload;
  readonly [APPOINTMENT_SLOT]: AppointmentSlotPayload;
  readonly [EMPTY_RECEIVABLE]: EmptyReceivablePayload;
  readonly [TERMINAL_NOTICE]: TerminalNoticePayload;
  readonly [DRAYAGE_TRUCK]: DrayageTruckPayload;
  // Shore power sessions (csv-shore-power).
  readonly [SHORE_POWER_CONNECTION]: ShorePowerConnectionPayload;
  // Vessel particulars (csv-vessel-particulars).
  readonly [VESSEL_PARTICULARS]: VesselParticularsPayload;
}
export type OpenpcsEventCode = keyof OpenpcsPayloads;

/** DCSA 2.2 codes (equipment, transport, shipment), including the openpcs uses of HOLD/RELS, ARRI/DEPA. */
export type DcsaEventCode = EquipmentEventCode | TransportEventCode | ShipmentEventCode;

/** Event type code → payload type. */
export type EventPayloadMap = OpenpcsPayloads & { readonly [C in DcsaEventCode]: DcsaPayload };
export type EventTypeCode = keyof EventPayloadMap;

export const OPENPCS_EVENT_CODES: readonly OpenpcsEventCode[] = [
  VESSEL_POSITION,
  VESSEL_STATIC,
  CONTAINER_MASTER_DATA,
  TRUCK_APPOINTMENT,
  TERMINAL_AVAILABILITY,
  EQUIPMENT_STATUS,
  CHARGING_SESSION,
  APPOINTMENT_SLOT,
  EMPTY_RECEIVABLE,
  TERMINAL_NOTICE,
  DRAYAGE_TRUCK,
  SHORE_POWER_CONNECTION,
  VESSEL_PARTICULARS,
];
export const DCSA_EVENT_CODES: readonly DcsaEventCode[] = [
  ...EQUIPMENT_EVENT_CODES,
  ...TRANSPORT_EVENT_CODES,
  ...SHIPMENT_EVENT_CODES,
];
export const EVENT_TYPE_CODES: readonly EventTypeCode[] = [...OPENPCS_EVENT_CODES, ...DCSA_EVENT_CODES];

const DCSA_CODE_SET: ReadonlySet<string> = new Set(DCSA_EVENT_CODES);

export function isDcsaEventCode(code: string): code is DcsaEventCode {
  return DCSA_CODE_SET.has(code);
}
