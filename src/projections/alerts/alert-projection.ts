/**
 * Alert evaluation (issue 13; docs/alerts.md) as a projection over the event store: each page of events is
 * turned into changes of watched keys — an empty-return receivable (`ERCV`), an appointment slot (`SLOT`), a
 * container's pick-up state (read from `container_status`, which is caught up before this projection runs) —
 * each with the state before (the last one this projection saw, `alert_watch_state`) and after. The rules watching
 * a changed key are found by one indexed lookup (`alert_rule.watch_key`), judged by the pure
 * `domain/alerts/evaluate-alert.ts`, and the alerts are inserted in the page's transaction with
 * `on conflict (rule_id, change_key) do nothing`: at most one alert per rule and change, also when the
 * projection is rebuilt or the server restarts mid-page. A rule sees changes after its creation only
 * (`start_seq`), and only facts its organisation may see: feed statements by the one visibility rule
 * (`seesRow`), containers only when the organisation is among the box's owners (or sees all) — stricter than
 * `GET /containers`, never wider.
 */
import { sql, type Transaction } from 'kysely';
import { organisationReadScope } from '../../access/access-scope.js';
import { seesRow } from '../../access/visibility-filter.js';
import type { StoredEvent } from '../../domain/canonical-event.js';
import {
  CONTAINER_RULE_KINDS,
  containerKey,
  emptyCapacityKey,
  slotKey,
  storedRule,
} from '../../domain/alerts/alert-rule.js';
import { evaluateAlert } from '../../domain/alerts/evaluate-alert.js';
import { CONTAINER_FACT_CODES } from '../../domain/containers/container-fact-from-event.js';
import type { EventTypeCode } from '../../domain/event-map.js';
import type { EmptyCapacityState, FactSource, WatchedChange } from '../../domain/alerts/watched-state.js';
import {
  APPOINTMENT_SLOT,
  EMPTY_RECEIVABLE,
  EMPTY_RETURN_SPEAKERS,
  type EmptyReturnSpeaker,
} from '../../domain/cargo-event-codes.js';
import { combineReceivableWords } from '../../domain/terminal-feeds/receivable-words.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { terminalTimeZone } from '../terminal-kpis/terminal-time-zone.js';
import {
  CONTAINER_WATCH_COLUMNS,
  CONTAINER_WATCH_KEY,
  containerWatchFact,
  containerWatchState,
} from './container-watch.js';
import { raisedAlert, type RaisedAlert } from './raised-alert.js';

const CHUNK = 500;

/** The feed statements it watches, and the events that change a box's status row. */
const ALERT_SOURCES: readonly EventTypeCode[] = [EMPTY_RECEIVABLE, APPOINTMENT_SLOT, ...CONTAINER_FACT_CODES];

interface Observed {
  /** The key of the state (a slot's includes its start). */
  readonly stateKey: string;
  /** The key rules watch. */
  readonly ruleKey: string;
  readonly visibility: string;
  readonly ownerOrgs: readonly string[];
  /**
   * The state to hold after this fact, from the one held before; null when the fact changes nothing because a
   * newer statement of the same party is already held (a late-arriving older one, as the feed read models keep).
   */
  readonly next: (before: Record<string, unknown> | null) => Record<string, unknown> | null;
  /** Builds the change from the states before and after. */
  readonly change: (before: Record<string, unknown> | null, after: Record<string, unknown>) => WatchedChange;
  readonly fact: FactSource;
}

function factOf(event: StoredEvent): FactSource {
  return { asOf: event.eventDateTime, sourceOrg: event.sourceOrg, eventId: event.eventId, seq: event.seq };
}

/** One party's newest word on a receivable key, as held in `alert_watch_state`. */
interface HeldWord {
  readonly accepting: boolean;
  readonly remainingCapacity: number | null;
  readonly asOf: string;
}

/**
 * Each party's held word on a receivable key; a state held before carriers could speak (no `words`) is the
 * location's word.
 */
function heldWords(before: Record<string, unknown> | null): Partial<Record<EmptyReturnSpeaker, HeldWord>> {
  if (before === null) return {};
  const words = before.words;
  if (typeof words !== 'object' || words === null) return { LOCATION: heldWord(before) };
  const held: Partial<Record<EmptyReturnSpeaker, HeldWord>> = {};
  for (const speaker of EMPTY_RETURN_SPEAKERS) {
    const word: unknown = (words as Record<string, unknown>)[speaker];
    if (typeof word === 'object' && word !== null) held[speaker] = heldWord(word as Record<string, unknown>);
  }
  return held;
}

