/**
 * LOC (3227 qualifier, C517 location: 3225 id, 1131 code list, 3055 agency (6 = UN/ECE → UN/LOCODE),
 * 3224 name; C519 related location one: 3223 id, 1131, 3055 (306 = SMDG), 3222 name) → EventLocation.
 * A C519 terminal code counts as an SMDG code when its agency is 306, or when the (UN/LOCODE, code) pair is
 * in the SMDG list we ship (many terminals send their SMDG code with agency ZZZ).
 */
import type { EventLocation } from '../../domain/canonical-event.js';
import { findSanPedroBayTerminal, validateSmdgTerminalCode } from '../../domain/identifiers/smdg-terminal-code.js';
import { KNOWN_PORT_TIME_ZONES, validateUnLocode } from '../../domain/identifiers/un-locode.js';
import { comp } from './edifact-element.js';
import type { EdifactSegment } from './edifact-types.js';

export function edifactLocation(loc: EdifactSegment): EventLocation | undefined {
  const id = comp(loc, 2, 0);
  const name = comp(loc, 2, 3) || undefined;
  const unloc = id ? validateUnLocode(id) : null;
  const related = comp(loc, 3, 0);
  const relatedAgency = comp(loc, 3, 2);
  const relatedName = comp(loc, 3, 3);
  let facility: Pick<EventLocation, 'facilityCode' | 'facilityCodeListProvider'> = {};
  if (related && validateSmdgTerminalCode(related).ok) {
    const known = unloc?.ok ? findSanPedroBayTerminal(unloc.value, related) : undefined;
    if (relatedAgency === '306' || known) {
      facility = { facilityCode: related.toUpperCase(), facilityCodeListProvider: 'SMDG' };
    }
  }
  const locationName =
    facility.facilityCode === undefined && related ? [relatedName || related, name].filter(Boolean).join(', ') : name;
  if (!unloc?.ok && !locationName && !id) return undefined;
  return {
    unLocationCode: unloc?.ok ? unloc.value : undefined,
    ...facility,
    locationName: unloc?.ok ? locationName : [id, locationName].filter(Boolean).join(' ') || undefined,
  };
}

/** IANA zone of a location when openpcs knows the port. */
export function zoneOfLocation(location: EventLocation | undefined): string | undefined {
  return location?.unLocationCode ? KNOWN_PORT_TIME_ZONES[location.unLocationCode] : undefined;
}
