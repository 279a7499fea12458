/**
 * Links join a container to facts stated about a group: a hold on a bill of lading applies to every
 * container on it; a vessel's departure from a port applies to the containers loaded on that voyage there.
 * A container has a link when one of its own facts names the bill of lading, or is a vessel LOAD with
 * IMO, voyage and port. The voyage is part of the key so a departure touches one call's containers only.
 */
import type { ContainerFact } from './container-fact.js';

export function billOfLadingLink(transportDocumentReference: string): string {
  return `bl:${transportDocumentReference.toUpperCase()}`;
}

/** `depa:<IMO>:<voyage>:<UN/LOCODE>` of a vessel LOAD or DEPA fact; null when a part is unknown. */
export function departureLink(fact: ContainerFact): string | null {
  if (!fact.vesselIMONumber || !fact.carrierVoyageNumber || !fact.unLocationCode) return null;
  return `depa:${fact.vesselIMONumber}:${fact.carrierVoyageNumber.toUpperCase()}:${fact.unLocationCode}`;
}

/** The links a container's own fact gives it. */
export function linksOfFact(fact: ContainerFact): string[] {
  const links: string[] = [];
  if (fact.transportDocumentReference) links.push(billOfLadingLink(fact.transportDocumentReference));
  if (fact.code === 'LOAD' && fact.classifier === 'ACT' && (fact.mode === null || fact.mode === 'VESSEL')) {
    const depa = departureLink(fact);
    if (depa) links.push(depa);
  }
  return links;
}
