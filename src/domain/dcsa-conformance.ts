/**
 * What DCSA Track & Trace 2.2.0 admits on `/v2/*` (EVENT_DOMAIN 1.0.4, checked against the official schemas by
 * test/dcsa-api/dcsa-conformance.test.ts), and the rules that turn a stored fact into a conformant transport
 * call. Pure: no I/O.
 *
 * Served on `/v2/*` (events, stream, subscriptions) are only events the standard can express:
 * - the event type's code is in the standard's enum (openpcs extensions such as `APPT` truck appointments and
 *   `MSTR` container master data are served on `/events` only);
 * - the classifier is `ACT`, `PLN` or `EST` (a `REQ` appointment is not a DCSA event);
 * - an equipment event states `emptyIndicatorCode` (required by `baseEquipmentEvent`; a source that did not
 *   say empty or laden is not guessed at);
 * - a shipment event names its document (`documentID` + `documentTypeCode`, required by `baseShipmentEvent`):
 *   the transport document (TRD) or booking (BKG) it refers to; a hold on a single container without either is
 *   an openpcs fact served on `/events` only;
 * - a transport event has a transport call (`transportCall` with `transportCallID` and `modeOfTransport`).
 */
import { EQUIPMENT_EVENT_CODES, SHIPMENT_EVENT_CODES, TRANSPORT_EVENT_CODES } from './cargo-event-codes.js';

export const DCSA_CLASSIFIERS = ['ACT', 'PLN', 'EST'] as const;

export const DCSA_CODES = {
  EQUIPMENT: EQUIPMENT_EVENT_CODES,
  TRANSPORT: TRANSPORT_EVENT_CODES,
  SHIPMENT: SHIPMENT_EVENT_CODES,
} as const;

/** DCSA 2.2 `documentTypeCode` (what a shipment event's `documentID` points to). */
export const DCSA_DOCUMENT_TYPE_CODES = [
  'CBR',
  'BKG',
  'SHI',
  'SRM',
  'TRD',
  'ARN',
  'VGM',
  'CAS',
  'CUS',
  'DGD',
  'OOG',
] as const;

/** `facilityTypeCodeTRN`: the facility types a DCSA 2.2 transport call may name. */
export const DCSA_TRANSPORT_CALL_FACILITY_TYPES = [
  'BOCR',
  'CLOC',
  'COFS',
  'COYA',
  'OFFD',
  'DEPO',
  'INTE',
  'POTE',
  'RAMP',
] as const;

export const DCSA_MODES_OF_TRANSPORT: ReadonlySet<string> = new Set(['VESSEL', 'RAIL', 'TRUCK', 'BARGE']);

/** DCSA `sealSource` codes, and the EDI seal-issuer codes that mean the same party. */
const SEAL_SOURCES: Readonly<Record<string, string>> = {
  CAR: 'CAR',
  CA: 'CAR',
  SHI: 'SHI',
  SH: 'SHI',
  PHY: 'PHY',
  VET: 'VET',
  CUS: 'CUS',
  CU: 'CUS',
};
const SEAL_TYPES: ReadonlySet<string> = new Set(['KLP', 'BLT', 'WIR']);

export interface DcsaSeal {
  readonly sealNumber: string;
  readonly sealType: string;
  readonly sealSource?: string;
}

/**
 * Splits the seals a source gave into DCSA seal objects (those whose type is known: `sealType` is required)
 * and bare seal numbers (served as the openpcs extension `sealNumbers`, never with an invented type).
 */
export function dcsaSeals(given: unknown): { seals: DcsaSeal[]; sealNumbers: string[] } {
  const seals: DcsaSeal[] = [];
  const sealNumbers: string[] = [];
  if (!Array.isArray(given)) return { seals, sealNumbers };
  for (const item of given) {
    if (typeof item === 'string') {
      if (item.length > 0) sealNumbers.push(item);
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    const seal = item as Record<string, unknown>;
    const number = typeof seal['sealNumber'] === 'string' ? seal['sealNumber'] : undefined;
    if (!number) continue;
    const type = typeof seal['sealType'] === 'string' ? seal['sealType'] : undefined;
    const sourceCode = typeof seal['sealSource'] === 'string' ? SEAL_SOURCES[seal['sealSource']] : undefined;
    if (type && SEAL_TYPES.has(type)) {
      seals.push(
        sourceCode
          ? { sealNumber: number, sealSource: sourceCode, sealType: type }
          : { sealNumber: number, sealType: type },
      );
    } else {
      sealNumbers.push(number);
    }
  }
  return { seals, sealNumbers };
}

/** The parts of a transport call that identify it, when the source did not give a `transportCallID`. */
export interface TransportCallKey {
  readonly UNLocationCode?: string | null | undefined;
  readonly facilityCode?: string | null | undefined;
  readonly vesselIMONumber?: string | null | undefined;
  readonly voyage?: string | null | undefined;
  readonly modeOfTransport?: string | null | undefined;
  readonly visitId?: string | null | undefined;
}

/**
 * A deterministic `transportCallID` (≤ 100 characters) for a call the source did not number: the same call
 * reported in EDI, CSV and DCSA JSON gets the same id, so `?transportCallID=` finds all its events.
 * A vessel call is `UNLOCODE/FACILITY/IMO/VOYAGE`; a truck, rail or barge visit `UNLOCODE/FACILITY/MODE/VISIT`.
 * `-` stands for a missing part. Null when the call cannot be told apart from others (no vessel, no visit).
 * The same expression is computed in SQL by `event-query.ts` (`derivedTransportCallId`): change both together.
 */
export function derivedTransportCallId(key: TransportCallKey): string | null {
  const place = `${key.UNLocationCode || '-'}/${key.facilityCode || '-'}`;
  if (key.vesselIMONumber) return `${place}/${key.vesselIMONumber}/${key.voyage || '-'}`.slice(0, 100);
  if (key.modeOfTransport && key.visitId) return `${place}/${key.modeOfTransport}/${key.visitId}`.slice(0, 100);
  return null;
}
