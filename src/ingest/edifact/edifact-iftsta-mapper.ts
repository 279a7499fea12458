/**
 * UN/EDIFACT IFTSTA (International multimodal status report), directory D.99B.
 * - CNI consignment group: CNI C503 1004 = transport document (bill of lading) number.
 * - STS status group: STS 9011 status category, C555 4405 status code; RFF (BM, BN), DTM (2005 `334` status
 *   change, `178`/`186`/`203`/`7` actual, `132`/`133` estimated arrival/departure → classifier EST),
 *   LOC `175` activity location (C519 terminal), TDT main carriage (vessel), EQD container.
 * Status codes: ocean carriers send IFTSTA as the EDIFACT twin of their X12 315, with the same status codes
 * (`AE`, `UV`, `VD`, `VA`, `I`, `OA`, `CT`…, code list ZZZ), so the 315 table (x12-status-codes.ts) is
 * reused; DCSA event codes (`LOAD`, `DISC`, `GTIN`, `GTOT`, `ARRI`, `DEPA`) are accepted as they are.
 * UN/ECE Recommendation 24 numeric codes are not mapped yet and are rejected as PCS_EDIFACT_UNSUPPORTED_STATUS.
 */
import type { EventClassifier, EventLocation, NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { ModeOfTransport } from '../../domain/cargo-event-codes.js';
import type { Rejection } from '../message-parser.js';
import { X12_STATUS_CODES, type X12StatusMapping } from '../x12/x12-status-codes.js';
import { comp } from './edifact-element.js';
import { dtmInstantAt, findDtm } from './edifact-dtm.js';
import { edifactEquipment } from './edifact-equipment.js';
import { edifactEvent } from './edifact-event-factory.js';
import { edifactLocation } from './edifact-location.js';
import type { EdifactMapResult, EdifactMessageContext } from './edifact-message-context.js';
import { edifactMoveEvent } from './edifact-move-event.js';
import type { EdifactSegment } from './edifact-types.js';
import { edifactVessel } from './edifact-vessel.js';

const DCSA_CODES: Readonly<Record<string, X12StatusMapping>> = {
  LOAD: { kind: 'EQUIPMENT', code: 'LOAD', mode: 'VESSEL' },
  DISC: { kind: 'EQUIPMENT', code: 'DISC', mode: 'VESSEL' },
  GTIN: { kind: 'EQUIPMENT', code: 'GTIN', mode: 'TRUCK' },
  GTOT: { kind: 'EQUIPMENT', code: 'GTOT', mode: 'TRUCK' },
  ARRI: { kind: 'TRANSPORT', code: 'ARRI', mode: 'VESSEL' },
  DEPA: { kind: 'TRANSPORT', code: 'DEPA', mode: 'VESSEL' },
};
const DATE_QUALIFIERS = ['334', '178', '186', '203', '7', '132', '133'];
const ESTIMATED = new Set(['132', '133']);

export function mapIftsta(ctx: EdifactMessageContext): EdifactMapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const where = `IFTSTA ${ctx.message.reference}`;
  let billOfLading: string | undefined;
  let group: EdifactSegment[] | null = null;
  const groups: { sts: EdifactSegment; segments: EdifactSegment[]; billOfLading: string | undefined }[] = [];
  for (const s of ctx.message.body) {
    if (s.tag === 'CNI') {
      billOfLading = comp(s, 2, 0) || undefined;
      group = null;
    } else if (s.tag === 'STS') {
      group = [];
      groups.push({ sts: s, segments: group, billOfLading });
    } else if (s.tag === 'CNT') {
      group = null;
    } else if (group) group.push(s);
  }
  if (groups.length === 0) {
    return {
      events,
      rejected: [{ code: 'PCS_EDIFACT_MISSING_SEGMENT', message: `${where}: no STS`, line: ctx.message.unh.ordinal }],
    };
  }

  for (const g of groups) {
    const status = comp(g.sts, 2, 0).toUpperCase();
    const mapping = DCSA_CODES[status] ?? X12_STATUS_CODES[status]?.mapping;
    if (!mapping) {
      rejected.push({
        code: status ? 'PCS_EDIFACT_UNSUPPORTED_STATUS' : 'PCS_EDIFACT_MISSING_ELEMENT',
        message: `${where}: STS status "${status}" has no canonical mapping`,
        line: g.sts.ordinal,
      });
      continue;
    }
    const locSeg =
      g.segments.find((s) => s.tag === 'LOC' && comp(s, 1) === '175') ?? g.segments.find((s) => s.tag === 'LOC');
    const location: EventLocation | undefined = locSeg ? edifactLocation(locSeg) : undefined;
    const dtm = findDtm(g.segments, DATE_QUALIFIERS);
    const instant = dtmInstantAt(
      dtm,
      { message: `STS ${status} has no DTM`, line: g.sts.ordinal },
      location,
      ctx.parse,
      where,
    );
    if ('rejection' in instant) {
      rejected.push(instant.rejection);
      continue;
    }
    const at = instant.at;
    const classifier: EventClassifier = ESTIMATED.has(comp(instant.dtm, 1, 0)) ? 'EST' : 'ACT';
    const tdt = g.segments.find((s) => s.tag === 'TDT');
    const vessel = tdt ? edifactVessel(tdt) : undefined;
    const rff = (q: string) => g.segments.find((s) => s.tag === 'RFF' && comp(s, 1, 0) === q);
    const bl = rff('BM') ? comp(rff('BM')!, 1, 1) : g.billOfLading;
    const booking = rff('BN') ? comp(rff('BN')!, 1, 1) : undefined;
    const eqdIndex = g.segments.findIndex((s) => s.tag === 'EQD');
    const eqdGroup = eqdIndex >= 0 ? g.segments.slice(eqdIndex) : [];
    const source = {
      format: ctx.format,
      interchangeControlReference: ctx.interchange.controlReference,
      messageReference: ctx.message.reference,
      statusCode: status,
    };

    if (mapping.kind === 'TRANSPORT') {
      if (!vessel && mapping.mode === 'VESSEL') {
        rejected.push({
          code: 'PCS_EDIFACT_MISSING_SEGMENT',
          message: `${where}: STS ${status} has no TDT vessel`,
          line: g.sts.ordinal,
        });
        continue;
      }
      events.push(
        edifactEvent({
          format: ctx.format,
          sender: ctx.sender,
          eventType: 'TRANSPORT',
          eventTypeCode: mapping.code,
          eventClassifierCode: classifier,
          eventDateTime: at,
          eventCreatedDateTime: ctx.createdAt,
          location,
          references: {
            vesselIMONumber: vessel?.imo,
            carrierVoyageNumber: vessel?.voyage,
            carrierCode: vessel?.carrier,
          },
          payload: {
            transportEventTypeCode: mapping.code,
            modeOfTransport: mapping.mode,
            transportCall: {
              vesselIMONumber: vessel?.imo,
              vesselName: vessel?.name,
              carrierVoyageNumber: vessel?.voyage,
              UNLocationCode: location?.unLocationCode,
            },
            sourceMessage: source,
          },
        }),
      );
      continue;
    }

    const eq = eqdGroup.length > 0 ? edifactEquipment(eqdGroup, eqdGroup[0], where) : null;
    if (eq && 'rejection' in eq) {
      rejected.push(eq.rejection);
      continue;
    }
    const equipment = eq
      ? { ...eq.equipment, billOfLading: eq.equipment.billOfLading ?? bl, booking: eq.equipment.booking ?? booking }
      : null;

    if (mapping.kind === 'EQUIPMENT') {
      if (!equipment) {
        rejected.push({
          code: 'PCS_EDIFACT_MISSING_SEGMENT',
          message: `${where}: STS ${status} has no EQD`,
          line: g.sts.ordinal,
        });
        continue;
      }
      const mode: ModeOfTransport | undefined = mapping.mode;
      events.push(
        edifactMoveEvent(ctx, {
          code: mapping.code,
          classifier,
          eventDateTime: at,
          location,
          equipment,
          vessel,
          mode,
          extra: { statusCode: status },
        }),
      );
      continue;
    }

    // SHIPMENT hold / release (openpcs extension), for the container and/or the bill of lading
    if (!equipment && !bl) {
      rejected.push({
        code: 'PCS_EDIFACT_MISSING_ELEMENT',
        message: `${where}: STS ${status} names no container or B/L`,
        line: g.sts.ordinal,
      });
      continue;
    }
    for (const holdType of mapping.holdTypes) {
      events.push(
        edifactEvent({
          format: ctx.format,
          sender: ctx.sender,
          eventType: 'SHIPMENT',
          eventTypeCode: mapping.code,
          eventClassifierCode: 'ACT',
          eventDateTime: at,
          eventCreatedDateTime: ctx.createdAt,
          location,
          references: {
            equipmentReference: equipment?.container,
            transportDocumentReference: bl,
            carrierBookingReference: booking,
          },
          payload: {
            extension: 'openpcs',
            shipmentEventTypeCode: mapping.code,
            holdType,
            holdReason: X12_STATUS_CODES[status]?.description,
            sourceMessage: source,
          },
          discriminator: holdType,
        }),
      );
    }
  }
  return { events, rejected };
}
