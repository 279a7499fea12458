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
  EMPTY_RETURN_SPEAKERS,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  TERMINAL_AVAILABILITY,
  TERMINAL_NOTICE,
  TRUCK_APPOINTMENT,
  DRAYAGE_TRUCK,
} from './cargo-event-codes.js';
import { DRAYAGE_FUELS } from './zero-emission/ze-classification.js';
import type { CanonicalEventOf } from './canonical-event.js';
import type { BroadcastEta } from './reported-eta.js';
import {
  CHARGING_SESSION,
  EQUIPMENT_STATES,
  EQUIPMENT_STATUS,
  EQUIPMENT_TYPES,
  POWERTRAINS,
  type ChargingSessionPayload,
  type EnergyCounters,
  type EquipmentStatusPayload,
} from './equipment-telemetry.js';
import {
  isDcsaEventCode,
  type AppointmentSlotPayload,
  type AppointmentTransaction,
  type FeedSourceLine,
  type OpenpcsPayloads,
  type ContainerMasterPayload,
  type EmptyReceivablePayload,
  type TerminalNoticePayload,
  type DrayageTruckPayload,
  type DcsaEventCode,
  type EventTypeCode,
  type OpenpcsEventCode,
  type TerminalAvailabilityPayload,
  type TruckAppointmentPayload,
} from './event-map.js';
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

type CodeAndPayloadOf<C extends EventTypeCode> = Pick<CanonicalEventOf<C>, 'eventTypeCode' | 'payload'>;

/** A type code with its payload, paired as the event map pairs them. */
export type CodeAndPayload =
  CodeAndPayloadOf<DcsaEventCode> | { [C in OpenpcsEventCode]: CodeAndPayloadOf<C> }[OpenpcsEventCode];

export class StoredEventShapeError extends TypeError {
  override readonly name = 'StoredEventShapeError';
}

type Json = Readonly<Record<string, unknown>>;
type Check = (v: unknown) => boolean;
/** One check per field of `T` (an optional field's check sees `undefined` when it is absent). */
type Shape<T> = { readonly [K in keyof T]-?: Check };
type Guard<T> = (p: Json) => p is Json & T;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const is =
  (value: string): Check =>
  (v) =>
    v === value;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);

/** The guard of a record whose every field passes its check; fields the shape does not name are let through. */
function shaped<T>(shape: Shape<T>): Guard<T> {
  const fields: readonly (readonly [string, Check])[] = Object.entries<Check>(shape);
  return (p: Json): p is Json & T => fields.every(([name, check]) => check(p[name]));
}
const record =
  <T>(shape: Shape<T>): Check =>
  (v) =>
    isRecord(v) && shaped(shape)(v);

const OPENPCS = is('openpcs');
const SOURCE_LINE = record<FeedSourceLine>({ format: isString, line: isNumber });

