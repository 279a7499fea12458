/**
 * The container state machine: a reducer over a container's facts sorted by event time. Because the input is
 * the SET of facts (deduplicated into milestones, then ordered by eventDateTime, event rank and key), the
 * state does not depend on the order messages arrived in, nor on how many sources reported the same move.
 * Pure: facts and free-time rules in, state out.
 */
import { CONTAINER_MASTER_DATA } from '../cargo-event-codes.js';
import { teuOf } from '../../domain/identifiers/iso6346-size-type.js';
import { KNOWN_PORT_TIME_ZONES } from '../../domain/identifiers/un-locode.js';
import type { FreeTimeRule } from '../../domain/free-time/free-time-rule.js';
import { lastFreeDay } from '../../domain/free-time/last-free-day.js';
import { LocalDates } from '../../domain/free-time/local-date.js';
import { selectFreeTimeRule } from '../../domain/free-time/select-free-time-rule.js';
import {
  standingStatement,
  effectiveFreeTime,
  type ComputedFreeTime,
  type LastFreeDaySource,
} from '../../domain/free-time/stated-last-free-day.js';
import type { ContainerFact } from './container-fact.js';
import { pickupAvailability, type AvailabilitySource } from './pickup-availability.js';
import { byTimeThenKey, milestonesOf, type Milestone } from './container-milestones.js';
import { SAN_PEDRO_BAY_PORTS, type ContainerStatus, type TripDirection } from './container-status.js';

export interface HoldState {
  readonly holdType: string;
  readonly placedAt: string | null;
  readonly releasedAt: string | null;
}

export interface ContainerState {
  readonly equipmentReference: string;
  readonly isoEquipmentCode: string | null;
  readonly sizeTeu: number | null;
  readonly direction: TripDirection | null;
  readonly status: ContainerStatus;
  readonly holds: readonly HoldState[];
  readonly holdsOpen: readonly string[];
  readonly available: boolean;
  readonly availableSince: string | null;
  /** While the box is in the yard after discharge: on whose word it is (not) available; null otherwise. */
  readonly availabilitySource: AvailabilitySource | null;
  /** The last free day that applies: a terminal's stated one wins over the computed one. */
  readonly lastFreeDay: string | null;
  readonly demurrageStarts: string | null;
  /** Where `lastFreeDay` comes from: the terminal's statement or the free-time rule. */
  readonly lastFreeDaySource: LastFreeDaySource | null;
  /** The last free day computed from the free-time rule, kept for comparison. */
  readonly computedLastFreeDay: string | null;
  /** The free-time rule's source (tariff item or default), when one applies. */
  readonly freeTimeSource: string | null;
  readonly vesselIMONumber: string | null;
  readonly vesselName: string | null;
  readonly carrierVoyageNumber: string | null;
  readonly unLocationCode: string | null;
  readonly terminalCode: string | null;
  readonly loadPort: string | null;
  readonly loadedAt: string | null;
  readonly departedAt: string | null;
  readonly dischargedAt: string | null;
  readonly emptyPickedUpAt: string | null;
  readonly gatedInAt: string | null;
  readonly gatedOutAt: string | null;
  /** How the box left the terminal after discharge: TRUCK or RAIL (on-dock rail). */
  readonly outMode: string | null;
  readonly emptyReturnedAt: string | null;
  readonly dwellHours: number | null;
  readonly carrierCodes: readonly string[];
  readonly transportDocumentReferences: readonly string[];
  readonly carrierBookingReferences: readonly string[];
  readonly ownerOrgs: readonly string[];
  readonly lastEventSeq: string;
  /** Every deduplicated move of the container, in time order (all trips). */
  readonly milestones: readonly Milestone[];
}

interface Trip {
  direction: TripDirection | null;
  status: ContainerStatus | 'DISCHARGED';
  vesselIMONumber: string | null;
  vesselName: string | null;
  carrierVoyageNumber: string | null;
  unLocationCode: string | null;
  terminalCode: string | null;
  loadPort: string | null;
  loadedAt: string | null;
  departedAt: string | null;
  dischargedAt: string | null;
  emptyPickedUpAt: string | null;
  gatedInAt: string | null;
  gatedOutAt: string | null;
  outMode: string | null;
  emptyReturnedAt: string | null;
  lastReleaseAt: string | null;
  holds: Map<string, HoldState>;
}

const newTrip = (
  direction: TripDirection | null,
  holds: Map<string, HoldState>,
  lastReleaseAt: string | null = null,
): Trip => ({
  direction,
  status: 'BOOKED',
  vesselIMONumber: null,
  vesselName: null,
  carrierVoyageNumber: null,
  unLocationCode: null,
  terminalCode: null,
  loadPort: null,
  loadedAt: null,
  departedAt: null,
  dischargedAt: null,
  emptyPickedUpAt: null,
  gatedInAt: null,
  gatedOutAt: null,
  outMode: null,
  emptyReturnedAt: null,
  lastReleaseAt,
  holds,
});

