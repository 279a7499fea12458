import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CanonicalEventOf, NewCanonicalEvent } from './canonical-event.js';
import type { CONTAINER_MASTER_DATA, TRUCK_APPOINTMENT } from './cargo-event-codes.js';
import type {
  CHARGING_SESSION,
  ChargingSessionPayload,
  EQUIPMENT_STATUS,
  EquipmentStatusPayload,
} from './equipment-telemetry.js';
import { checkedCodeAndPayload, StoredEventShapeError } from './event-payload-guard.js';
import {
  OPENPCS_EVENT_CODES,
  type ContainerMasterPayload,
  type DcsaPayload,
  type EventPayloadMap,
  type OpenpcsPayloads,
  type TruckAppointmentPayload,
} from './event-map.js';
import {
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from './vessel-observation.js';

const fields = {
  idempotencyKey: 'k',
  eventType: 'VESSEL',
  eventClassifierCode: 'ACT',
  eventDateTime: '2022-01-03T00:00:00.000Z',
  eventCreatedDateTime: '2022-01-03T00:00:00.000Z',
} as const;
const position: VesselPositionPayload = {
  mmsi: '477776200',
  lat: 33.7,
  lon: -118.2,
  sogKn: 0.1,
  cogDeg: null,
  headingDeg: null,
  navStatus: 5,
  aisType: 1,
};
const status: EquipmentStatusPayload = {
  extension: 'openpcs',
  equipmentId: 'WBCT-YT-007',
  terminal: 'WBCT',
  equipmentType: 'yard_tractor',
  powertrain: 'battery_electric',
  state: 'charging',
  socPct: 41.5,
  energy: { electricityKwh: 120.5 },
  engineHours: 10_234.25,
  sourceMessage: { format: 'equipment-telemetry', line: 1 },
};
const stop: ChargingSessionPayload = {
  extension: 'openpcs',
  phase: 'stop',
  sessionId: 'S1',
  chargerId: 'WBCT-CHG-01',
  equipmentId: 'WBCT-YT-007',
  terminal: 'WBCT',
  startedAt: '2018-05-07T09:30:00.000Z',
  socStartPct: 22.1,
  endedAt: '2018-05-07T11:21:00.000Z',
  socEndPct: 95,
  energyKwh: 153.09,
  sourceMessage: { format: 'equipment-telemetry', line: 2 },
};

describe('the event map', () => {
  it('should give each openpcs code its payload type and DCSA codes an open record', () => {
    expectTypeOf<EventPayloadMap[typeof VESSEL_POSITION]>().toEqualTypeOf<VesselPositionPayload>();
    expectTypeOf<EventPayloadMap[typeof VESSEL_STATIC]>().toEqualTypeOf<VesselStaticPayload>();
    expectTypeOf<EventPayloadMap[typeof CONTAINER_MASTER_DATA]>().toEqualTypeOf<ContainerMasterPayload>();
    expectTypeOf<EventPayloadMap[typeof TRUCK_APPOINTMENT]>().toEqualTypeOf<TruckAppointmentPayload>();
    expectTypeOf<EventPayloadMap['GTIN']>().toEqualTypeOf<DcsaPayload>();
  });

  it('should narrow the payload when the code is tested', () => {
    const event = { ...fields, eventTypeCode: VESSEL_POSITION, payload: position } as NewCanonicalEvent;
    if (event.eventTypeCode === VESSEL_POSITION) expectTypeOf(event.payload).toEqualTypeOf<VesselPositionPayload>();
    if (event.eventTypeCode === 'DEPA') expectTypeOf(event.payload).toEqualTypeOf<DcsaPayload>();
    expect(event.eventTypeCode).toBe('POSN');
  });

  it('should not compile a payload of the wrong shape for a code, nor a code outside the map', () => {
    // @ts-expect-error a position payload under the static code
    const wrongPayload: NewCanonicalEvent = { ...fields, eventTypeCode: VESSEL_STATIC, payload: position };
    // @ts-expect-error a position without its latitude
    const missingField: CanonicalEventOf<'POSN'> = { ...fields, eventTypeCode: 'POSN', payload: { mmsi: '1', lon: 0 } };
    // @ts-expect-error no such event type code
    const unknownCode: NewCanonicalEvent = { ...fields, eventTypeCode: 'XXXX', payload: {} };
    expect([wrongPayload, missingField, unknownCode]).toHaveLength(3);
  });
});

describe('checkedCodeAndPayload (the store edge)', () => {
  it('should pair a stored code with its payload when the payload has the map shape', () => {
    const checked = checkedCodeAndPayload('POSN', { ...position });
    expect(checked).toEqual({ eventTypeCode: 'POSN', payload: position });
    expect(checkedCodeAndPayload('GTIN', { anything: 1 })).toEqual({ eventTypeCode: 'GTIN', payload: { anything: 1 } });
  });

  it('should refuse a payload that does not fit its code, a code outside the map and a non-object payload', () => {
    expect(() => checkedCodeAndPayload('POSN', { ...position, sogKn: 'fast' })).toThrow(StoredEventShapeError);
    expect(() => checkedCodeAndPayload('STAT', { ...position })).toThrow(StoredEventShapeError);
    expect(() => checkedCodeAndPayload('MSTR', { extension: 'openpcs' })).toThrow(StoredEventShapeError);
    expect(() => checkedCodeAndPayload('XXXX', {})).toThrow(/not in the event map/);
    expect(() => checkedCodeAndPayload('GTIN', [1])).toThrow(/not a JSON object/);
  });
});

describe('equipment telemetry payloads at the store edge', () => {
  it('should type EQST and CHRG and check their stored payloads', () => {
    expectTypeOf<EventPayloadMap[typeof EQUIPMENT_STATUS]>().toEqualTypeOf<EquipmentStatusPayload>();
    expectTypeOf<EventPayloadMap[typeof CHARGING_SESSION]>().toEqualTypeOf<ChargingSessionPayload>();
    expect(checkedCodeAndPayload('EQST', { ...status })).toEqual({ eventTypeCode: 'EQST', payload: status });
    expect(checkedCodeAndPayload('CHRG', { ...stop })).toEqual({ eventTypeCode: 'CHRG', payload: stop });
    expect(() => checkedCodeAndPayload('EQST', { ...status, state: 'sleeping' })).toThrow(StoredEventShapeError);
    expect(() => checkedCodeAndPayload('EQST', { ...status, energy: { electricityKwh: '1' } })).toThrow(
      StoredEventShapeError,
    );
    expect(() => checkedCodeAndPayload('CHRG', { ...stop, phase: 'pause' })).toThrow(StoredEventShapeError);
    expect(() => checkedCodeAndPayload('CHRG', { ...status })).toThrow(StoredEventShapeError);
  });
});

describe('every openpcs payload at the store edge', () => {
  const line = { format: 'csv', line: 2 };
  /** One payload per openpcs code, typed by the event map (the compiler keeps this table complete). */
  const payloads: OpenpcsPayloads = {
    POSN: position,
    STAT: {
      mmsi: '477776200',
      imo: '9454436',
      callSign: null,
      name: 'EVER LOVELY',
      shipType: 70,
      lengthM: 334,
      beamM: null,
      draughtM: 14.2,
      destination: 'USLAX',
    },
    MSTR: {
      extension: 'openpcs',
      isoEquipmentCode: '45G1',
      teu: 2,
      lengthFt: 40,
      ownerScac: 'MSCU',
      tareKg: 3_800,
      reefer: false,
      hazardousUnNumbers: ['1203'],
      sourceMessage: line,
    },
    APPT: {
      extension: 'openpcs',
      modeOfTransport: 'TRUCK',
      appointmentId: 'APT-1',
      appointmentStatus: 'BOOKED',
      truckingCompany: 'HRZD',
      slotStart: '2026-02-12T18:00:00.000Z',
      slotEnd: '2026-02-12T19:00:00.000Z',
      transactions: [{ move: 'PICKUP', equipmentReference: 'TCLU5544330' }],
      sourceMessage: { format: 'csv-truck-appointments', lines: [3, 4] },
    },
    AVLB: { extension: 'openpcs', availableForPickup: true, holds: [], lastFreeDay: '2026-02-14', sourceMessage: line },
    EQST: status,
    CHRG: stop,
    SLOT: {
      extension: 'openpcs',
      transactionType: 'DUAL',
      slotStart: '2026-02-12T18:00:00.000Z',
      slotEnd: '2026-02-12T19:00:00.000Z',
      capacity: 40,
      booked: 0,
      sourceMessage: line,
    },
    ERCV: {
      extension: 'openpcs',
      locationType: 'DEPOT',
      locationCode: 'USLAXDEP1',
      carrierScac: 'MAEU',
      isoEquipmentCode: '45G1',
      accepting: true,
      remainingCapacity: null,
      sourceMessage: line,
    },
    NOTC: {
      extension: 'openpcs',
      noticeId: 'N-1',
      noticeType: 'GATE_CLOSED',
      status: 'ACTIVE',
      terminal: null,
      carrierScac: null,
      isoEquipmentCode: null,
      validFrom: '2026-02-12T18:00:00.000Z',
      validTo: null,
      text: 'Gates closed for the holiday',
      sourceMessage: line,
    },
    DTRK: {
      extension: 'openpcs',
      truckId: '7XYZ789',
      operatorScac: 'SBTL',
      engineModelYear: 2023,
      fuel: 'battery_electric',
      zeroEmission: true,
      lowNox: false,
      registeredAt: '2026-02-01T08:00:00.000Z',
      sourceMessage: line,
    },
    SHPC: {
      extension: 'openpcs',
      terminal: 'LBCT',
      berth: 'F10',
      imo: '9516442',
      mmsi: null,
      connectedAt: '2026-02-12T18:00:00.000Z',
      disconnectedAt: null,
      energyKwh: null,
      sourceMessage: line,
    },
    VPAR: {
      extension: 'openpcs',
      imo: '9516442',
      mmsi: '477776200',
      vesselName: 'COSCO SPAIN',
      shipType: 'container',
      teu: 13_386,
      dwt: null,
      gt: null,
      mainEngineKw: 68_640,
      auxEngineKw: null,
      designSpeedKn: 24.5,
      maxDraughtM: 15.5,
      mainEngine: 'SSD',
      engineStroke: 2,
      fuel: 'HFO',
      sulphurPct: null,
      builtYear: 2011,
      shorePowerCapable: true,
      zeroEmissionCapable: false,
      sourceMessage: line,
    },
  };

  it.each(OPENPCS_EVENT_CODES)('should take a %s payload of the map shape as it is', (code) => {
    const payload = payloads[code];
    expect(checkedCodeAndPayload(code, { ...payload })).toEqual({ eventTypeCode: code, payload });
  });

  it.each(OPENPCS_EVENT_CODES)('should refuse a %s payload with any one field of the wrong type', (code) => {
    for (const [field, value] of Object.entries(payloads[code])) {
      const wrong = typeof value === 'boolean' ? 'yes' : true;
      expect(() => checkedCodeAndPayload(code, { ...payloads[code], [field]: wrong }), field).toThrow(
        StoredEventShapeError,
      );
    }
  });

  it('should refuse a required field that is missing, a count below zero and a move outside PICKUP/DROPOFF', () => {
    const { sessionId: _dropped, ...noSession } = stop;
    expect(() => checkedCodeAndPayload('CHRG', noSession)).toThrow(StoredEventShapeError);
    expect(() => checkedCodeAndPayload('SLOT', { ...payloads.SLOT, booked: -1 })).toThrow(StoredEventShapeError);
    const badMove = { ...payloads.APPT, transactions: [{ move: 'LIFT' }] };
    expect(() => checkedCodeAndPayload('APPT', badMove)).toThrow(StoredEventShapeError);
    const badLines = { ...payloads.APPT, sourceMessage: { format: 'csv', lines: ['3'] } };
    expect(() => checkedCodeAndPayload('APPT', badLines)).toThrow(StoredEventShapeError);
  });
});
