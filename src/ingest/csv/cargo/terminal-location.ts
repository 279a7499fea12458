/**
 * Canonical location of a container terminal given by its SMDG code (and, when the file has one, the port's
 * UN/LOCODE). Without a port column the UN/LOCODE is taken from the SMDG Terminal Code List entries of San
 * Pedro Bay (a terminal code is a child of a UN/LOCODE; SMDG TCL). DCSA 2.2 facilityTypeCode `POTE` (port
 * terminal).
 */
import type { EventLocation } from '../../../domain/canonical-event.js';
import { SAN_PEDRO_BAY_TERMINALS } from '../../../domain/identifiers/smdg-terminal-code.js';

export function terminalLocation(terminal: string, port?: string): EventLocation {
  const known = SAN_PEDRO_BAY_TERMINALS.filter(
    (t) => t.smdgCode === terminal && (port === undefined || t.unLocode === port),
  );
  const unLocationCode = port ?? (known.length === 1 ? known[0]!.unLocode : undefined);
  return {
    ...(unLocationCode ? { unLocationCode } : {}),
    facilityCode: terminal,
    facilityCodeListProvider: 'SMDG',
    facilityTypeCode: 'POTE',
    ...(known.length === 1 ? { locationName: known[0]!.name } : {}),
  };
}