/** Same-instant tie-break: the order moves happen in a trip. */
const RANK: Readonly<Record<string, number>> = { LOAD: 1, DEPA: 2, DISC: 3, HOLD: 4, RELS: 5, GTOT: 6, GTIN: 7 };

type Step = { readonly kind: 'move'; readonly m: Milestone } | { readonly kind: 'hold'; readonly f: ContainerFact };

const stepAt = (s: Step): string => (s.kind === 'move' ? s.m.at : s.f.at);
const stepCode = (s: Step): string => (s.kind === 'move' ? s.m.code : s.f.code);
const stepKey = (s: Step): string => (s.kind === 'move' ? s.m.factKeys[0]! : s.f.key);

function compareSteps(a: Step, b: Step): number {
  const at = stepAt(a).localeCompare(stepAt(b));
  if (at !== 0) return at;
  const rank = (RANK[stepCode(a)] ?? 9) - (RANK[stepCode(b)] ?? 9);
  if (rank !== 0) return rank;
  return stepKey(a) < stepKey(b) ? -1 : stepKey(a) > stepKey(b) ? 1 : 0;
}

const isOurs = (port: string | null): boolean => port !== null && SAN_PEDRO_BAY_PORTS.includes(port);
const inYard = (t: Trip): boolean => t.direction === 'IMPORT' && t.status === 'DISCHARGED';

function setVessel(trip: Trip, m: Milestone): void {
  trip.vesselIMONumber = m.vesselIMONumber ?? trip.vesselIMONumber;
  trip.vesselName = m.vesselName ?? trip.vesselName;
  trip.carrierVoyageNumber = m.carrierVoyageNumber ?? trip.carrierVoyageNumber;
}

function setPlace(trip: Trip, m: Milestone): void {
  trip.unLocationCode = m.unLocationCode;
  trip.terminalCode = m.terminalCode ?? trip.terminalCode;
}

const ENDED: readonly string[] = ['EMPTY_RETURNED', 'DEPARTED'];

/**
 * A new import trip that starts at discharge keeps the holds placed while the box was on the water
 * (pre-arrival customs holds), but not those of a previous trip that has ended.
 */
function carryHolds(trip: Trip, at: string): Trip {
  if (!ENDED.includes(trip.status)) return newTrip('IMPORT', trip.holds, trip.lastReleaseAt);
  const endedAt = trip.status === 'DEPARTED' ? trip.departedAt! : trip.emptyReturnedAt!;
  const holds = new Map([...trip.holds].filter(([, h]) => (h.releasedAt ?? h.placedAt ?? at) > endedAt));
  return newTrip(
    'IMPORT',
    holds,
    trip.lastReleaseAt !== null && trip.lastReleaseAt > endedAt ? trip.lastReleaseAt : null,
  );
}

