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
import type { ContainerMasterPayload, DcsaPayload, EventPayloadMap, TruckAppointmentPayload } from './event-map.js';
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
