/**
 * A carrier's DCSA Track & Trace 2.2 event batch (`dcsa-events`, a JSON array as a GET /events page or a
 * subscription callback carries it): TRANSPORT `ARRI`/`DEPA` of its vessel at the berth and EQUIPMENT
 * `DISC`/`LOAD` (vessel) and `GTIN`/`GTOT` (truck gate) of its boxes, shaped like
 * test/fixtures/cargo-story/carrier-dcsa-events.json (transportCall with the SMDG terminal, facilityTypeCode
 * `POTE`, documentReferences BKG/TRD). Times carry the Los Angeles offset.
 */
import type { Prng } from '../prng.js';
import type { CallRef, CargoEvent } from './cargo-events.js';
import { pacificIso } from './pacific-time.js';

type DcsaSource = Extract<CargoEvent, { kind: 'ARRI' | 'DEPA' | 'DISC' | 'LOAD' | 'GATE' }>;

/** A version-4-shaped UUID from the stream (deterministic per message). */
function uuid(rng: Prng): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[rng.int(0, 3)]}${hex(3)}-${hex(12)}`;
}

function vesselCall(cargo: CallRef, exportLeg: boolean): Record<string, unknown> {
  const c = cargo.call;
  return {
    transportCallID: `${c.port}-${c.terminal}-${c.voyage}`,
    carrierServiceCode: c.serviceId.slice(0, 4),
    exportVoyageNumber: exportLeg ? cargo.exportVoyage : c.voyage,
    importVoyageNumber: c.voyage,
    UNLocationCode: c.port,
    facilityCode: c.terminal,
    facilityCodeListProvider: 'SMDG',
    facilityTypeCode: 'POTE',
    modeOfTransport: 'VESSEL',
    vessel: {
      vesselIMONumber: c.vessel.imo,
      vesselName: c.vessel.name,
      vesselCallSignNumber: c.vessel.callsign,
      vesselOperatorCarrierCode: c.carrierScac,
      vesselOperatorCarrierCodeListProvider: 'SMDG',
    },
  };
}

function event(e: DcsaSource, rng: Prng, createdMs: number): Record<string, unknown> | null {
  const head = {
    eventID: uuid(rng),
    eventCreatedDateTime: pacificIso(createdMs),
    eventClassifierCode: 'ACT',
    eventDateTime: pacificIso(e.atMs),
  };
  const c = e.cargo.call;
  switch (e.kind) {
    case 'ARRI':
    case 'DEPA':
      return {
        ...head,
        eventType: 'TRANSPORT',
        transportEventTypeCode: e.kind,
        transportCall: vesselCall(e.cargo, e.kind === 'DEPA'),
      };
    case 'DISC':
      return {
        ...head,
        eventType: 'EQUIPMENT',
        equipmentEventTypeCode: 'DISC',
        equipmentReference: e.box.number,
        ISOEquipmentCode: e.box.type.sizeType,
        emptyIndicatorCode: 'LADEN',
        transportCall: vesselCall(e.cargo, false),
        documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: e.box.billOfLading }],
      };
    case 'LOAD':
      return {
        ...head,
        eventType: 'EQUIPMENT',
        equipmentEventTypeCode: 'LOAD',
        equipmentReference: e.box.number,
        ISOEquipmentCode: e.box.type.sizeType,
        emptyIndicatorCode: e.box.full ? 'LADEN' : 'EMPTY',
        transportCall: vesselCall(e.cargo, true),
        documentReferences: [{ documentReferenceType: 'BKG', documentReferenceValue: e.box.booking }],
      };
    case 'GATE': {
      if (!e.box) return null;
      const laden = !e.empty;
      const doc =
        e.box.kind === 'import'
          ? { documentReferenceType: 'TRD', documentReferenceValue: e.box.billOfLading }
          : { documentReferenceType: 'BKG', documentReferenceValue: e.box.booking };
      return {
        ...head,
        eventType: 'EQUIPMENT',
        equipmentEventTypeCode: e.direction === 'IN' ? 'GTIN' : 'GTOT',
        equipmentReference: e.box.number,
        ISOEquipmentCode: e.box.type.sizeType,
        emptyIndicatorCode: laden ? 'LADEN' : 'EMPTY',
        transportCall: {
          transportCallID: e.visit.id,
          UNLocationCode: c.port,
          facilityCode: c.terminal,
          facilityCodeListProvider: 'SMDG',
          facilityTypeCode: 'POTE',
          modeOfTransport: 'TRUCK',
        },
        ...(laden ? { documentReferences: [doc] } : {}),
      };
    }
  }
}

/** The batch a carrier sends at `sendMs` (each event created a few minutes after it happened). */
export function dcsaEventsBody(events: readonly DcsaSource[], sendMs: number, rng: Prng): string | null {
  const out: Record<string, unknown>[] = [];
  for (const e of events) {
    const created = Math.min(sendMs, e.atMs + 4 * 60_000);
    const json = event(e, rng, created);
    if (json) out.push(json);
  }
  return out.length > 0 ? JSON.stringify(out) : null;
}
