/**
 * Stored canonical event → the container facts it carries. Container-specific facts (equipment moves,
 * holds on a box, master data) are keyed by the container; facts that apply to a group of containers are
 * keyed by a link (`container-links.ts`): holds on a bill of lading, and vessel departures.
 */
import { payloadFields, type StoredEvent } from '../../domain/canonical-event.js';
import { CONTAINER_MASTER_DATA, EQUIPMENT_EVENT_CODES, TERMINAL_AVAILABILITY } from '../../domain/cargo-event-codes.js';
import type { EventTypeCode } from '../../domain/event-map.js';
import type { AvailabilityStatementFact, ContainerFact } from './container-fact.js';
import { departureLink, billOfLadingLink } from './container-links.js';
import { terminalOfLocation } from './terminal-of-location.js';

export type ExtractedFact =
  | { readonly kind: 'container'; readonly equipmentReference: string; readonly fact: ContainerFact }
  | { readonly kind: 'link'; readonly linkKey: string; readonly fact: ContainerFact };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function statementOf(event: StoredEvent): AvailabilityStatementFact {
  const p = payloadFields(event);
  const line = obj(p['sourceMessage'])?.['line'];
  return {
    lastFreeDay: str(p['lastFreeDay']),
    available: p['availableForPickup'] === true,
    holds: Array.isArray(p['holds']) ? p['holds'].filter((h): h is string => typeof h === 'string') : [],
    statedBy: event.sourceOrg,
    inboxId: event.inboxId,
    line: typeof line === 'number' ? line : null,
  };
}

function toFact(event: StoredEvent): ContainerFact {
  const p = payloadFields(event);
  const call = obj(p['transportCall']);
  const vessel = obj(call?.['vessel']);
  const refs = event.references ?? {};
  return {
    // Keys are unique per sender only (migration 0010): two organisations' events with one key are two facts,
    // so neither pre-empts the other's (the milestones merge the same move reported twice).
    key: `${event.sourceOrg}/${event.idempotencyKey}`,
    seq: event.seq,
    code: event.eventTypeCode,
    classifier: event.eventClassifierCode,
    at: new Date(event.eventDateTime).toISOString(),
    createdAt: new Date(event.eventCreatedDateTime).toISOString(),
    unLocationCode: event.location?.unLocationCode?.toUpperCase() ?? null,
    terminalCode: terminalOfLocation(event.location),
    mode: str(p['modeOfTransport']) ?? str(call?.['modeOfTransport']),
    empty: str(p['emptyIndicatorCode']),
    isoEquipmentCode: str(p['ISOEquipmentCode']) ?? str(p['isoEquipmentCode']),
    vesselIMONumber: refs.vesselIMONumber ?? null,
    vesselName: str(call?.['vesselName']) ?? str(vessel?.['vesselName']),
    carrierVoyageNumber: refs.carrierVoyageNumber ?? null,
    carrierCode: refs.carrierCode ?? null,
    transportDocumentReference: refs.transportDocumentReference ?? null,
    carrierBookingReference: refs.carrierBookingReference ?? null,
    holdType: str(p['holdType']),
    locationName: event.location?.locationName ?? null,
    ownerOrgs: [...event.ownerOrgs].sort(),
    source: event.source,
    ...(event.eventTypeCode === TERMINAL_AVAILABILITY ? { statement: statementOf(event) } : {}),
  };
}

/**
 * The codes whose events can carry container facts (`containerFactsOf`): equipment moves and the box's master data
 * and availability, holds and releases, vessel departures.
 */
export const CONTAINER_FACT_CODES: readonly EventTypeCode[] = [
  ...EQUIPMENT_EVENT_CODES,
  CONTAINER_MASTER_DATA,
  TERMINAL_AVAILABILITY,
  'HOLD',
  'RELS',
  'DEPA',
];

export function containerFactsOf(event: StoredEvent): ExtractedFact[] {
  const equipment = event.references?.equipmentReference;
  if (event.eventType === 'EQUIPMENT' && equipment) {
    return [{ kind: 'container', equipmentReference: equipment, fact: toFact(event) }];
  }
  if (event.eventType === 'SHIPMENT' && (event.eventTypeCode === 'HOLD' || event.eventTypeCode === 'RELS')) {
    const fact = toFact(event);
    if (equipment) return [{ kind: 'container', equipmentReference: equipment, fact }];
    const bl = event.references?.transportDocumentReference;
    return bl ? [{ kind: 'link', linkKey: billOfLadingLink(bl), fact }] : [];
  }
  if (event.eventType === 'TRANSPORT' && event.eventTypeCode === 'DEPA' && event.eventClassifierCode === 'ACT') {
    const fact = toFact(event);
    if (fact.mode !== null && fact.mode !== 'VESSEL' && fact.mode !== 'BARGE') return [];
    const link = departureLink(fact);
    return link ? [{ kind: 'link', linkKey: link, fact }] : [];
  }
  return [];
}
