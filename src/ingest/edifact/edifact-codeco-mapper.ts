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
import { comp } from './edifact-element.js';
import { mapEquipmentMoves, type EquipmentMoveMessage } from './edifact-equipment-moves.js';
import { edifactLocation } from './edifact-location.js';
import type { EdifactMapResult, EdifactMessageContext } from './edifact-message-context.js';
import type { EdifactSegment } from './edifact-types.js';
import { edifactVessel } from './edifact-vessel.js';

const CODECO: EquipmentMoveMessage<'GTIN' | 'GTOT'> = {
  name: 'CODECO',
  documents: { '34': 'GTIN', '36': 'GTOT', '109': 'GTIN', '111': 'GTOT' },
  notADocument: 'is neither a gate-in (34, 109) nor a gate-out (36, 111) report',
  dtm: { qualifier: '7', meaning: 'gate date/time' },
  moves(header) {
    const headerLoc = pickLocation(header);
    const headerTdt = header.find((s) => s.tag === 'TDT');
    return (group) => {
      const location = pickLocation(group) ?? headerLoc;
      const tdt = group.find((s) => s.tag === 'TDT') ?? headerTdt;
      const inland = tdt ? edifactVessel(tdt) : undefined;
      return {
        location: location ? { ...location, facilityTypeCode: 'GATE' } : undefined,
        mode: inland?.mode ?? 'TRUCK',
        extra: inland?.callSign || inland?.name ? { truckOrTrainId: inland.callSign ?? inland.name } : undefined,
      };
    };
  },
};

export function mapCodeco(ctx: EdifactMessageContext): EdifactMapResult {
  return mapEquipmentMoves(ctx, CODECO);
}

function pickLocation(segments: readonly EdifactSegment[]) {
  const loc =
    segments.find((s) => s.tag === 'LOC' && comp(s, 1) === '165') ??
    segments.find((s) => s.tag === 'LOC' && comp(s, 1) !== '147' && comp(s, 2, 2) === '6');
  return loc ? edifactLocation(loc) : undefined;
}
