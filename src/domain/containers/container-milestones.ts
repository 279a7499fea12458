/**
 * Duplicate milestones from different sources collapse into one: the carrier's DCSA DISC and the terminal's
 * COARRI discharge of the same box, minutes apart, are one discharge. Actual (ACT) facts with the same code,
 * port and transport class (rail vs. other, for LOAD/DISC) whose times are within `DUPLICATE_WINDOW_MS` of
 * the previous one form one milestone, dated at the earliest. Estimates (EST/PLN/REQ) never make a milestone:
 * an actual always beats them. The result depends only on the set of facts, never on arrival order.
 */
import type { ContainerFact } from './container-fact.js';

/** Two reports of the same move are at most 3 hours apart (clock skew, EDI batch times); trips are days. */
export const DUPLICATE_WINDOW_MS = 3 * 3_600_000;

export const MOVE_CODES = ['LOAD', 'DEPA', 'DISC', 'GTOT', 'GTIN'] as const;

/** One move of the box, described with its facts' fields. */
export interface Milestone extends Pick<
  ContainerFact,
  | 'code'
  | 'at'
  | 'unLocationCode'
  | 'terminalCode'
  | 'mode'
  | 'empty'
  | 'isoEquipmentCode'
  | 'vesselIMONumber'
  | 'vesselName'
  | 'carrierVoyageNumber'
  | 'locationName'
> {
  /** Keys of the facts merged into this milestone, sorted. */
  readonly factKeys: readonly string[];
}

/** Total order on facts: time, then key. */
export function byTimeThenKey(a: ContainerFact, b: ContainerFact): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function groupOf(f: ContainerFact): string {
  const railClass = (f.code === 'LOAD' || f.code === 'DISC') && f.mode === 'RAIL' ? 'RAIL' : '';
  return `${f.code}|${f.unLocationCode ?? ''}|${railClass}`;
}

function firstOf<K extends keyof ContainerFact>(facts: readonly ContainerFact[], field: K): ContainerFact[K] | null {
  for (const f of facts) if (f[field] !== null) return f[field];
  return null;
}

function merge(cluster: readonly ContainerFact[]): Milestone {
  const first = cluster[0]!;
  return {
    code: first.code,
    at: first.at,
    unLocationCode: first.unLocationCode,
    terminalCode: firstOf(cluster, 'terminalCode'),
    mode: firstOf(cluster, 'mode'),
    empty: firstOf(cluster, 'empty'),
    isoEquipmentCode: firstOf(cluster, 'isoEquipmentCode'),
    vesselIMONumber: firstOf(cluster, 'vesselIMONumber'),
    vesselName: firstOf(cluster, 'vesselName'),
    carrierVoyageNumber: firstOf(cluster, 'carrierVoyageNumber'),
    locationName: firstOf(cluster, 'locationName'),
    factKeys: cluster.map((f) => f.key).sort(),
  };
}

export function milestonesOf(facts: readonly ContainerFact[]): Milestone[] {
  const groups = new Map<string, ContainerFact[]>();
  const seen = new Set<string>();
  for (const f of facts) {
    if (f.classifier !== 'ACT' || !(MOVE_CODES as readonly string[]).includes(f.code) || seen.has(f.key)) continue;
    seen.add(f.key);
    const g = groupOf(f);
    const list = groups.get(g);
    if (list) list.push(f);
    else groups.set(g, [f]);
  }
  const milestones: Milestone[] = [];
  for (const list of groups.values()) {
    list.sort(byTimeThenKey);
    let cluster: ContainerFact[] = [];
    for (const f of list) {
      const last = cluster.at(-1);
      if (last && Date.parse(f.at) - Date.parse(last.at) > DUPLICATE_WINDOW_MS) {
        milestones.push(merge(cluster));
        cluster = [];
      }
      cluster.push(f);
    }
    if (cluster.length > 0) milestones.push(merge(cluster));
  }
  return milestones;
}
