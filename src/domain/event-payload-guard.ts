/**
 * The one place where an event read back from storage (a type code and a JSON payload) becomes typed: the
 * payload of an openpcs code is checked against the event map's type for it, a DCSA code takes any JSON
 * object. An event that does not fit was not written by these parsers (a hand edit, a foreign writer): it is
 * a `StoredEventShapeError`, which the projection runner quarantines like any other bad event.
 */
import {
  APPOINTMENT_SLOT,
  APPOINTMENT_TRANSACTION_TYPES,
  CONTAINER_MASTER_DATA,
  EMPTY_RECEIVABLE,
  EMPTY_RETURN_LOCATION_TYPES,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  TERMINAL_AVAILABILITY,
  TERMINAL_NOTICE,
  TRUCK_APPOINTMENT,
} from './cargo-event-codes.js';
import type { CanonicalEventOf } from './canonical-event.js';
import {
  CHARGING_SESSION,
  EQUIPMENT_STATES,
  EQUIPMENT_STATUS,
  EQUIPMENT_TYPES,
  POWERTRAINS,
  type ChargingSessionPayload,
  type EquipmentStatusPayload,
} from './equipment-telemetry.js';
import {
  isDcsaEventCode,
  type AppointmentSlotPayload,
  type ContainerMasterPayload,
  type EmptyReceivablePayload,
  type TerminalNoticePayload,
  type DcsaEventCode,
  type EventTypeCode,
  type OpenpcsEventCode,
  type TerminalAvailabilityPayload,
  type TruckAppointmentPayload,
} from './event-map.js';
import {
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from './vessel-observation.js';

type CodeAndPayloadOf<C extends EventTypeCode> = Pick<CanonicalEventOf<C>, 'eventTypeCode' | 'payload'>;

/** A type code with its payload, paired as the event map pairs them. */
export type CodeAndPayload =
  CodeAndPayloadOf<DcsaEventCode> | { [C in OpenpcsEventCode]: CodeAndPayloadOf<C> }[OpenpcsEventCode];

export class StoredEventShapeError extends TypeError {
  override readonly name = 'StoredEventShapeError';
}

type Json = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumberOrNull = (v: unknown): boolean => v === null || typeof v === 'number';
const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const isOptional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);

function isVesselPosition(p: Json): p is VesselPositionPayload {
  return (
    isString(p['mmsi']) &&
    typeof p['lat'] === 'number' &&
    typeof p['lon'] === 'number' &&
    isNumberOrNull(p['sogKn']) &&
    isNumberOrNull(p['cogDeg']) &&
    isNumberOrNull(p['headingDeg']) &&
    isNumberOrNull(p['navStatus']) &&
    isNumberOrNull(p['aisType'])
  );
}

function isVesselStatic(p: Json): p is VesselStaticPayload {
  return (
    isString(p['mmsi']) &&
    isStringOrNull(p['imo']) &&
    isStringOrNull(p['callSign']) &&
    isStringOrNull(p['name']) &&
    isNumberOrNull(p['shipType']) &&
    isNumberOrNull(p['lengthM']) &&
    isNumberOrNull(p['beamM']) &&
    isNumberOrNull(p['draughtM']) &&
    isStringOrNull(p['destination'])
  );
}

function isContainerMaster(p: Json): p is ContainerMasterPayload {
  const source = p['sourceMessage'];
  const hazardous = p['hazardousUnNumbers'];
  return (
    p['extension'] === 'openpcs' &&
    isString(p['isoEquipmentCode']) &&
    isNumberOrNull(p['teu']) &&
    isNumberOrNull(p['lengthFt']) &&
    isOptional(p['ownerScac'], isString) &&
    isOptional(p['operatorScac'], isString) &&
    isOptional(p['tareKg'], (v) => typeof v === 'number') &&
    isOptional(p['maxGrossKg'], (v) => typeof v === 'number') &&
    typeof p['reefer'] === 'boolean' &&
    Array.isArray(hazardous) &&
    hazardous.every(isString) &&
    isRecord(source) &&
    isString(source['format']) &&
    typeof source['line'] === 'number'
  );
}

const isAppointmentTransaction = (t: unknown): boolean =>
  isRecord(t) &&
  (t['move'] === 'PICKUP' || t['move'] === 'DROPOFF') &&
  isOptional(t['equipmentReference'], isString) &&
  isOptional(t['bookingReference'], isString);

function isTruckAppointment(p: Json): p is TruckAppointmentPayload {
  const source = p['sourceMessage'];
  const transactions = p['transactions'];
  const lines = isRecord(source) ? source['lines'] : undefined;
  return (
    p['extension'] === 'openpcs' &&
    p['modeOfTransport'] === 'TRUCK' &&
    isString(p['appointmentId']) &&
    isString(p['appointmentStatus']) &&
    isString(p['truckingCompany']) &&
    isOptional(p['truckPlate'], isString) &&
    isString(p['slotStart']) &&
    isString(p['slotEnd']) &&
    Array.isArray(transactions) &&
    transactions.every(isAppointmentTransaction) &&
    isRecord(source) &&
    isString(source['format']) &&
    Array.isArray(lines) &&
    lines.every((l) => typeof l === 'number')
  );
}