function heldWord(w: Record<string, unknown>): HeldWord {
  return {
    accepting: w.accepting === true,
    remainingCapacity: typeof w.remainingCapacity === 'number' ? w.remainingCapacity : null,
    asOf: typeof w.asOf === 'string' ? w.asOf : '',
  };
}

const emptyState = (s: Record<string, unknown>): EmptyCapacityState => ({
  accepting: s.accepting === true,
  remainingCapacity: (s.remainingCapacity as number | null | undefined) ?? null,
});

/** A fact dated before the newest one held is late: it leaves the held state in place. */
const isLate = (fact: FactSource, before: Record<string, unknown> | null): boolean =>
  before !== null && typeof before.asOf === 'string' && fact.asOf < before.asOf;

function observedOf(event: StoredEvent): Observed | null {
  if (event.eventTypeCode === EMPTY_RECEIVABLE) {
    const p = event.payload;
    const statedBy = p.statedBy ?? 'LOCATION';
    const key = emptyCapacityKey(p);
    const fact = factOf(event);
    return {
      stateKey: key,
      ruleKey: key,
      visibility: event.visibility,
      ownerOrgs: event.ownerOrgs,
      fact,
      // The watched state is the location's and the carrier's words combined (both must accept); each party's
      // newer statement replaces only its own.
      next: (before) => {
        const words = heldWords(before);
        const own = words[statedBy];
        if (own !== undefined && fact.asOf < own.asOf) return null;
        const next = {
          ...words,
          [statedBy]: { accepting: p.accepting, remainingCapacity: p.remainingCapacity, asOf: fact.asOf },
        };
        const combined = combineReceivableWords(
          EMPTY_RETURN_SPEAKERS.flatMap((speaker) => {
            const w = next[speaker];
            return w ? [{ statedBy: speaker, accepting: w.accepting, remainingCapacity: w.remainingCapacity }] : [];
          }),
        );
        return {
          accepting: combined?.accepting ?? p.accepting,
          remainingCapacity: combined?.remainingCapacity ?? null,
          words: next,
        };
      },
      change: (before, after) => ({
        kind: 'empty',
        locationCode: p.locationCode,
        carrierScac: p.carrierScac,
        isoEquipmentCode: p.isoEquipmentCode,
        before: before === null ? null : emptyState(before),
        after: emptyState(after),
        statedBy,
        fact,
      }),
    };
  }
  if (event.eventTypeCode === APPOINTMENT_SLOT && event.location?.facilityCode) {
    const p = event.payload;
    const terminal = event.location.facilityCode;
    const state = { capacity: p.capacity, booked: p.booked };
    const fact = factOf(event);
    return {
      stateKey: `slot|${terminal}|${p.transactionType}|${p.slotStart}`,
      ruleKey: slotKey(terminal, p.transactionType),
      visibility: event.visibility,
      ownerOrgs: event.ownerOrgs,
      fact,
      next: (before) => (isLate(fact, before) ? null : state),
      change: (before) => ({
        kind: 'slot',
        terminal,
        transactionType: p.transactionType,
        slotStart: p.slotStart,
        slotEnd: p.slotEnd,
        before: before === null ? null : { capacity: Number(before.capacity), booked: Number(before.booked) },
        after: state,
        fact,
      }),
    };
  }
  return null;
}

interface RuleRow {
  readonly id: string;
  readonly org_id: string;
  readonly role: string;
  readonly kind: string;
  readonly parameters: Record<string, unknown>;
  readonly watch_key: string;
  readonly start_seq: string;
  readonly callback_url: string | null;
}

/** Watched containers whose status row changed at or after `fromSeq` (the rules' join keeps it small). */
async function changedContainers(trx: Transaction<DB>, fromSeq: string) {
  return trx
    .selectFrom('container_status as cs')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('alert_rule')
          .select('watch_key')
          .distinct()
          .where('active', '=', true)
          .where('kind', 'in', CONTAINER_RULE_KINDS)
          .as('r'),
      (join) => join.on(CONTAINER_WATCH_KEY, '=', sql.ref('r.watch_key')),
    )
    .leftJoin('event as e', 'e.seq', 'cs.last_event_seq')
    .select(CONTAINER_WATCH_COLUMNS)
    .where('cs.last_event_seq', '>=', fromSeq)
    .execute();
}

