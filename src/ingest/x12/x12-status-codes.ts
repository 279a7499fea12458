/**
 * Shipment status codes (X12 element 157; B4-03 in the 315, Q5-01 in the 322, release 004010) → canonical
 * events. Descriptions are the standard's names. Codes without a DCSA 2.2 or openpcs equivalent (e.g.
 * `AV` available for delivery, `D` delivered, `E` estimated arrival) are rejected as
 * `PCS_X12_UNSUPPORTED_STATUS` so they land in the dead letter and can be replayed once mapped.
 */
import type { HoldType, ModeOfTransport } from '../../domain/cargo-event-codes.js';

export type X12StatusMapping =
  | {
      readonly kind: 'EQUIPMENT';
      readonly code: 'LOAD' | 'DISC' | 'GTIN' | 'GTOT';
      readonly mode?: ModeOfTransport;
      readonly empty?: boolean;
    }
  | { readonly kind: 'TRANSPORT'; readonly code: 'ARRI' | 'DEPA'; readonly mode: ModeOfTransport }
  | { readonly kind: 'SHIPMENT'; readonly code: 'HOLD' | 'RELS'; readonly holdTypes: readonly HoldType[] };

export interface X12Status {
  readonly description: string;
  readonly mapping: X12StatusMapping;
}

const customsHold = (description: string): X12Status => ({
  description,
  mapping: { kind: 'SHIPMENT', code: 'HOLD', holdTypes: ['CUSTOMS'] },
});

export const X12_STATUS_CODES: Readonly<Record<string, X12Status>> = {
  AE: { description: 'Loaded on Vessel', mapping: { kind: 'EQUIPMENT', code: 'LOAD', mode: 'VESSEL' } },
  AP: { description: 'Loaded on Feeder Vessel', mapping: { kind: 'EQUIPMENT', code: 'LOAD', mode: 'VESSEL' } },
  AO: { description: 'Loaded on Barge', mapping: { kind: 'EQUIPMENT', code: 'LOAD', mode: 'BARGE' } },
  AL: { description: 'Loaded on Rail', mapping: { kind: 'EQUIPMENT', code: 'LOAD', mode: 'RAIL' } },
  AM: { description: 'Loaded on Truck', mapping: { kind: 'EQUIPMENT', code: 'LOAD', mode: 'TRUCK' } },
  UV: { description: 'Unloaded From Vessel', mapping: { kind: 'EQUIPMENT', code: 'DISC', mode: 'VESSEL' } },
  UR: { description: 'Unloaded From a Rail Car', mapping: { kind: 'EQUIPMENT', code: 'DISC', mode: 'RAIL' } },
  I: { description: 'In-Gate', mapping: { kind: 'EQUIPMENT', code: 'GTIN', mode: 'TRUCK' } },
  OA: { description: 'Out-Gate', mapping: { kind: 'EQUIPMENT', code: 'GTOT', mode: 'TRUCK' } },
  RD: { description: 'Return Container', mapping: { kind: 'EQUIPMENT', code: 'GTIN', mode: 'TRUCK', empty: true } },
  EE: {
    description: 'Empty Equipment Dispatched',
    mapping: { kind: 'EQUIPMENT', code: 'GTOT', mode: 'TRUCK', empty: true },
  },
  VA: { description: 'Vessel Arrival', mapping: { kind: 'TRANSPORT', code: 'ARRI', mode: 'VESSEL' } },
  VD: { description: 'Vessel Departure', mapping: { kind: 'TRANSPORT', code: 'DEPA', mode: 'VESSEL' } },
  AR: {
    description: 'Rail Arrival at Destination Intermodal Ramp',
    mapping: { kind: 'TRANSPORT', code: 'ARRI', mode: 'RAIL' },
  },
  RL: {
    description: 'Rail Departure from Origin Intermodal Ramp',
    mapping: { kind: 'TRANSPORT', code: 'DEPA', mode: 'RAIL' },
  },
  CT: { description: 'Customs Released', mapping: { kind: 'SHIPMENT', code: 'RELS', holdTypes: ['CUSTOMS'] } },
  CR: { description: 'Carrier Release', mapping: { kind: 'SHIPMENT', code: 'RELS', holdTypes: ['FREIGHT'] } },
  CU: {
    description: 'Carrier and Customs Release',
    mapping: { kind: 'SHIPMENT', code: 'RELS', holdTypes: ['CUSTOMS', 'FREIGHT'] },
  },
  PA: customsHold('US Custom Hold, Intensive Examination'),
  PB: customsHold('US Custom Hold, Insufficient Paperwork'),
  PC: customsHold('US Custom Hold, Discrepancy in Paperwork'),
  PD: customsHold('US Custom Hold, Discrepancy in Piece Count'),
  PE: customsHold('US Custom Hold, Hold by Coast Guard'),
  PF: customsHold('US Custom Hold, Hold by F.B.I.'),
  PG: customsHold('US Custom Hold, Hold by Local Law Enforcement'),
  PH: customsHold('US Custom Hold, Hold by Court Imposed Lien'),
  PI: customsHold('US Custom Hold, Hold by Food and Drug'),
  PJ: customsHold('US Custom Hold, Hold by Fish and Wildlife'),
  PK: customsHold('US Custom Hold, Hold by Drug Enforcement'),
};