function isTerminalAvailability(p: Json): p is TerminalAvailabilityPayload {
  const source = p['sourceMessage'];
  const holds = p['holds'];
  return (
    p['extension'] === 'openpcs' &&
    typeof p['availableForPickup'] === 'boolean' &&
    Array.isArray(holds) &&
    holds.every(isString) &&
    isOptional(p['lastFreeDay'], isString) &&
    isRecord(source) &&
    isString(source['format']) &&
    typeof source['line'] === 'number'
  );
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isOneOf =
  (values: readonly string[]) =>
  (v: unknown): boolean =>
    typeof v === 'string' && values.includes(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isSourceLine = (source: unknown): boolean =>
  isRecord(source) && isString(source['format']) && isNumber(source['line']);

function isEquipmentStatus(p: Json): p is EquipmentStatusPayload {
  const energy = p['energy'];
  return (
    p['extension'] === 'openpcs' &&
    isString(p['equipmentId']) &&
    isString(p['terminal']) &&
    isOneOf(EQUIPMENT_TYPES)(p['equipmentType']) &&
    isOneOf(POWERTRAINS)(p['powertrain']) &&
    isOneOf(EQUIPMENT_STATES)(p['state']) &&
    isNumberOrNull(p['socPct']) &&
    isRecord(energy) &&
    isOptional(energy['electricityKwh'], isNumber) &&
    isOptional(energy['dieselLitres'], isNumber) &&
    isOptional(energy['hydrogenKg'], isNumber) &&
    isNumber(p['engineHours']) &&
    isSourceLine(p['sourceMessage'])
  );
}

function isAppointmentSlot(p: Json): p is AppointmentSlotPayload {
  return (
    p['extension'] === 'openpcs' &&
    isOneOf(APPOINTMENT_TRANSACTION_TYPES)(p['transactionType']) &&
    isString(p['slotStart']) &&
    isString(p['slotEnd']) &&
    isCount(p['capacity']) &&
    isCount(p['booked']) &&
    isSourceLine(p['sourceMessage'])
  );
}

function isChargingSession(p: Json): p is ChargingSessionPayload {
  return (
    p['extension'] === 'openpcs' &&
    (p['phase'] === 'start' || p['phase'] === 'stop') &&
    isString(p['sessionId']) &&
    isString(p['chargerId']) &&
    isString(p['equipmentId']) &&
    isString(p['terminal']) &&
    isString(p['startedAt']) &&
    isNumber(p['socStartPct']) &&
    isOptional(p['endedAt'], isString) &&
    isOptional(p['socEndPct'], isNumber) &&
    isOptional(p['energyKwh'], isNumber) &&
    isSourceLine(p['sourceMessage'])
  );
}

function isEmptyReceivable(p: Json): p is EmptyReceivablePayload {
  return (
    p['extension'] === 'openpcs' &&
    isOneOf(EMPTY_RETURN_LOCATION_TYPES)(p['locationType']) &&
    isString(p['locationCode']) &&
    isString(p['carrierScac']) &&
    isString(p['isoEquipmentCode']) &&
    typeof p['accepting'] === 'boolean' &&
    (p['remainingCapacity'] === null || isCount(p['remainingCapacity'])) &&
    isSourceLine(p['sourceMessage'])
  );
}

function isTerminalNotice(p: Json): p is TerminalNoticePayload {
  return (
    p['extension'] === 'openpcs' &&
    isString(p['noticeId']) &&
    isOneOf(NOTICE_TYPES)(p['noticeType']) &&
    isOneOf(NOTICE_STATUSES)(p['status']) &&
    isStringOrNull(p['terminal']) &&
    isStringOrNull(p['carrierScac']) &&
    isStringOrNull(p['isoEquipmentCode']) &&
    isString(p['validFrom']) &&
    isStringOrNull(p['validTo']) &&
    isString(p['text']) &&
    isSourceLine(p['sourceMessage'])
  );
}

/** The code and payload of a stored event, checked against the event map; throws `StoredEventShapeError`. */
export function checkedCodeAndPayload(code: string, payload: unknown): CodeAndPayload {
  if (!isRecord(payload)) throw new StoredEventShapeError(`event ${code}: the payload is not a JSON object`);
  switch (code) {
    case VESSEL_POSITION:
      if (isVesselPosition(payload)) return { eventTypeCode: code, payload };
      break;
    case VESSEL_STATIC:
      if (isVesselStatic(payload)) return { eventTypeCode: code, payload };
      break;
    case CONTAINER_MASTER_DATA:
      if (isContainerMaster(payload)) return { eventTypeCode: code, payload };
      break;
    case TRUCK_APPOINTMENT:
      if (isTruckAppointment(payload)) return { eventTypeCode: code, payload };
      break;
    case TERMINAL_AVAILABILITY:
      if (isTerminalAvailability(payload)) return { eventTypeCode: code, payload };
      break;
    case EQUIPMENT_STATUS:
      if (isEquipmentStatus(payload)) return { eventTypeCode: code, payload };
      break;
    case CHARGING_SESSION:
      if (isChargingSession(payload)) return { eventTypeCode: code, payload };
      break;
    case APPOINTMENT_SLOT:
      if (isAppointmentSlot(payload)) return { eventTypeCode: code, payload };
      break;
    case EMPTY_RECEIVABLE:
      if (isEmptyReceivable(payload)) return { eventTypeCode: code, payload };
      break;
    case TERMINAL_NOTICE:
      if (isTerminalNotice(payload)) return { eventTypeCode: code, payload };
      break;
    default:
      if (isDcsaEventCode(code)) return { eventTypeCode: code, payload };
      throw new StoredEventShapeError(`event type code "${code}" is not in the event map`);
  }
  throw new StoredEventShapeError(`event ${code}: the payload does not have the shape the event map gives the code`);
}
