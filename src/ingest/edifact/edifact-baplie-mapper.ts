/**
 * UN/EDIFACT BAPLIE (Bayplan/stowage plan occupied and empty locations), directory D.95B, SMDG user
 * manual 2.x. Header: BGM, DTM `137`, TDT `20` (voyage, vessel: IMO qualified 146 / agency 11), LOC `5`
 * departure port, LOC `61` next port of call, DTM `178` actual arrival / `136` actual departure /
 * `132` estimated arrival at the next port. Groups start at LOC `147` (stowage cell BBBRRTT, ISO 9711) and
 * carry MEA WT/VGM, LOC `9` port of loading, LOC `11` port of discharge, RFF BM, EQD, NAD CA, DGS.
 *
 * What a bay plan means to a port user: it is a snapshot of what is on board as the vessel leaves its last
 * port, sent ahead so the next terminal can plan. It records no move time, so it is not an ACT fact about
 * loading. What the receiving port needs is "this container will be discharged here": one EQUIPMENT `DISC`
 * event with classifier `PLN` per container whose port of discharge (LOC+11) is the next port of call
 * (LOC+61), dated at the vessel's ETA there (DTM+132, else the actual arrival 178), located at that port.
 * Containers staying on board for later ports produce no event here (their discharge port will get its own
 * bay plan); a message with no container for the next port is rejected as PCS_EDIFACT_NO_EVENTS so it is
 * visible. Stowage cell, weights (VGM) and UN numbers ride in the payload.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { validateUnLocode } from '../../domain/identifiers/un-locode.js';
import type { Rejection } from '../message-parser.js';
import { comp } from './edifact-element.js';
import { dtmToUtc, findDtm } from './edifact-dtm.js';
import { zoneForLocalTime } from '../edi-time-zone.js';
import { edifactEquipment } from './edifact-equipment.js';
import { splitGroups } from './edifact-groups.js';
import { edifactLocation, zoneOfLocation } from './edifact-location.js';
import type { EdifactMapResult, EdifactMessageContext } from './edifact-message-context.js';
import { edifactMoveEvent } from './edifact-move-event.js';
import { edifactVessel } from './edifact-vessel.js';

export function mapBaplie(ctx: EdifactMessageContext): EdifactMapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const where = `BAPLIE ${ctx.message.reference}`;
  const { header, groups } = splitGroups(ctx.message.body, (s) => s.tag === 'LOC' && comp(s, 1) === '147');
  const fail = (code: Rejection['code'], message: string, line?: number): EdifactMapResult => ({
    events,
    rejected: [{ code, message: `${where}: ${message}`, line: line ?? ctx.message.unh.ordinal }],
  });
  const nextLoc = header.find((s) => s.tag === 'LOC' && comp(s, 1) === '61');
  const nextPort = nextLoc ? edifactLocation(nextLoc) : undefined;
  if (!nextPort?.unLocationCode) {
    return fail('PCS_EDIFACT_MISSING_SEGMENT', 'no LOC+61 next port of call with a UN/LOCODE');
  }
  const eta = findDtm(header, ['132', '178']);
  if (!eta) return fail('PCS_EDIFACT_MISSING_SEGMENT', 'no DTM+132/178 arrival at the next port of call');
  const at = dtmToUtc(eta, zoneForLocalTime(ctx.parse, zoneOfLocation(nextPort)));
  if (!at) return fail('PCS_EDIFACT_BAD_DATETIME', `DTM "${comp(eta, 1, 1)}"`, eta.ordinal);
  const tdt = header.find((s) => s.tag === 'TDT');
  const vessel = tdt ? edifactVessel(tdt) : undefined;

  for (const group of groups) {
    const podSeg = group.find((s) => s.tag === 'LOC' && comp(s, 1) === '11');
    const pod = podSeg ? validateUnLocode(comp(podSeg, 2, 0)) : null;
    if (!pod?.ok || pod.value !== nextPort.unLocationCode) continue; // remains on board
    const r = edifactEquipment(
      group,
      group.find((s) => s.tag === 'EQD'),
      `${where} cell ${comp(group[0]!, 2, 0)}`,
    );
    if ('rejection' in r) {
      rejected.push(r.rejection);
      continue;
    }
    const polSeg = group.find((s) => s.tag === 'LOC' && comp(s, 1) === '9');
    events.push(
      edifactMoveEvent(ctx, {
        code: 'DISC',
        classifier: 'PLN',
        eventDateTime: at,
        location: nextPort,
        equipment: r.equipment,
        vessel,
        mode: 'VESSEL',
        extra: { portOfLoading: polSeg ? comp(polSeg, 2, 0) || undefined : undefined, basis: 'BAPLIE' },
      }),
    );
  }
  if (events.length === 0 && rejected.length === 0) {
    return fail('PCS_EDIFACT_NO_EVENTS', `no container on board for the next port of call ${nextPort.unLocationCode}`);
  }
  return { events, rejected };
}