/** Applies one move; returns the trip (a new one when the move starts a trip). */
function applyMove(trip: Trip, m: Milestone): Trip {
  const ours = isOurs(m.unLocationCode);
  const rail = m.mode === 'RAIL';
  // Holds placed before a new trip belong to the previous one; a trip that starts at discharge keeps
  // holds placed while the box was on the water (pre-arrival customs holds).
  const fresh = (direction: TripDirection): Trip => newTrip(direction, new Map());
  switch (m.code) {
    case 'LOAD': {
      if (!ours && !rail) {
        const t = fresh('IMPORT');
        t.status = 'LOADED';
        t.loadPort = m.unLocationCode;
        t.loadedAt = m.at;
        setVessel(t, m);
        return t;
      }
      if (ours && rail && inYard(trip)) {
        trip.status = 'GATED_OUT';
        trip.gatedOutAt = m.at;
        trip.outMode = 'RAIL';
        return trip;
      }
      if (ours && !rail) {
        const t = trip.direction === 'EXPORT' && trip.status !== 'DEPARTED' ? trip : fresh('EXPORT');
        t.status = 'LOADED';
        t.loadPort = m.unLocationCode;
        t.loadedAt = m.at;
        setVessel(t, m);
        setPlace(t, m);
        return t;
      }
      return trip;
    }
    case 'DEPA': {
      const sameCall = trip.status === 'LOADED' && trip.loadPort === m.unLocationCode;
      if (sameCall && (m.vesselIMONumber === null || m.vesselIMONumber === trip.vesselIMONumber)) {
        trip.departedAt = m.at;
        if (trip.direction === 'IMPORT') trip.status = 'ON_WATER';
        else trip.status = 'DEPARTED';
      }
      return trip;
    }
    case 'DISC': {
      if (!ours) return trip;
      if (rail) {
        const t = fresh('EXPORT');
        t.status = 'GATED_IN';
        t.gatedInAt = m.at;
        setPlace(t, m);
        return t;
      }
      const continuing =
        trip.direction === 'IMPORT' &&
        (trip.status === 'LOADED' || trip.status === 'ON_WATER' || trip.status === 'BOOKED');
      const t = continuing ? trip : carryHolds(trip, m.at);
      t.status = 'DISCHARGED';
      t.dischargedAt = m.at;
      setVessel(t, m);
      setPlace(t, m);
      return t;
    }
    case 'GTOT': {
      if (!ours) return trip;
      if (inYard(trip)) {
        trip.status = 'GATED_OUT';
        trip.gatedOutAt = m.at;
        trip.outMode = m.mode ?? 'TRUCK';
        setPlace(trip, m);
        return trip;
      }
      if (m.empty === 'EMPTY') {
        const t = fresh('EXPORT');
        t.status = 'EMPTY_PICKED_UP';
        t.emptyPickedUpAt = m.at;
        setPlace(t, m);
        return t;
      }
      const t = trip.direction === 'EXPORT' && trip.status === 'GATED_IN' ? trip : carryHolds(trip, m.at);
      t.status = 'GATED_OUT';
      t.gatedOutAt = m.at;
      t.outMode = m.mode ?? 'TRUCK';
      setPlace(t, m);
      return t;
    }
    case 'GTIN': {
      if (!ours) return trip;
      const importOut = trip.direction === 'IMPORT' && trip.status === 'GATED_OUT';
      if (m.empty === 'EMPTY' || (m.empty === null && importOut)) {
        trip.status = 'EMPTY_RETURNED';
        trip.emptyReturnedAt = m.at;
        setPlace(trip, m);
        return trip;
      }
      const t = trip.direction === 'EXPORT' && trip.status === 'EMPTY_PICKED_UP' ? trip : fresh('EXPORT');
      t.status = 'GATED_IN';
      t.gatedInAt = m.at;
      setPlace(t, m);
      return t;
    }
    default:
      return trip;
  }
}

function applyHold(trip: Trip, f: ContainerFact): void {
  const type = f.holdType ?? 'OTHER';
  const previous = trip.holds.get(type);
  if (f.code === 'HOLD') {
    trip.holds.set(type, { holdType: type, placedAt: f.at, releasedAt: null });
  } else {
    trip.holds.set(type, { holdType: type, placedAt: previous?.placedAt ?? null, releasedAt: f.at });
    trip.lastReleaseAt = f.at;
  }
}

const sortedUnique = (values: Iterable<string | null>): string[] =>
  [...new Set([...values].filter((v): v is string => v !== null))].sort();

const maxSeq = (facts: readonly ContainerFact[]): string =>
  facts.reduce((acc, f) => (BigInt(f.seq) > BigInt(acc) ? f.seq : acc), '0');

const hoursBetween = (from: string | null, to: string | null): number | null =>
  from && to ? Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 100) / 100 : null;

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a >= b ? a : b);

/**
 * The last move before the trip's first one (null when none): the end of the previous trip. Statements made
 * up to then are about an earlier visit of the box.
 */
function previousTripEnd(t: Trip, milestones: readonly Milestone[]): string | null {
  const moves = [t.loadedAt, t.departedAt, t.dischargedAt, t.emptyPickedUpAt, t.gatedInAt, t.gatedOutAt];
  const start = moves.reduce<string | null>((a, b) => (a === null ? b : b === null || a <= b ? a : b), null);
  return start === null ? null : (milestones.filter((m) => m.at < start).at(-1)?.at ?? null);
}

/** The container's isoEquipmentCode: master data first (latest), else the latest move that names one. */
function isoCodeOf(facts: readonly ContainerFact[]): string | null {
  const sorted = [...facts].sort(byTimeThenKey).reverse();
  return (
    sorted.find((f) => f.code === CONTAINER_MASTER_DATA && f.isoEquipmentCode)?.isoEquipmentCode ??
    sorted.find((f) => f.isoEquipmentCode)?.isoEquipmentCode ??
    null
  );
}

