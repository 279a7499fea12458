/**
 * Locations in X12 ocean messages. Element 309 location qualifier `UN` = UN/LOCODE; R4 (Port or Terminal):
 * R401 function code, R402 qualifier, R403 identifier, R404 port name, R405 country, R406 terminal name.
 * A malformed UN/LOCODE is kept as the location name rather than dropped or rejected: the fact still holds.
 */
import type { EventLocation } from '../../domain/canonical-event.js';
import { validateUnLocode } from '../../domain/identifiers/un-locode.js';
import { el } from './x12-element.js';
import type { X12Segment } from './x12-types.js';

export function x12Location(qualifier: string, identifier: string, name?: string): EventLocation | undefined {
  if (identifier === '' && !name) return undefined;
  if (qualifier === 'UN' || qualifier === 'UL') {
    const loc = validateUnLocode(identifier);
    if (loc.ok) return { unLocationCode: loc.value, locationName: name || undefined };
  }
  return { locationName: [name, identifier].filter(Boolean).join(' ') || undefined };
}

export function r4Location(r4: X12Segment): EventLocation | undefined {
  const terminal = el(r4, 6);
  const port = el(r4, 4);
  return x12Location(el(r4, 2), el(r4, 3), terminal || port || undefined);
}
