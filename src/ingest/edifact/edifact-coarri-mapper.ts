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
import { comp } from './edifact-element.js';
import { mapEquipmentMoves, type EquipmentMoveMessage } from './edifact-equipment-moves.js';
import { edifactLocation } from './edifact-location.js';
import type { EdifactMapResult, EdifactMessageContext } from './edifact-message-context.js';
import { edifactVessel } from './edifact-vessel.js';

const COARRI: EquipmentMoveMessage<'LOAD' | 'DISC'> = {
  name: 'COARRI',
  documents: {
    '98': 'DISC', // SMDG COARRI: discharge report
    '119': 'DISC', // UNTDID 1001: transport discharge report
    '181': 'DISC', // UNTDID 1001: progressive discharge report
    '270': 'LOAD', // SMDG COARRI: loading report
    '122': 'LOAD', // UNTDID 1001: transport loading report
  },
  notADocument: 'is not a discharge (98, 119, 181) or loading (270, 122) report',
  dtm: { qualifier: '203', meaning: 'execution date/time' },
  moves(header, code) {
    const tdt = header.find((s) => s.tag === 'TDT' && comp(s, 1) === '20') ?? header.find((s) => s.tag === 'TDT');
    const vessel = tdt ? edifactVessel(tdt) : undefined;
    const callLoc =
      header.find((s) => s.tag === 'LOC' && comp(s, 1) === '165') ??
      header.find((s) => s.tag === 'LOC' && comp(s, 2, 2) === '6');
    const callLocation = callLoc ? edifactLocation(callLoc) : undefined;
    const portOfMove = code === 'LOAD' ? '9' : '11';
    return (group) => {
      const portLoc = group.find((s) => s.tag === 'LOC' && comp(s, 1) === portOfMove);
      const location = callLocation ?? (portLoc ? edifactLocation(portLoc) : undefined);
      // A discharged box's port of loading (LOC+9): where the vessel came from, for the green corridors' voyages.
      const loadedAt = code === 'DISC' ? group.find((s) => s.tag === 'LOC' && comp(s, 1) === '9') : undefined;
      const portOfLoading = loadedAt ? comp(loadedAt, 2, 0) || undefined : undefined;
      return { location, vessel, mode: 'VESSEL', extra: portOfLoading ? { portOfLoading } : undefined };
    };
  },
};

export function mapCoarri(ctx: EdifactMessageContext): EdifactMapResult {
  return mapEquipmentMoves(ctx, COARRI);
}
