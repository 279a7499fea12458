/**
 * One X12 shipment status (315 B4 or 322 Q5 + N7) → canonical events via `X12_STATUS_CODES`.
 * EQUIPMENT events need a container; TRANSPORT events need a vessel (or rail mode); SHIPMENT hold/release
 * events need a container or a bill of lading. Holds follow the openpcs extension in cargo-event-codes.ts.
 */
import type { EventLocation, NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { EmptyIndicator, ModeOfTransport } from '../../domain/cargo-event-codes.js';
import type { Rejection } from '../message-parser.js';
import { x12Event } from './x12-event-factory.js';
import { X12_STATUS_CODES } from './x12-status-codes.js';
import type { X12TransactionContext } from './x12-transaction-context.js';
import type { X12Vessel } from './x12-vessel.js';

export interface X12StatusFact {
  readonly statusCode: string;
  readonly line: number;
  readonly eventDateTime: string;
  readonly location?: EventLocation | undefined;
  readonly container?: string | undefined;
  readonly emptyIndicator?: EmptyIndicator | undefined;
  readonly isoEquipmentCode?: string | undefined;
  readonly vessel?: X12Vessel | undefined;
  readonly billOfLading?: string | undefined;
  readonly booking?: string | undefined;
  readonly carrierCode?: string | undefined;
  readonly seals: readonly string[];
  /** Overrides the mode the status code implies (e.g. 322 N7-11 `RR` rail car). */
  readonly mode?: ModeOfTransport | undefined;
}

export function x12StatusEvents(
  ctx: X12TransactionContext,
  fact: X12StatusFact,
): { events: NewCanonicalEvent[]; rejected: Rejection[] } {
  const status = X12_STATUS_CODES[fact.statusCode];
  const where = `transaction set ${ctx.transaction.setId} ${ctx.transaction.controlNumber}`;
  if (!status) {
    return {
      events: [],
      rejected: [
        {
          code: 'PCS_X12_UNSUPPORTED_STATUS',
          message: `status code "${fact.statusCode}" in ${where} has no canonical mapping`,
          line: fact.line,
        },
      ],
    };
  }
  const m = status.mapping;
  const sourceMessage = {
    format: ctx.format,
    interchangeControlNumber: ctx.interchange.controlNumber,
    groupControlNumber: ctx.group.controlNumber,
    messageReference: ctx.transaction.controlNumber,
    statusCode: fact.statusCode,
    statusDescription: status.description,
  };
  const transportCall = fact.vessel
    ? {
        vesselIMONumber: fact.vessel.imo,
        vesselName: fact.vessel.name,
        carrierVoyageNumber: fact.vessel.voyage,
        UNLocationCode: fact.location?.unLocationCode,
      }
    : undefined;
  const references = {
    equipmentReference: fact.container,
    transportDocumentReference: fact.billOfLading,
    carrierBookingReference: fact.booking,
    vesselIMONumber: fact.vessel?.imo,
    carrierVoyageNumber: fact.vessel?.voyage,
    carrierCode: fact.carrierCode,
  };
  const base = {
    format: ctx.format,
    sender: ctx.sender,
    eventClassifierCode: 'ACT' as const,
    eventDateTime: fact.eventDateTime,
    eventCreatedDateTime: ctx.createdAt,
    location: fact.location,
    references,
  };
  const missing = (what: string): { events: NewCanonicalEvent[]; rejected: Rejection[] } => ({
    events: [],
    rejected: [
      {
        code: 'PCS_X12_MISSING_ELEMENT',
        message: `status ${fact.statusCode} (${status.description}) in ${where} has no ${what}`,
        line: fact.line,
      },
    ],
  });

  switch (m.kind) {
    case 'EQUIPMENT': {
      if (!fact.container) return missing('equipment number');
      const mode = fact.mode ?? m.mode;
      const empty: EmptyIndicator | undefined = m.empty ? 'EMPTY' : fact.emptyIndicator;
      return {
        events: [
          x12Event({
            ...base,
            eventType: 'EQUIPMENT',
            eventTypeCode: m.code,
            payload: {
              equipmentEventTypeCode: m.code,
              emptyIndicatorCode: empty,
              ISOEquipmentCode: fact.isoEquipmentCode,
              modeOfTransport: mode,
              transportCall,
              seals: fact.seals.length > 0 ? fact.seals : undefined,
              sourceMessage,
            },
          }),
        ],
        rejected: [],
      };
    }
    case 'TRANSPORT': {
      const mode = fact.mode ?? m.mode;
      if (mode === 'VESSEL' && !fact.vessel) return missing('vessel (Q2/V1)');
      return {
        events: [
          x12Event({
            ...base,
            eventType: 'TRANSPORT',
            eventTypeCode: m.code,
            // one vessel departure reported in 300 container 315s is one fact
            references: { ...references, equipmentReference: undefined },
            payload: { transportEventTypeCode: m.code, modeOfTransport: mode, transportCall, sourceMessage },
          }),
        ],
        rejected: [],
      };
    }
    case 'SHIPMENT': {
      if (!fact.container && !fact.billOfLading) return missing('equipment number or bill of lading');
      return {
        events: m.holdTypes.map((holdType) =>
          x12Event({
            ...base,
            eventType: 'SHIPMENT',
            eventTypeCode: m.code,
            discriminator: holdType,
            payload: {
              extension: 'openpcs',
              shipmentEventTypeCode: m.code,
              holdType,
              holdReason: status.description,
              authority: holdType === 'CUSTOMS' ? 'US CBP' : undefined,
              sourceMessage,
            },
          }),
        ),
        rejected: [],
      };
    }
  }
}
