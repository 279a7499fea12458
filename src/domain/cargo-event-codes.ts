/**
 * Event codes for cargo (issue "Cargo tracking"). DCSA Track & Trace 2.2 codes where DCSA has one;
 * openpcs extensions (holds, truck visits, container master data) are marked as such and carry
 * `payload.extension = 'openpcs'` so DCSA-strict consumers can filter them out.
 */

/** DCSA 2.2 equipmentEventTypeCode. */
export const EQUIPMENT_EVENT_CODES = [
  'LOAD', // loaded on a transport (vessel, rail, truck)
  'DISC', // discharged from a transport
  'GTIN', // gate in (terminal / depot)
  'GTOT', // gate out
  'STUF', // stuffed
  'STRP', // stripped
  'PICK', // picked up (by consignee / haulier)
  'DROP', // dropped off
  'INSP', // inspected
  'RSEA', // resealed
  'RMVD', // removed (seal)
] as const;
export type EquipmentEventCode = (typeof EQUIPMENT_EVENT_CODES)[number];

/** DCSA 2.2 transportEventTypeCode. */
export const TRANSPORT_EVENT_CODES = ['ARRI', 'DEPA'] as const;
export type TransportEventCode = (typeof TRANSPORT_EVENT_CODES)[number];

/** DCSA 2.2 shipmentEventTypeCode (document states). */
export const SHIPMENT_EVENT_CODES = [
  'RECE',
  'DRFT',
  'PENA',
  'PENU',
  'REJE',
  'APPR',
  'ISSU',
  'SURR',
  'SUBM',
  'VOID',
  'CONF',
  'REQS',
  'CMPL',
  'HOLD',
  'RELS',
] as const;
export type ShipmentEventCode = (typeof SHIPMENT_EVENT_CODES)[number];

/**
 * openpcs extension, eventType `SHIPMENT`, eventTypeCode `HOLD` or `RELS`, applied to one container
 * (`references.equipmentReference`) or a bill of lading (`references.transportDocumentReference`).
 * payload: `{ extension: 'openpcs', holdType: HoldType, holdReason?: string, authority?: string }`.
 */
export const HOLD_TYPES = ['CUSTOMS', 'FREIGHT', 'TERMINAL', 'USDA', 'OTHER'] as const;
export type HoldType = (typeof HOLD_TYPES)[number];

/**
 * openpcs extension for truck visits, eventType `EQUIPMENT`-independent: eventType `TRANSPORT` with
 * payload.modeOfTransport `TRUCK` and these codes:
 * - `APPT` (classifier PLN/REQ): appointment made; payload `{ appointmentId, truckingCompany (SCAC), truckPlate?, slotStart, slotEnd, transactions: [{ move: 'PICKUP'|'DROPOFF', equipmentReference?, bookingReference? }] }`
 * - `ARRI` / `DEPA` with payload.modeOfTransport `TRUCK` and `visitId`: truck gate in / gate out.
 * Container moves during the visit are EQUIPMENT `GTIN`/`GTOT` events with payload.visitId.
 */
export const TRUCK_APPOINTMENT = 'APPT';

/**
 * openpcs extension: container master data (size/type, owner, reefer, hazardous), eventType `EQUIPMENT`,
 * eventTypeCode `MSTR`, classifier `ACT`; payload `{ extension: 'openpcs', isoEquipmentCode, ... }`.
 */
export const CONTAINER_MASTER_DATA = 'MSTR';

/**
 * openpcs extension: a terminal's availability statement for one container (availability list, format
 * `csv-availability`): eventType `EQUIPMENT`, eventTypeCode `AVLB`, classifier `ACT`, eventDateTime = when
 * the terminal stated it; payload `{ extension: 'openpcs', availableForPickup: boolean,
 * holds: ('CUSTOMS'|'FREIGHT'|'OTHER')[], lastFreeDay?: 'YYYY-MM-DD' (local date at the terminal) }`.
 * Not a DCSA code: served on `/events` only, never on `/v2/*` (domain/dcsa-conformance.ts).
 */
