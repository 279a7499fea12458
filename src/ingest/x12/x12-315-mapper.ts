/**
 * ANSI X12 315 Status Details (Ocean), release 004010 → canonical events.
 *
 * Segments read (004010 315 table 1/2):
 * - B4 Beginning Segment for Inquiry or Reply: B403 shipment status code (element 157), B404 date
 *   CCYYMMDD, B405 time HHMM, B406 status location, B407 equipment initial, B408 equipment number,
 *   B409 equipment status (`E` empty, `L` load), B410 equipment type (ISO 6346 size/type), B411 location
 *   identifier, B412 location qualifier (`UN`), B413 equipment check digit. B4 has no time code: the time
 *   is local to the status location (its zone when known, else the sender's zone, see x12-datetime.ts).
 * - N9 Reference Identification: N901 `BM` bill of lading, `BN` booking, `SN` seal number.
 * - Q2 Status Details (Ocean): Q201 vessel code, Q209 voyage, Q212 vessel code qualifier (`L` Lloyd's =
 *   IMO number), Q213 vessel name.
 * - R4 Port or Terminal loop with DTM: R401 `L` port of loading / `D` port of discharge; DTM01 `139`
 *   estimated / `140` actual, DTM02 date, DTM03 time, DTM04 time code. These become TRANSPORT DEPA (at L)
 *   and ARRI (at D) events, EST or ACT: the carrier's vessel schedule as seen by the consignee.
 * - R4 `5` (activity location) locates the B4 status when B411/B412 are empty.
 */
import { validateSizeTypeCode } from '../../domain/identifiers/iso6346-size-type.js';
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { Rejection } from '../message-parser.js';
import { KNOWN_PORT_TIME_ZONES } from '../../domain/identifiers/un-locode.js';
import { el } from './x12-element.js';
import { x12DateTimeToUtc } from './x12-datetime.js';
import { zoneForLocalTime } from '../edi-time-zone.js';
import { x12ContainerNumber } from './x12-equipment.js';
import { x12Event } from './x12-event-factory.js';
import { r4Location, x12Location } from './x12-location.js';
import { x12StatusEvents } from './x12-status-events.js';
import type { X12MapResult, X12TransactionContext } from './x12-transaction-context.js';
import type { X12Segment } from './x12-types.js';
import { x12Vessel } from './x12-vessel.js';

const DTM_CLASSIFIER: Readonly<Record<string, 'EST' | 'ACT'>> = { '139': 'EST', '140': 'ACT' };
const R4_TRANSPORT: Readonly<Record<string, 'DEPA' | 'ARRI'>> = { L: 'DEPA', D: 'ARRI' };