/** Each openpcs code's payload shape, as the event map types it. */
const PAYLOAD_GUARDS: { readonly [C in OpenpcsEventCode]: Guard<OpenpcsPayloads[C]> } = {
  [VESSEL_POSITION]: shaped<VesselPositionPayload>({
    mmsi: isString,
    lat: isNumber,
    lon: isNumber,
    sogKn: orNull(isNumber),
    cogDeg: orNull(isNumber),
    headingDeg: orNull(isNumber),
    navStatus: orNull(isNumber),
    aisType: orNull(isNumber),
  }),
  [VESSEL_STATIC]: shaped<VesselStaticPayload>({
    mmsi: isString,
    imo: orNull(isString),
    callSign: orNull(isString),
    name: orNull(isString),
    shipType: orNull(isNumber),
    lengthM: orNull(isNumber),
    beamM: orNull(isNumber),
    draughtM: orNull(isNumber),
    destination: orNull(isString),
    eta: optional(
      orNull(
        record<BroadcastEta>({
          month: orNull(isNumber),
          day: orNull(isNumber),
          hour: orNull(isNumber),
          minute: orNull(isNumber),
        }),
      ),
    ),
  }),
  [CONTAINER_MASTER_DATA]: shaped<ContainerMasterPayload>({
    extension: OPENPCS,
    isoEquipmentCode: isString,
    teu: orNull(isNumber),
    lengthFt: orNull(isNumber),
    ownerScac: optional(isString),
    operatorScac: optional(isString),
    tareKg: optional(isNumber),
    maxGrossKg: optional(isNumber),
    reefer: isBoolean,
    hazardousUnNumbers: arrayOf(isString),
    sourceMessage: SOURCE_LINE,
  }),
  [TRUCK_APPOINTMENT]: shaped<TruckAppointmentPayload>({
    extension: OPENPCS,
    modeOfTransport: is('TRUCK'),
    appointmentId: isString,
    appointmentStatus: isString,
    truckingCompany: isString,
    truckPlate: optional(isString),
    slotStart: isString,
    slotEnd: isString,
    transactions: arrayOf(
      record<AppointmentTransaction>({
        move: oneOf(['PICKUP', 'DROPOFF']),
        equipmentReference: optional(isString),
        bookingReference: optional(isString),
      }),
    ),
    sourceMessage: record<TruckAppointmentPayload['sourceMessage']>({ format: isString, lines: arrayOf(isNumber) }),
  }),
  [TERMINAL_AVAILABILITY]: shaped<TerminalAvailabilityPayload>({
    extension: OPENPCS,
    availableForPickup: isBoolean,
    holds: arrayOf(isString),
    lastFreeDay: optional(isString),
    sourceMessage: SOURCE_LINE,
  }),
  [EQUIPMENT_STATUS]: shaped<EquipmentStatusPayload>({
    extension: OPENPCS,
    equipmentId: isString,
    terminal: isString,
    equipmentType: oneOf(EQUIPMENT_TYPES),
    powertrain: oneOf(POWERTRAINS),
    state: oneOf(EQUIPMENT_STATES),
    socPct: orNull(isNumber),
    energy: record<EnergyCounters>({
      electricityKwh: optional(isNumber),
      dieselLitres: optional(isNumber),
      hydrogenKg: optional(isNumber),
    }),
    engineHours: isNumber,
    sourceMessage: SOURCE_LINE,
  }),
  [CHARGING_SESSION]: shaped<ChargingSessionPayload>({
    extension: OPENPCS,
    phase: oneOf(['start', 'stop']),
    sessionId: isString,
    chargerId: isString,
    equipmentId: isString,
    terminal: isString,
    startedAt: isString,
    socStartPct: isNumber,
    endedAt: optional(isString),
    socEndPct: optional(isNumber),
    energyKwh: optional(isNumber),
    sourceMessage: SOURCE_LINE,
  }),
  [APPOINTMENT_SLOT]: shaped<AppointmentSlotPayload>({
    extension: OPENPCS,
    transactionType: oneOf(APPOINTMENT_TRANSACTION_TYPES),
    slotStart: isString,
    slotEnd: isString,
    capacity: isCount,
    booked: isCount,
    sourceMessage: SOURCE_LINE,
  }),
  [EMPTY_RECEIVABLE]: shaped<EmptyReceivablePayload>({
    extension: OPENPCS,
    locationType: oneOf(EMPTY_RETURN_LOCATION_TYPES),
    locationCode: isString,
    carrierScac: isString,
    isoEquipmentCode: isString,
    accepting: isBoolean,
    remainingCapacity: orNull(isCount),
    statedBy: optional(oneOf(EMPTY_RETURN_SPEAKERS)),
    sourceMessage: SOURCE_LINE,
  }),
  [TERMINAL_NOTICE]: shaped<TerminalNoticePayload>({
    extension: OPENPCS,
    noticeId: isString,
    noticeType: oneOf(NOTICE_TYPES),
    status: oneOf(NOTICE_STATUSES),
    terminal: orNull(isString),
    carrierScac: orNull(isString),
    isoEquipmentCode: orNull(isString),
    validFrom: isString,
    validTo: orNull(isString),
    text: isString,
    sourceMessage: SOURCE_LINE,
  }),
  [DRAYAGE_TRUCK]: shaped<DrayageTruckPayload>({
    extension: OPENPCS,
    truckId: isString,
    operatorScac: isString,
    engineModelYear: isCount,
    fuel: oneOf(DRAYAGE_FUELS),
    zeroEmission: isBoolean,
    lowNox: isBoolean,
    registeredAt: isString,
    sourceMessage: SOURCE_LINE,
  }),
  [SHORE_POWER_CONNECTION]: shaped<ShorePowerConnectionPayload>({
    extension: OPENPCS,
    terminal: isString,
    berth: isString,
    imo: orNull(isString),
    mmsi: orNull(isString),
    connectedAt: isString,
    disconnectedAt: orNull(isString),
    energyKwh: orNull(isNumber),
    sourceMessage: SOURCE_LINE,
  }),
  [VESSEL_PARTICULARS]: shaped<VesselParticularsPayload>({
    extension: OPENPCS,
    imo: isString,
    mmsi: orNull(isString),
    vesselName: orNull(isString),
    shipType: orNull(isString),
    teu: orNull(isNumber),
    dwt: orNull(isNumber),
    gt: orNull(isNumber),
    mainEngineKw: orNull(isNumber),
    auxEngineKw: orNull(isNumber),
    designSpeedKn: orNull(isNumber),
    maxDraughtM: orNull(isNumber),
    mainEngine: orNull(isString),
    engineStroke: orNull((v) => v === 2 || v === 4),
    fuel: orNull(isString),
    sulphurPct: orNull(isNumber),
    builtYear: orNull(isNumber),
    shorePowerCapable: orNull(isBoolean),
    zeroEmissionCapable: orNull(isBoolean),
    sourceMessage: SOURCE_LINE,
  }),
};

const isOpenpcsCode = (code: string): code is OpenpcsEventCode => Object.hasOwn(PAYLOAD_GUARDS, code);

/** An openpcs code paired with its own payload type (a union over the codes). */
type OpenpcsCodeAndPayload<C extends OpenpcsEventCode = OpenpcsEventCode> = {
  [K in C]: { readonly eventTypeCode: K; readonly payload: OpenpcsPayloads[K] };
}[C];

function checkedOpenpcs<C extends OpenpcsEventCode>(code: C, payload: Json): OpenpcsCodeAndPayload<C> {
  const guard: Guard<OpenpcsPayloads[C]> = PAYLOAD_GUARDS[code];
  if (guard(payload)) return { eventTypeCode: code, payload };
  throw new StoredEventShapeError(`event ${code}: the payload does not have the shape the event map gives the code`);
}

/** The code and payload of a stored event, checked against the event map; throws `StoredEventShapeError`. */
export function checkedCodeAndPayload(code: string, payload: unknown): CodeAndPayload {
  if (!isRecord(payload)) throw new StoredEventShapeError(`event ${code}: the payload is not a JSON object`);
  if (isOpenpcsCode(code)) return checkedOpenpcs(code, payload);
  if (isDcsaEventCode(code)) return { eventTypeCode: code, payload };
  throw new StoredEventShapeError(`event type code "${code}" is not in the event map`);
}
