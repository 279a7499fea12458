/**
 * The one map from event type code to payload type. Codes that openpcs defines (AIS observations, container
 * master data, truck appointments) have a payload the compiler knows; DCSA codes carry DCSA-named fields
 * that depend on the source format (the DCSA parser keeps the publisher's body), so their payload is an open
 * record read field by field. `NewCanonicalEvent` (canonical-event.ts) is the discriminated union over this
 * map: test `eventTypeCode` and the payload narrows.
 */
import {
  CONTAINER_MASTER_DATA,
  EQUIPMENT_EVENT_CODES,
  SHIPMENT_EVENT_CODES,
  TRANSPORT_EVENT_CODES,
  TERMINAL_AVAILABILITY,
  TRUCK_APPOINTMENT,
  type EquipmentEventCode,
  type ShipmentEventCode,
  type TransportEventCode,
} from './cargo-event-codes.js';
import {
  CHARGING_SESSION,
  EQUIPMENT_STATUS,
  type ChargingSessionPayload,
  type EquipmentStatusPayload,
} from './equipment-telemetry.js';
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

export interface OpenpcsPayloads {
  readonly [VESSEL_POSITION]: VesselPositionPayload;
  readonly [VESSEL_STATIC]: VesselStaticPayload;
  readonly [CONTAINER_MASTER_DATA]: ContainerMasterPayload;
  readonly [TRUCK_APPOINTMENT]: TruckAppointmentPayload;
  readonly [TERMINAL_AVAILABILITY]: TerminalAvailabilityPayload;
  readonly [EQUIPMENT_STATUS]: EquipmentStatusPayload;
  readonly [CHARGING_SESSION]: ChargingSessionPayload;
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