export function map315(ctx: X12TransactionContext): X12MapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const body = ctx.transaction.body;
  const b4 = body.find((s) => s.id === 'B4');
  const where = `315 ${ctx.transaction.controlNumber}`;
  if (!b4) {
    return {
      events,
      rejected: [
        { code: 'PCS_X12_MISSING_SEGMENT', message: `${where} has no B4 segment`, line: ctx.transaction.st.ordinal },
      ],
    };
  }

  const refs = new Map<string, string>();
  const seals: string[] = [];
  for (const n9 of body.filter((s) => s.id === 'N9')) {
    const q = el(n9, 1);
    if (q === 'SN') seals.push(el(n9, 2));
    else if (!refs.has(q)) refs.set(q, el(n9, 2));
  }
  const q2 = body.find((s) => s.id === 'Q2');
  const vessel = q2 ? x12Vessel(el(q2, 1), el(q2, 12), el(q2, 13), el(q2, 9)) : undefined;
  const loops = r4Loops(body);

  // --- the B4 status itself
  const statusCode = el(b4, 3);
  const activity = loops.find((l) => el(l.r4, 1) === '5');
  const location =
    x12Location(el(b4, 12), el(b4, 11), el(b4, 6) || undefined) ?? (activity ? r4Location(activity.r4) : undefined);
  const when = x12DateTimeToUtc(
    el(b4, 4),
    el(b4, 5),
    '',
    zoneForLocalTime(ctx.parse, portZone(location?.unLocationCode)),
  );
  const container = x12ContainerNumber(el(b4, 7), el(b4, 8), el(b4, 13));
  const sizeType = validateSizeTypeCode(el(b4, 10));
  const equipmentStatus = el(b4, 9);

  if (statusCode === '') {
    rejected.push({
      code: 'PCS_X12_MISSING_ELEMENT',
      message: `${where}: B403 status code is empty`,
      line: b4.ordinal,
    });
  } else if (!when) {
    rejected.push({
      code: 'PCS_X12_BAD_DATETIME',
      message: `${where}: B404/B405 "${el(b4, 4)} ${el(b4, 5)}" is not a valid date-time`,
      line: b4.ordinal,
      pointer: 'B404',
    });
  } else if (container && !container.ok) {
    rejected.push({
      code: container.code,
      message: `${where}: ${container.reason}`,
      line: b4.ordinal,
      pointer: 'B407',
    });
  } else {
    const r = x12StatusEvents(ctx, {
      statusCode,
      line: b4.ordinal,
      eventDateTime: when,
      location,
      container: container?.value,
      emptyIndicator: equipmentStatus === 'E' ? 'EMPTY' : equipmentStatus === 'L' ? 'LADEN' : undefined,
      isoEquipmentCode: sizeType.ok ? sizeType.value : undefined,
      vessel,
      billOfLading: refs.get('BM'),
      booking: refs.get('BN'),
      seals,
    });
    events.push(...r.events);
    rejected.push(...r.rejected);
  }

  // --- vessel schedule from the R4/DTM loops
  if (vessel) {
    for (const { r4, dtms } of loops) {
      const code = R4_TRANSPORT[el(r4, 1)];
      const loc = r4Location(r4);
      if (!code || !loc?.unLocationCode) continue;
      for (const dtm of dtms) {
        const classifier = DTM_CLASSIFIER[el(dtm, 1)];
        if (!classifier) continue;
        const at = x12DateTimeToUtc(
          el(dtm, 2),
          el(dtm, 3),
          el(dtm, 4),
          zoneForLocalTime(ctx.parse, portZone(loc.unLocationCode)),
        );
        if (!at) {
          rejected.push({
            code: 'PCS_X12_BAD_DATETIME',
            message: `${where}: DTM "${el(dtm, 2)} ${el(dtm, 3)}" is not a valid date-time`,
            line: dtm.ordinal,
            pointer: 'DTM02',
          });
          continue;
        }
        events.push(
          x12Event({
            format: ctx.format,
            sender: ctx.sender,
            eventType: 'TRANSPORT',
            eventTypeCode: code,
            eventClassifierCode: classifier,
            eventDateTime: at,
            eventCreatedDateTime: ctx.createdAt,
            location: loc,
            references: { vesselIMONumber: vessel.imo, carrierVoyageNumber: vessel.voyage },
            payload: {
              transportEventTypeCode: code,
              modeOfTransport: 'VESSEL',
              transportCall: {
                vesselIMONumber: vessel.imo,
                vesselName: vessel.name,
                carrierVoyageNumber: vessel.voyage,
                UNLocationCode: loc.unLocationCode,
              },
              sourceMessage: {
                format: ctx.format,
                interchangeControlNumber: ctx.interchange.controlNumber,
                messageReference: ctx.transaction.controlNumber,
                portFunctionCode: el(r4, 1),
                dateTimeQualifier: el(dtm, 1),
              },
            },
          }),
        );
      }
    }
  }
  return { events, rejected };
}

function portZone(unLocode: string | undefined): string | undefined {
  return unLocode ? KNOWN_PORT_TIME_ZONES[unLocode] : undefined;
}

interface R4Loop {
  readonly r4: X12Segment;
  readonly dtms: X12Segment[];
}

function r4Loops(body: readonly X12Segment[]): R4Loop[] {
  const loops: R4Loop[] = [];
  let current: R4Loop | null = null;
  for (const s of body) {
    if (s.id === 'R4') {
      current = { r4: s, dtms: [] };
      loops.push(current);
    } else if (s.id === 'DTM' && current) {
      current.dtms.push(s);
    } else if (s.id !== 'DTM') {
      current = null;
    }
  }
  return loops;
}
