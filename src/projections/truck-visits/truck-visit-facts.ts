/**
 * Truck-visit facts in a stored event (openpcs extension, cargo-event-codes.ts): TRANSPORT ARRI/DEPA with
 * payload.modeOfTransport TRUCK and a visitId (gate in / gate out of the truck), EQUIPMENT GTIN/GTOT with a
 * visitId (a container dropped off / picked up during the visit), TRANSPORT APPT (an appointment version).
 */
import { payloadFields, type StoredEvent } from '../../domain/canonical-event.js';
import { TRUCK_APPOINTMENT } from '../../domain/cargo-event-codes.js';
import type { EventTypeCode } from '../../domain/event-map.js';
import { terminalOfLocation } from '../../domain/containers/terminal-of-location.js';
import type { VisitTransaction } from '../../domain/truck-visits/visit-transaction.js';

export type { VisitTransaction } from '../../domain/truck-visits/visit-transaction.js';

/** The codes whose events can carry truck-visit facts (`truckFactsOf`). */
export const TRUCK_FACT_CODES: readonly EventTypeCode[] = [TRUCK_APPOINTMENT, 'ARRI', 'DEPA', 'GTIN', 'GTOT'];

export type TruckFact =
  | {
      readonly kind: 'gate';
      readonly visitKey: string;
      readonly visitId: string;
      readonly terminalCode: string;
      readonly unLocationCode: string | null;
      readonly direction: 'IN' | 'OUT';
      readonly at: string;
      readonly truckingCompany: string | null;
      readonly truckPlate: string | null;
      readonly seq: string;
    }
  | {
      readonly kind: 'transaction';
      readonly visitKey: string;
      readonly visitId: string;
      readonly terminalCode: string;
      readonly unLocationCode: string | null;
      readonly transaction: VisitTransaction;
      readonly seq: string;
    }
  | {
      readonly kind: 'appointment';
      readonly appointmentKey: string;
      readonly appointmentId: string;
      readonly terminalCode: string;
      readonly unLocationCode: string | null;
      readonly status: string;
      readonly truckingCompany: string;
      readonly truckPlate: string | null;
      readonly slotStart: string;
      readonly slotEnd: string;
      readonly transactions: readonly Record<string, unknown>[];
      readonly rank: string;
      readonly seq: string;
    };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function truckFactsOf(event: StoredEvent): TruckFact[] {
  const terminal = terminalOfLocation(event.location);
  if (!terminal) return [];
  const locode = event.location?.unLocationCode ?? null;
  const rank = `${new Date(event.eventCreatedDateTime).toISOString()}|${event.idempotencyKey}`;
  if (event.eventType === 'TRANSPORT' && event.eventTypeCode === TRUCK_APPOINTMENT) {
    const appointment = event.payload;
    const appointmentId = str(appointment.appointmentId);
    const slotStart = str(appointment.slotStart);
    const slotEnd = str(appointment.slotEnd);
    if (!appointmentId || !slotStart || !slotEnd) return [];
    return [
      {
        kind: 'appointment',
        appointmentKey: `${terminal}:${appointmentId}`,
        appointmentId,
        terminalCode: terminal,
        unLocationCode: locode,
        status: str(appointment.appointmentStatus) ?? 'BOOKED',
        truckingCompany: str(appointment.truckingCompany) ?? event.references?.carrierCode ?? '',
        truckPlate: str(appointment.truckPlate),
        slotStart,
        slotEnd,
        transactions: appointment.transactions,
        rank,
        seq: event.seq,
      },
    ];
  }
  const p = payloadFields(event);
  const visitId = str(p['visitId']);
  if (!visitId) return [];
  const visitKey = `${terminal}:${visitId}`;
  const at = new Date(event.eventDateTime).toISOString();
  if (event.eventType === 'TRANSPORT' && p['modeOfTransport'] === 'TRUCK') {
    if (event.eventTypeCode !== 'ARRI' && event.eventTypeCode !== 'DEPA') return [];
    return [
      {
        kind: 'gate',
        visitKey,
        visitId,
        terminalCode: terminal,
        unLocationCode: locode,
        direction: event.eventTypeCode === 'ARRI' ? 'IN' : 'OUT',
        at,
        truckingCompany: str(p['truckingCompany']),
        truckPlate: str(p['truckPlate']),
        seq: event.seq,
      },
    ];
  }
  const equipment = event.references?.equipmentReference;
  if (
    event.eventType === 'EQUIPMENT' &&
    equipment &&
    (event.eventTypeCode === 'GTIN' || event.eventTypeCode === 'GTOT')
  ) {
    return [
      {
        kind: 'transaction',
        visitKey,
        visitId,
        terminalCode: terminal,
        unLocationCode: locode,
        seq: event.seq,
        transaction: {
          transactionId: str(p['transactionId']) ?? event.idempotencyKey,
          move: event.eventTypeCode === 'GTIN' ? 'DROPOFF' : 'PICKUP',
          equipmentReference: equipment,
          emptyIndicatorCode: str(p['emptyIndicatorCode']),
          isoEquipmentCode: str(p['ISOEquipmentCode']),
          at,
          appointmentId: str(p['appointmentId']),
          rank,
        },
      },
    ];
  }
  return [];
}
