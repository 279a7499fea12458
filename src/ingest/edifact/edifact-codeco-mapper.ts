/**
 * UN/EDIFACT CODECO (Container gate-in/gate-out report), directory D.95B, SMDG user manual (ITG) usage.
 * - BGM 1001 document name code: `34` gate-in report → GTIN, `36` gate-out report → GTOT (SMDG CODECO MIG; UNTDID
 *   1001 itself names 34/36 otherwise), and UNTDID 1001 `109` transport movement gate-in report → GTIN, `111`
 *   transport movement gate-out report → GTOT. See docs/formats-x12-edifact.md "Document codes".
 * - Equipment group (one per container, SG starting with EQD): EQD (see edifact-equipment.ts),
 *   RFF BN/BM, DTM `7` effective date/time (the gate move; D.95B 2005), LOC `165` place of the move,
 *   SEL seals, TDT inland transport (C220 8067: `3` road → TRUCK, `2` rail → RAIL).
 * - A DTM `7` or LOC in the header applies to every container of the message.
 * One rejected container (bad check digit, no DTM) never drops its neighbours.
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
import type { EdifactSegment } from './edifact-types.js';
import { edifactVessel } from './edifact-vessel.js';

const DOCUMENTS: Readonly<Record<string, 'GTIN' | 'GTOT'>> = {
  '34': 'GTIN',
  '36': 'GTOT',
  '109': 'GTIN',
  '111': 'GTOT',
};

export function mapCodeco(ctx: EdifactMessageContext): EdifactMapResult {
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const where = `CODECO ${ctx.message.reference}`;
  const bgm = ctx.message.body.find((s) => s.tag === 'BGM');
  const code = bgm ? DOCUMENTS[comp(bgm, 1, 0)] : undefined;
  if (!bgm || !code) {
    return {
      events,
      rejected: [
        {
          code: bgm ? 'PCS_EDIFACT_UNKNOWN_DOCUMENT' : 'PCS_EDIFACT_MISSING_SEGMENT',
          message: bgm
            ? `${where}: BGM ${comp(bgm, 1, 0)} is neither a gate-in (34, 109) nor a gate-out (36, 111) report`
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
  const headerLoc = pickLocation(header);
  for (const group of groups) {
    const r = edifactEquipment(group, group[0], where);
    if ('rejection' in r) {
      rejected.push(r.rejection);
      continue;
    }
    const location = pickLocation(group) ?? headerLoc;
    const dtm = findDtm(group, ['7']) ?? findDtm(header, ['7']);
    if (!dtm) {
      rejected.push({
        code: 'PCS_EDIFACT_MISSING_SEGMENT',
        message: `${where}: ${r.equipment.container} has no DTM+7 (gate date/time)`,
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
    const tdt = group.find((s) => s.tag === 'TDT') ?? header.find((s) => s.tag === 'TDT');
    const inland = tdt ? edifactVessel(tdt) : undefined;
    events.push(
      edifactMoveEvent(ctx, {
        code,
        classifier: 'ACT',
        eventDateTime: at,
        location: location ? { ...location, facilityTypeCode: 'GATE' } : undefined,
        equipment: r.equipment,
        mode: inland?.mode ?? 'TRUCK',
        extra: inland?.callSign || inland?.name ? { truckOrTrainId: inland.callSign ?? inland.name } : undefined,
      }),
    );
  }
  return { events, rejected };
}

function pickLocation(segments: readonly EdifactSegment[]) {
  const loc =
    segments.find((s) => s.tag === 'LOC' && comp(s, 1) === '165') ??
    segments.find((s) => s.tag === 'LOC' && comp(s, 1) !== '147' && comp(s, 2, 2) === '6');
  return loc ? edifactLocation(loc) : undefined;
}
