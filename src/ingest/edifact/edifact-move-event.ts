/**
 * An equipment move (LOAD, DISC, GTIN, GTOT) as a canonical EQUIPMENT event, with the DCSA 2.2 payload
 * fields listed in cargo-event-codes.ts plus what container messages add (stowage, weights, UN numbers).
 */
import type { EventClassifier, EventLocation, NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { ModeOfTransport } from '../../domain/cargo-event-codes.js';
import type { EdifactEquipment } from './edifact-equipment.js';
import { edifactEvent } from './edifact-event-factory.js';
import type { EdifactMessageContext } from './edifact-message-context.js';
import type { EdifactVessel } from './edifact-vessel.js';

export interface EdifactMove {
  readonly code: 'LOAD' | 'DISC' | 'GTIN' | 'GTOT';
  readonly classifier: EventClassifier;
  readonly eventDateTime: string;
  readonly location?: EventLocation | undefined;
  readonly equipment: EdifactEquipment;
  readonly vessel?: EdifactVessel | undefined;
  readonly mode?: ModeOfTransport | undefined;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function edifactMoveEvent(ctx: EdifactMessageContext, move: EdifactMove): NewCanonicalEvent {
  const e = move.equipment;
  const v = move.vessel;
  return edifactEvent({
    format: ctx.format,
    sender: ctx.sender,
    eventType: 'EQUIPMENT',
    eventTypeCode: move.code,
    eventClassifierCode: move.classifier,
    eventDateTime: move.eventDateTime,
    eventCreatedDateTime: ctx.createdAt,
    location: move.location,
    references: {
      equipmentReference: e.container,
      transportDocumentReference: e.billOfLading,
      carrierBookingReference: e.booking,
      vesselIMONumber: v?.imo,
      carrierVoyageNumber: v?.voyage,
      carrierCode: v?.carrier,
    },
    payload: {
      equipmentEventTypeCode: move.code,
      emptyIndicatorCode: e.emptyIndicator,
      ISOEquipmentCode: e.isoEquipmentCode,
      modeOfTransport: move.mode,
      transportCall: v
        ? {
            vesselIMONumber: v.imo,
            vesselName: v.name,
            carrierVoyageNumber: v.voyage,
            UNLocationCode: move.location?.unLocationCode,
            facilityCode: move.location?.facilityCode,
          }
        : undefined,
      seals: e.seals.length > 0 ? e.seals : undefined,
      stowageLocation: e.stowageLocation,
      grossWeightKg: e.grossWeightKg,
      verifiedGrossMassKg: e.verifiedGrossMassKg,
      dangerousGoods: e.dangerousGoods.length > 0 ? e.dangerousGoods : undefined,
      ...move.extra,
      sourceMessage: {
        format: ctx.format,
        interchangeControlReference: ctx.interchange.controlReference,
        messageReference: ctx.message.reference,
      },
    },
  });
}