function containerObserved(row: Awaited<ReturnType<typeof changedContainers>>[number]): Observed {
  const state = containerWatchState(row);
  const fact = containerWatchFact(row, Date.now());
  const key = containerKey(row.equipment_reference);
  return {
    stateKey: key,
    ruleKey: key,
    visibility: 'private',
    ownerOrgs: row.owner_orgs,
    fact,
    // A container state is already merged by its read model: never late.
    next: () => ({ ...state }),
    change: (before) => ({
      kind: 'container',
      equipmentReference: row.equipment_reference,
      before:
        before === null
          ? null
          : {
              available: before.available === true,
              holdsOpen: (before.holdsOpen as string[] | undefined) ?? [],
              lastFreeDay: (before.lastFreeDay as string | null | undefined) ?? null,
            },
      after: state,
      fact,
    }),
  };
}

/** Today's date (`YYYY-MM-DD`) in the terminal's zone (UTC when unknown), for last-free-day rules. */
function todayAt(terminalCode: string | null): string {
  const timeZone = terminalCode ? terminalTimeZone(terminalCode) : 'UTC';
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

export const alertProjection: Projection = {
  name: 'alerts',
  version: 1,
  tables: ['alert_watch_state'],
  reads: ['container_status'],
  sources: ALERT_SOURCES,
  // Raised alerts are history: they are judged against what each rule's owner could see when the change came.
  copiesVisibility: false,
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const observed: { o: Observed; terminal: string | null }[] = [];
    for (const event of events) {
      const o = observedOf(event);
      if (o) observed.push({ o, terminal: null });
    }
    for (const row of await changedContainers(trx, events[0]!.seq)) {
      observed.push({ o: containerObserved(row), terminal: row.terminal_code });
    }
    if (observed.length === 0) return;

    const stateKeys = [...new Set(observed.map(({ o }) => o.stateKey))];
    const states = new Map<string, { state: Record<string, unknown>; asOf: string | undefined }>();
    for (let i = 0; i < stateKeys.length; i += CHUNK) {
      const rows = await trx
        .selectFrom('alert_watch_state')
        .select(['watch_key', 'state'])
        .where('watch_key', 'in', stateKeys.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) states.set(r.watch_key, { state: r.state, asOf: r.state.asOf as string | undefined });
    }

    const ruleKeys = [...new Set(observed.map(({ o }) => o.ruleKey))];
    const rules = new Map<string, RuleRow[]>();
    for (let i = 0; i < ruleKeys.length; i += CHUNK) {
      const rows = await trx
        .selectFrom('alert_rule')
        .innerJoin('organisation', 'organisation.id', 'alert_rule.org_id')
        .select([
          'alert_rule.id',
          'alert_rule.org_id',
          'organisation.role',
          'alert_rule.kind',
          'alert_rule.parameters',
          'alert_rule.watch_key',
          'alert_rule.start_seq',
          'alert_rule.callback_url',
        ])
        .where('alert_rule.active', '=', true)
        .where('alert_rule.watch_key', 'in', ruleKeys.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) rules.set(r.watch_key, [...(rules.get(r.watch_key) ?? []), r]);
    }

    const alerts: RaisedAlert[] = [];
    const written = new Map<string, { state: Record<string, unknown>; seq: string }>();
    for (const { o, terminal } of observed) {
      const held = states.get(o.stateKey);
      const after = o.next(held?.state ?? null);
      // A late-arriving older statement leaves the newer one in place (as the feed read models do).
      if (after === null) continue;
      const change = o.change(held?.state ?? null, after);
      for (const rule of rules.get(o.ruleKey) ?? []) {
        if (BigInt(rule.start_seq) >= BigInt(o.fact.seq)) continue;
        const owner = organisationReadScope(rule.org_id, rule.role);
        if (!owner || !seesRow(owner, o)) continue;
        const asRule = storedRule(rule.kind, rule.parameters);
        if (asRule === null) continue;
        for (const draft of evaluateAlert(asRule, change, { today: todayAt(terminal) })) {
          alerts.push(raisedAlert(rule, draft));
        }
      }
      // `asOf`: the newest fact behind the state (a receivable's words each keep their own too).
      const asOf = held?.asOf !== undefined && held.asOf > o.fact.asOf ? held.asOf : o.fact.asOf;
      const next = { ...after, asOf };
      states.set(o.stateKey, { state: next, asOf });
      written.set(o.stateKey, { state: next, seq: o.fact.seq });
    }

    for (let i = 0; i < alerts.length; i += CHUNK) {
      await trx
        .insertInto('alert')
        .values(alerts.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['rule_id', 'change_key']).doNothing())
        .execute();
    }
    const rows = [...written].map(([watch_key, w]) => ({ watch_key, state: JSON.stringify(w.state), seq: w.seq }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('alert_watch_state')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.column('watch_key').doUpdateSet({ state: sql.ref('excluded.state'), seq: sql.ref('excluded.seq') }),
        )
        .execute();
    }
  },
};
