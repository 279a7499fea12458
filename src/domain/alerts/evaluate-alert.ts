/**
 * Edge-triggered evaluation of one alert rule against one change of the key it watches: a pure function of the
 * state before and after, so the same change always gives the same answer (and the same change key), whether
 * it is seen live, after a restart or in a replay. At most one alert per rule and change; none when the state
 * that matters stayed where it was (a repeated identical statement, a capacity already zero).
 *
 * Baselines: the first statement of an empty-return key establishes it (no "falls to zero" or "reopens"
 * without a known earlier state); a slot or a container seen for the first time starts from "nothing free,
 * not available, no holds", so a new slot with free places, or a box first seen available, is news.
 */
import type { AlertRule, ContainerRuleKind } from './alert-rule.js';
import {
  freePlaces,
  hasEmptyCapacity,
  type ContainerWatchState,
  type FactSource,
  type WatchedChange,
} from './watched-state.js';

export interface AlertDraft {
  /** Unique per rule: `unique (rule_id, change_key)` makes an alert at most once per change. */
  readonly changeKey: string;
  /** One sentence a trucker reads. */
  readonly reason: string;
  /** The state after the change and the fact behind it. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly fact: FactSource;
}

export interface EvaluationContext {
  /** Today's date (`YYYY-MM-DD`) where the container is (the terminal's zone), for last-free-day rules. */
  readonly today: string;
}

const NOTHING: ContainerWatchState = { available: false, holdsOpen: [], lastFreeDay: null };

/** `YYYY-MM-DD` plus one calendar day. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function evaluateAlert(rule: AlertRule, change: WatchedChange, context: EvaluationContext): AlertDraft[] {
  const fact = change.fact;
  switch (rule.kind) {
    case 'empty-capacity-zero':
    case 'empty-capacity-reopened': {
      if (change.kind !== 'empty') return [];
      const p = rule.parameters;
      if (
        p.locationCode !== change.locationCode ||
        p.carrierScac !== change.carrierScac ||
        p.isoEquipmentCode !== change.isoEquipmentCode ||
        change.before === null
      ) {
        return [];
      }
      const was = hasEmptyCapacity(change.before);
      const is = hasEmptyCapacity(change.after);
      const what = `${change.carrierScac} ${change.isoEquipmentCode} empties at ${change.locationCode}`;
      const statedBy = change.statedBy ?? 'LOCATION';
      const details = {
        ...change.after,
        locationCode: p.locationCode,
        carrierScac: p.carrierScac,
        isoEquipmentCode: p.isoEquipmentCode,
        statedBy,
      };
      // The trucker is told when it is the carrier that closed or reopened the returns of its own empties.
      const byCarrier = statedBy === 'CARRIER' ? `stated by carrier ${change.carrierScac}` : null;
      if (rule.kind === 'empty-capacity-zero' && was && !is) {
        const why = [change.after.accepting ? 'no places left' : 'not accepting', byCarrier].filter(Boolean).join('; ');
        return [{ changeKey: `closed@${fact.seq}`, reason: `${what}: capacity fell to zero (${why})`, details, fact }];
      }
      if (rule.kind === 'empty-capacity-reopened' && !was && is) {
        const places = change.after.remainingCapacity === null ? null : `${change.after.remainingCapacity} places`;
        const left = [places, byCarrier].filter(Boolean).join('; ');
        return [
          {
            changeKey: `reopened@${fact.seq}`,
            reason: `${what}: accepting again${left ? ` (${left})` : ''}`,
            details,
            fact,
          },
        ];
      }
      return [];
    }
    case 'appointment-slots-free': {
      if (change.kind !== 'slot') return [];
      const p = rule.parameters;
      if (p.terminal !== change.terminal || p.transactionType !== change.transactionType) return [];
      const start = Date.parse(change.slotStart);
      if (!(start >= Date.parse(p.from) && start < Date.parse(p.to))) return [];
      const was = change.before === null ? 0 : freePlaces(change.before);
      const is = freePlaces(change.after);
      if (!(was === 0 && is > 0)) return [];
      return [
        {
          changeKey: `slot-free|${change.slotStart}@${fact.seq}`,
          reason: `${is} ${change.transactionType} appointment${is === 1 ? '' : 's'} free at ${change.terminal} from ${change.slotStart}`,
          details: {
            terminal: change.terminal,
            transactionType: change.transactionType,
            slotStart: change.slotStart,
            slotEnd: change.slotEnd,
            free: is,
            ...change.after,
          },
          fact,
        },
      ];
    }
    case 'container-available':
    case 'hold-set':
    case 'hold-released':
    case 'last-free-day-tomorrow': {
      if (change.kind !== 'container' || rule.parameters.equipmentReference !== change.equipmentReference) return [];
      return evaluateContainer(
        rule.kind,
        change.equipmentReference,
        change.before ?? NOTHING,
        change.after,
        fact,
        context,
      );
    }
  }
}

function evaluateContainer(
  kind: ContainerRuleKind,
  ref: string,
  before: ContainerWatchState,
  after: ContainerWatchState,
  fact: FactSource,
  context: EvaluationContext,
): AlertDraft[] {
  const details = { equipmentReference: ref, ...after, holdsOpen: [...after.holdsOpen] };
  switch (kind) {
    case 'container-available':
      return !before.available && after.available
        ? [{ changeKey: `available@${fact.seq}`, reason: `${ref} is available for pick-up`, details, fact }]
        : [];
    case 'hold-set':
      return after.holdsOpen
        .filter((h) => !before.holdsOpen.includes(h))
        .map((h) => ({
          changeKey: `hold-set|${h}@${fact.seq}`,
          reason: `${h} hold set on ${ref}`,
          details: { ...details, holdType: h },
          fact,
        }));
    case 'hold-released':
      return before.holdsOpen
        .filter((h) => !after.holdsOpen.includes(h))
        .map((h) => ({
          changeKey: `hold-released|${h}@${fact.seq}`,
          reason: `${h} hold released on ${ref}`,
          details: { ...details, holdType: h },
          fact,
        }));
    case 'last-free-day-tomorrow': {
      // Keyed by the date itself, not by the event: once per last free day, however often it is restated or
      // re-checked (a later sweep at midnight finds the same key).
      const lfd = after.lastFreeDay;
      if (lfd === null || lfd !== nextDay(context.today)) return [];
      return [
        { changeKey: `lfd-tomorrow|${lfd}`, reason: `last free day of ${ref} is tomorrow (${lfd})`, details, fact },
      ];
    }
  }
}
