/**
 * Whether everyone who may read a read-model row may also read a fact it would be built from (DESIGN §5): a row
 * derived from facts of several senders (a call's emissions from the call's AIS and a terminal's shore power
 * sessions) may use a fact only when it reveals nothing to a reader of the row that the reader could not see
 * anyway. A public row's readers include anonymous callers (only public facts), a community row's readers include
 * every member (public and community facts), a private row's readers are its owners (facts each owner sees) and
 * those who see all. Pure; the one visibility rule of `visibility-filter.ts` (`seesRow`) decides each reader.
 */
import { seesRow } from './visibility-filter.js';

export interface Audience {
  readonly visibility: string;
  readonly ownerOrgs: readonly string[];
}

export function audienceSees(row: Audience, fact: Audience): boolean {
  if (row.visibility === 'public') return seesRow({ all: false, member: false, orgId: '' }, fact);
  if (row.visibility === 'community') {
    return fact.visibility === 'public' || fact.visibility === 'community';
  }
  return row.ownerOrgs.length > 0 && row.ownerOrgs.every((orgId) => seesRow({ all: false, member: true, orgId }, fact));
}
