/**
 * The SMDG terminal code an event's location names. DCSA and EDIFACT give it as `facilityCode` (SMDG list);
 * X12 R4 only has a free-text location name, which is matched against the SMDG Terminal Code List entries of
 * San Pedro Bay (code, e.g. `WBCT`, or name, e.g. `WEST BASIN CONTAINER TERMINAL`).
 */
import type { EventLocation } from '../../domain/canonical-event.js';
import { SAN_PEDRO_BAY_TERMINALS } from '../../domain/identifiers/smdg-terminal-code.js';

const normalise = (s: string): string =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

export function terminalOfLocation(location: EventLocation | undefined): string | null {
  if (!location) return null;
  const locode = location.unLocationCode?.toUpperCase();
  if (location.facilityCode && (location.facilityCodeListProvider === 'SMDG' || !location.facilityCodeListProvider)) {
    return location.facilityCode.toUpperCase();
  }
  if (!location.locationName) return null;
  const name = normalise(location.locationName);
  const match = SAN_PEDRO_BAY_TERMINALS.find(
    (t) =>
      (locode === undefined || t.unLocode === locode) && (normalise(t.smdgCode) === name || normalise(t.name) === name),
  );
  return match?.smdgCode ?? null;
}