export const TERMINAL_AVAILABILITY = 'AVLB';

/**
 * openpcs extensions for the terminal feeds truckers read (issue 13; docs/truckers.md), each a statement that the
 * newest one replaces (per key), eventDateTime = when it was stated, classifier `ACT`; not DCSA codes, served on
 * `/events` only:
 * - `SLOT` (eventType `TRANSPORT`, format `csv-appointment-slots`): a terminal's appointment slot, per transaction
 *   type, with its capacity and how many are booked; key terminal × type × slot start.
 * - `ERCV` (eventType `EQUIPMENT`, format `csv-empty-returns`): whether a location (terminal or depot) receives
 *   empties of one carrier (SCAC) and ISO size/type, with the remaining capacity; key location × SCAC × ISO type.
 * - `NOTC` (eventType `TRANSPORT`, format `csv-terminal-notices`): a restriction or outage with a validity
 *   window (gate closed, system down, empties not accepted for a carrier, weather); key sender × notice id.
 */
export const APPOINTMENT_SLOT = 'SLOT';
export const EMPTY_RECEIVABLE = 'ERCV';
export const TERMINAL_NOTICE = 'NOTC';

/**
 * `DTRK` (eventType `TRANSPORT`, format `csv-drayage-trucks`): a drayage truck's entry in the port drayage truck
 * registry — truck id (plate or VIN), operator SCAC, engine model year, fuel, low-NOx certification — dated by its
 * registration; key sender × truck id (docs/drayage.md).
 */
export const DRAYAGE_TRUCK = 'DTRK';

/** What a truck appointment is for: the transaction types terminals publish slots for. */
export const APPOINTMENT_TRANSACTION_TYPES = ['IMPORT_PICKUP', 'EXPORT_DROPOFF', 'EMPTY_RETURN', 'DUAL'] as const;
export type AppointmentTransactionType = (typeof APPOINTMENT_TRANSACTION_TYPES)[number];

/** Where empties are received: a container terminal (SMDG code) or an off-dock depot (its own code). */
export const EMPTY_RETURN_LOCATION_TYPES = ['TERMINAL', 'DEPOT'] as const;
export type EmptyReturnLocationType = (typeof EMPTY_RETURN_LOCATION_TYPES)[number];

/**
 * Whose word an empty-return receivable is (docs/truckers.md): the location's (a terminal for itself, the port
 * authority for a depot) or the carrier's, about its own SCAC's empties. Both must accept for a trucker to return
 * there; each party's newest statement replaces only its own earlier one.
 */
export const EMPTY_RETURN_SPEAKERS = ['LOCATION', 'CARRIER'] as const;
export type EmptyReturnSpeaker = (typeof EMPTY_RETURN_SPEAKERS)[number];

/**
 * Kinds of notice; `GATE_CLOSED` and `EMPTIES_NOT_ACCEPTED` (for the carrier / size-type they name, all when
 * blank) stop a location from being offered for an empty return while they are in force.
 */
export const NOTICE_TYPES = [
  'GATE_CLOSED',
  'SYSTEM_DOWN',
  'EMPTIES_NOT_ACCEPTED',
  'WEATHER',
  'RESTRICTION',
  'OTHER',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const NOTICE_STATUSES = ['ACTIVE', 'CANCELLED'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Modes of transport (DCSA). */
export const MODES_OF_TRANSPORT = ['VESSEL', 'RAIL', 'TRUCK', 'BARGE'] as const;
export type ModeOfTransport = (typeof MODES_OF_TRANSPORT)[number];

/**
 * Common EQUIPMENT payload fields (DCSA 2.2 names) every cargo parser fills where the source has them:
 * `{ equipmentEventTypeCode, emptyIndicatorCode: 'EMPTY'|'LADEN', ISOEquipmentCode?, modeOfTransport?,
 *    transportCall?: { vesselIMONumber?, vesselName?, carrierVoyageNumber?, UNLocationCode?, facilityCode? },
 *    seals?: string[], sourceMessage: { format, messageReference? } }`.
 */
export type EmptyIndicator = 'EMPTY' | 'LADEN';
