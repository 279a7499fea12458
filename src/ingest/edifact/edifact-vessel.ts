/**
 * Main-carriage vessel from TDT (8051 stage, 8028 conveyance reference = voyage, C220 8067 mode,
 * C040 3127 carrier, C222 transport identification: 8213 id, 1131 code list (146 = means of transport
 * identification, 103 = call sign), 3055 agency (11 = Lloyd's Register), 8212 name, 8453 nationality).
 * The 8213 id is the IMO number when qualified 146 or agency 11 and its check digit holds.
 */
import { validateImoNumber } from '../../domain/identifiers/imo-number.js';
import type { ModeOfTransport } from '../../domain/cargo-event-codes.js';
import { comp } from './edifact-element.js';
import type { EdifactSegment } from './edifact-types.js';

export interface EdifactVessel {
  readonly imo?: string | undefined;
  readonly callSign?: string | undefined;
  readonly name?: string | undefined;
  readonly voyage?: string | undefined;
  readonly carrier?: string | undefined;
  readonly mode?: ModeOfTransport | undefined;
}

const MODES: Readonly<Record<string, ModeOfTransport>> = { '1': 'VESSEL', '2': 'RAIL', '3': 'TRUCK', '8': 'BARGE' };

export function edifactVessel(tdt: EdifactSegment): EdifactVessel {
  const id = comp(tdt, 8, 0);
  const list = comp(tdt, 8, 1);
  const agency = comp(tdt, 8, 2);
  const imo = id && list !== '103' && (list === '146' || agency === '11' || list === '') ? validateImoNumber(id) : null;
  return {
    imo: imo?.ok ? imo.value : undefined,
    callSign: list === '103' ? id : undefined,
    name: comp(tdt, 8, 3) || undefined,
    voyage: comp(tdt, 2) || undefined,
    carrier: comp(tdt, 5, 0) || undefined,
    mode: MODES[comp(tdt, 3, 0)],
  };
}