export function containerState(
  equipmentReference: string,
  facts: readonly ContainerFact[],
  rules: readonly FreeTimeRule[],
): ContainerState {
  const unique = [...new Map(facts.map((f) => [f.key, f])).values()];
  const milestones = milestonesOf(unique).sort((a, b) => compareSteps({ kind: 'move', m: a }, { kind: 'move', m: b }));
  const steps: Step[] = [
    ...milestones.map((m): Step => ({ kind: 'move', m })),
    ...unique.filter((f) => f.code === 'HOLD' || f.code === 'RELS').map((f): Step => ({ kind: 'hold', f })),
  ].sort(compareSteps);

  let trip = newTrip(null, new Map());
  for (const step of steps) {
    if (step.kind === 'move') trip = applyMove(trip, step.m);
    else applyHold(trip, step.f);
  }

  const holds = [...trip.holds.values()].sort((a, b) => a.holdType.localeCompare(b.holdType));
  const holdsOpen = holds.filter((h) => h.releasedAt === null).map((h) => h.holdType);
  const statements = unique.flatMap((f) =>
    f.statement ? [{ ...f.statement, key: f.key, statedAt: f.at, terminal: f.terminalCode }] : [],
  );
  const tripEnd = previousTripEnd(trip, milestones);
  const standing = standingStatement(statements, tripEnd);
  // A viewer that sees no move of the box at all (a cargo owner: the terminal's statements and the holds name it,
  // the carrier's discharge does not) still learns from the terminal's availability statement that the box is in
  // that terminal's yard: the statement, like a discharge, puts it there.
  const inYard = trip.status === 'DISCHARGED' || (milestones.length === 0 && standing !== null);
  // In the yard, holds and the terminal's word decide whether the box may be picked up (pickup-availability.ts).
  const pickup = inYard ? pickupAvailability(holds, standing) : null;
  const status: ContainerStatus =
    trip.status !== 'DISCHARGED' && pickup === null ? trip.status : pickup?.available === true ? 'AVAILABLE' : 'HELD';
  const wasAvailable =
    trip.direction === 'IMPORT' &&
    trip.dischargedAt !== null &&
    (status === 'AVAILABLE' || status === 'GATED_OUT' || status === 'EMPTY_RETURNED');
  const releasedBy =
    trip.lastReleaseAt !== null && (trip.gatedOutAt === null || trip.lastReleaseAt <= trip.gatedOutAt)
      ? trip.lastReleaseAt
      : null;
  const availableSince = wasAvailable ? later(trip.dischargedAt, releasedBy) : null;

  let freeTime: ComputedFreeTime | null = null;
  if (trip.unLocationCode && trip.direction) {
    const zone = KNOWN_PORT_TIME_ZONES[trip.unLocationCode] ?? 'UTC';
    const base = trip.direction === 'IMPORT' ? trip.dischargedAt : trip.gatedInAt;
    if (base) {
      const rule = selectFreeTimeRule(
        rules,
        trip.unLocationCode,
        trip.terminalCode,
        trip.direction,
        LocalDates.of(base, zone),
      );
      const trigger = rule?.clockStarts === 'AVAILABLE' ? availableSince : base;
      if (rule && trigger) freeTime = { ...lastFreeDay(trigger, rule, zone), rule: rule.source };
    }
  }
  const effective = effectiveFreeTime(freeTime, statements, tripEnd);

  const isoEquipmentCode = isoCodeOf(unique);
  return {
    equipmentReference,
    isoEquipmentCode,
    sizeTeu: isoEquipmentCode ? teuOf(isoEquipmentCode) : null,
    direction: trip.direction,
    status,
    holds,
    holdsOpen,
    available: status === 'AVAILABLE',
    availableSince,
    availabilitySource: pickup?.source ?? null,
    lastFreeDay: effective?.lastFreeDay ?? null,
    demurrageStarts: effective?.demurrageStarts ?? null,
    lastFreeDaySource: effective?.source ?? null,
    computedLastFreeDay: freeTime?.lastFreeDay ?? null,
    freeTimeSource: freeTime?.rule ?? null,
    vesselIMONumber: trip.vesselIMONumber,
    vesselName: trip.vesselName,
    carrierVoyageNumber: trip.carrierVoyageNumber,
    unLocationCode: trip.unLocationCode,
    terminalCode: trip.terminalCode,
    loadPort: trip.loadPort,
    loadedAt: trip.loadedAt,
    departedAt: trip.departedAt,
    dischargedAt: trip.dischargedAt,
    emptyPickedUpAt: trip.emptyPickedUpAt,
    gatedInAt: trip.gatedInAt,
    gatedOutAt: trip.gatedOutAt,
    outMode: trip.outMode,
    emptyReturnedAt: trip.emptyReturnedAt,
    dwellHours:
      trip.direction === 'IMPORT'
        ? hoursBetween(trip.dischargedAt, trip.gatedOutAt)
        : hoursBetween(trip.gatedInAt, trip.direction === 'EXPORT' ? trip.loadedAt : null),
    carrierCodes: sortedUnique(unique.map((f) => f.carrierCode)),
    transportDocumentReferences: sortedUnique(unique.map((f) => f.transportDocumentReference)),
    carrierBookingReferences: sortedUnique(unique.map((f) => f.carrierBookingReference)),
    ownerOrgs: sortedUnique(unique.flatMap((f) => f.ownerOrgs)),
    lastEventSeq: maxSeq(unique),
    milestones,
  };
}
