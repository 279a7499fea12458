/**
 * UN/EDIFACT COARRI (Container discharge/loading report), directory D.95B, SMDG COARRI user manual 1.2.
 * - BGM 1001 document name code (docs/formats-x12-edifact.md "Document codes" cites the sources):
 *   SMDG COARRI MIG: `98` discharge report ("unload container from vessel"), `270` loading report ("load
 *   container onto vessel"); UNTDID 1001: `119` transport discharge report, `181` progressive discharge report,
 *   `122` transport loading report. Anything else — `44` is UNTDID "transport status report", `46` "banking
 *   status" — is PCS_EDIFACT_UNKNOWN_DOCUMENT, never guessed into a move.
 * - Header TDT `20` main carriage: 8028 voyage, C222 vessel (IMO when qualified 146 / Lloyd's 11),
 *   LOC of the call (`165`, else the first UN/LOCODE LOC) with C519 terminal (SMDG code, agency 306).
 * - Equipment group (SG starting with EQD): DTM `203` execution date/time (CCYYMMDDHHMM), LOC `147`
 *   stowage cell (BBBRRTT, ISO 9711), LOC `9`/`11` ports of loading/discharge, RFF, SEL, MEA, DGS.
 * The call location is where the move happened: the header LOC; failing that LOC+9 for a load and LOC+11
 * for a discharge.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import type { Rejection } from '../message-parser.js';
import { comp } from './edifact-element.js';
import { dtmInstantAt, findDtm } from './edifact-dtm.js';
import { edifactEquipment } from './edifact-equipment.js';
import { splitGroups } from './edifact-groups.js';
import { edifactLocation } from './edifact-location.js';
import type { EdifactMapResult, EdifactMessageContext } from './edifact-message-context.js';
import { edifactMoveEvent } from './edifact-move-event.js';
import { edifactVessel } from './edifact-vessel.js';

const DOCUMENTS: Readonly<Record<string, 'LOAD' | 'DISC'>> = {
  '98': 'DISC', // SMDG COARRI: discharge report
  '119': 'DISC', // UNTDID 1001: transport discharge report
  '181': 'DISC', // UNTDID 1001: progressive discharge report
  '270': 'LOAD', // SMDG COARRI: loading report
  '122': 'LOAD', // UNTDID 1001: transport loading report
};

export function mapCoarri(ctx: EdifactMessageContext): EdifactMapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const where = `COARRI ${ctx.message.reference}`;
  const bgm = ctx.message.body.find((s) => s.tag === 'BGM');
  const code = bgm ? DOCUMENTS[comp(bgm, 1, 0)] : undefined;
  if (!bgm || !code) {
    return {
      events,
      rejected: [
        {
          code: bgm ? 'PCS_EDIFACT_UNKNOWN_DOCUMENT' : 'PCS_EDIFACT_MISSING_SEGMENT',
          message: bgm
            ? `${where}: BGM ${comp(bgm, 1, 0)} is not a discharge (98, 119, 181) or loading (270, 122) report`
            : `${where}: no BGM`,
          line: bgm?.ordinal ?? ctx.message.unh.ordinal,
        },
      ],
    };
  }
  const { header, groups } = splitGroups(ctx.message.body, (s) => s.tag === 'EQD');
  if (groups.length === 0) {
    return {
      events,
      rejected: [{ code: 'PCS_EDIFACT_MISSING_SEGMENT', message: `${where}: no EQD`, line: bgm.ordinal }],
    };
  }
  const tdt = header.find((s) => s.tag === 'TDT' && comp(s, 1) === '20') ?? header.find((s) => s.tag === 'TDT');
  const vessel = tdt ? edifactVessel(tdt) : undefined;
  const callLoc =
    header.find((s) => s.tag === 'LOC' && comp(s, 1) === '165') ??
    header.find((s) => s.tag === 'LOC' && comp(s, 2, 2) === '6');
  const callLocation = callLoc ? edifactLocation(callLoc) : undefined;

  for (const group of groups) {
    const r = edifactEquipment(group, group[0], where);
    if ('rejection' in r) {
      rejected.push(r.rejection);
      continue;
    }
    const portLoc = group.find((s) => s.tag === 'LOC' && comp(s, 1) === (code === 'LOAD' ? '9' : '11'));
    const location = callLocation ?? (portLoc ? edifactLocation(portLoc) : undefined);
    const dtm = findDtm(group, ['203']) ?? findDtm(header, ['203']);
    if (!dtm) {
      rejected.push({
        code: 'PCS_EDIFACT_MISSING_SEGMENT',
        message: `${where}: ${r.equipment.container} has no DTM+203 (execution date/time)`,
        line: r.equipment.eqd.ordinal,
      });
      continue;
    }
    const instant = dtmInstantAt(dtm, location, ctx.parse, where);
    if ('rejection' in instant) {
      rejected.push(instant.rejection);
      continue;
    }
    const at = instant.at;
    events.push(
      edifactMoveEvent(ctx, {
        code,
        classifier: 'ACT',
        eventDateTime: at,
        location,
        equipment: r.equipment,
        vessel,
        mode: 'VESSEL',
      }),
    );
  }
  return { events, rejected };
}
