/**
 * The terminals' appointment systems: one slot ledger per terminal × transaction type × 1-hour slot that admits
 * the truck visits of the cargo flows in booking order over the whole run, whoever asks for the cargo (the message
 * source, the month calibration, the dwell/turn study): the ledger alone generates the calls (in cargo-horizon
 * order) and decides their visits, so a call's cargo is the same whatever order its consumer reads the calls in.
 *
 * - **Capacity** of a slot is planned from what truckers wanted before: `max(2, ⌈1.25 × busiest⌉)`, `busiest` the
 *   most wanted bookings (the first open slot at each visit's target, full or not) of that terminal and type in the
 *   slot's hour, or per gate hour of the 24 hours up to it, on the 7 days ending 3 days before the slot. Every visit is booked at most ~2
 *   days before the slot it wants, so those wants are all known when the slot's first booking comes, and the
 *   capacity never changes. Until the run's cargo has had 17 days to ramp up and then a whole day of history, a
 *   slot is unplanned (`UNPLANNED`).
 * - **Admission**: a trucker books the slot it wants if the slot has room (`booked < capacity`), else the next
 *   open slot with room, and its visit moves with it (`movedForCapacity`); a slot it would reach during a gate
 *   closure or outage moves past it as gate-closures.ts says (re-booked, RESCHEDULED, when the notice came after
 *   the booking; the slot it is moved to is held from the booking on, so it has room when the move is stated).
 * - **DUAL**: a trucker booking a pick-up (or a drop-off) pairs it, with a seeded chance `DUAL.share`, with a drop-off
 *   (pick-up) of the same trucking company at the same terminal not yet booked whose wanted slot lies within
 *   `DUAL.windowHours` and whose box may already be booked (released and available, or its earliest gate-in): one DUAL appointment, one visit that drops the export or
 *   empty at the in-gate and picks up the import at the out-gate, in one DUAL slot.
 *
 * Pure and deterministic: the ledger's steps (generate the next call, decide the next booking) follow one fixed
 * order, and a consumer only says how far to go. A consumer takes a call whole (`nextCall`: once every visit of it
 * is decided, weeks after its horizon) or, with a `LedgerListener`, as the steps go: the call when it is generated,
 * each visit when it is decided (the cargo message source, which so waits only for the bookings before its window).
 */
import type { ContainerCall } from '../container-call.js';
import { MinHeap } from '../min-heap.js';
import { Prng } from '../prng.js';
import type { CallNumbering } from './container-numbers.js';
import {
  cargoHorizonStart,
  draftCallCargo,
  isGateHour,
  openSlot,
  RESCHEDULE_MINUTES,
  type CallCargo,
  type CallDraft,
  type SlotType,
  type TruckVisit,
  type VisitRequest,
} from './cargo-model.js';
import { gateClosures, type GateClosures } from './gate-closures.js';
import { DAY, HOUR, MINUTE } from '../../domain/time-units.js';

/** How the terminals plan slot capacity. */
export const SLOT_CAPACITY = Object.freeze({
  headroom: 1.25,
  min: 2,
  /** Days of wanted bookings the plan looks at (the same hour each day), the last `leadDays` before the slot. */
  historyDays: 7,
  leadDays: 3,
  /**
   * Days from the run's first cargo horizon before the wanted bookings are a steady history: its first calls work a
   * week after their horizon, their imports are picked up ~2.5 days later and come back empty ~4 days after that.
   */
  rampUpDays: 17,
});
/** Capacity of a slot without a day of history (the ramp-up of a run's warm-up): no limit in practice. */
export const UNPLANNED = 999;

/** Truckers pairing a drop-off and a pick-up into one DUAL visit. */
export const DUAL = Object.freeze({
  /** Chance that a trucker booking a move looks for a move of its own to pair it with. */
  share: 0.25,
  /** The paired moves' wanted slots are at most this many hours apart. */
  windowHours: 3,
});

/** Visits placed past this many days after their booking skip the capacity check (counted: `overCapacity`). */
const MAX_AHEAD = SLOT_CAPACITY.leadDays * DAY;

export interface SlotLedgerCounts {
  /** Visits admitted (a DUAL visit once), DUAL visits, visits moved to a later slot for want of room. */
  readonly visits: number;
  readonly dual: number;
  readonly movedForCapacity: number;
  /** Visits admitted past a full slot without a check (should stay 0). */
  readonly overCapacity: number;
}

/**
 * Takes a ledger's work as it is done (a source that hands a call's happenings out before all its visits are
 * decided): each call when it is generated (its truck visits still undecided: `box.leaves` / `box.arrived` null),
 * each visit request when it is decided (the box completed), and each call once its last visit is decided.
 */
export interface LedgerListener {
  generated(cargo: CallCargo): void;
  decided(cargo: CallCargo, req: VisitRequest, visit: TruckVisit): void;
  completed(cargo: CallCargo): void;
}

export interface CargoLedger {
  /** The next call's cargo (in cargo-horizon order) with its truck visits placed, if its horizon is before `beforeMs`. */
  nextCall(beforeMs?: number): CallCargo | null;
  /**
   * For a ledger with a listener (which takes the calls instead of `nextCall`): at most `maxSteps` steps towards
   * generating every call whose horizon is before `beforeMs` and deciding every booking made before it; true when
   * that is done (every truck-visit happening before `beforeMs` is then known: each is at or after its booking).
   */
  decideBefore(beforeMs: number, maxSteps: number): boolean;
  /** The planned capacity of a slot. */
  capacity(terminal: string, type: SlotType, slotMs: number): number;
  counts(): SlotLedgerCounts;
}

interface CallState {
  readonly call: ContainerCall;
  readonly numbering: CallNumbering;
  readonly horizon: number;
  draft: CallDraft | null;
  outstanding: number;
}

interface Pending {
  readonly req: VisitRequest;
  readonly owner: CallState;
  done: boolean;
}

/** The pending bookings by (bookedMs, id); those decided meanwhile (a DUAL's partner) are dropped on the way. */
class BookingHeap {
  readonly #heap = new MinHeap<Pending>(
    (a, b) => a.req.bookedMs < b.req.bookedMs || (a.req.bookedMs === b.req.bookedMs && a.req.id < b.req.id),
  );

  push(p: Pending): void {
    this.#heap.push(p);
  }

  /** The next booking not yet decided. */
  peek(): Pending | null {
    while (this.#heap.peek()?.done) this.#heap.pop();
    return this.#heap.peek() ?? null;
  }

  pop(): Pending | null {
    const top = this.peek();
    if (top) this.#heap.pop();
    return top;
  }
}

/** The calls of a run in the order every consumer numbers them (container numbers depend on it). */
function numbered(calls: readonly ContainerCall[]): CallState[] {
  const perCarrier = new Map<string, number>();
  return calls
    .map((call, callIndex) => {
      const carrierCallIndex = perCarrier.get(call.carrierScac) ?? 0;
      perCarrier.set(call.carrierScac, carrierCallIndex + 1);
      return {
        call,
        numbering: { callIndex, carrierCallIndex },
        horizon: cargoHorizonStart(call),
        draft: null,
        outstanding: 0,
      };
    })
    .sort((a, b) => a.horizon - b.horizon || (a.call.id < b.call.id ? -1 : 1));
}

/** The slot ledger of a run's calls (its gate closures are those of `gateClosures(seed, calls)`). */
export function cargoLedger(
  seed: number,
  calls: readonly ContainerCall[],
  closures: GateClosures = gateClosures(seed, calls),
  listener: LedgerListener | null = null,
): CargoLedger {
  const states = numbered(calls);
  const steadyFromMs = (states[0]?.horizon ?? 0) + SLOT_CAPACITY.rampUpDays * DAY;
  let generated = 0;
  let handedOut = 0;
  let nowMs = -Infinity;
  const heap = new BookingHeap();
  /** terminal|trucker|move|wanted slot → bookings not yet decided (candidates for a DUAL). */
  const open = new Map<string, Set<Pending>>();
  /** terminal|type|slot → wanted bookings. */
  const wanted = new Map<string, number>();
  /** terminal|type|slot → the ends of its bookings (Infinity: held). */
  const held = new Map<string, number[]>();
  const planned = new Map<string, number>();
  let visits = 0;
  let dual = 0;
  let movedForCapacity = 0;
  let overCapacity = 0;

  const openKey = (r: VisitRequest, move: string, slotMs: number): string =>
    `${r.terminal}|${r.draw.trucker.code}|${move}|${slotMs}`;

  function enqueue(req: VisitRequest, owner: CallState): void {
    const p: Pending = { req, owner, done: false };
    owner.outstanding++;
    heap.push(p);
    const key = openKey(req, req.move, req.wantedSlotMs);
    let set = open.get(key);
    if (!set) open.set(key, (set = new Set()));
    set.add(p);
  }

  function settle(p: Pending, visit: TruckVisit): void {
    p.done = true;
    const key = openKey(p.req, p.req.move, p.req.wantedSlotMs);
    const set = open.get(key);
    set?.delete(p);
    if (set?.size === 0) open.delete(key);
    const s = p.owner;
    s.outstanding--;
    const follow = p.req.admit(visit);
    if (follow) enqueue(follow, s);
    if (listener) {
      const cargo = s.draft!.cargo;
      listener.decided(cargo, p.req, visit);
      if (s.outstanding === 0) complete(s);
    }
  }

  /** A listener's call is complete: it takes it, and the ledger forgets it. */
  function complete(s: CallState): void {
    const cargo = s.draft!.cargo;
    s.draft = null;
    listener!.completed(cargo);
  }

  function capacity(terminal: string, type: SlotType, slotMs: number): number {
    const key = `${terminal}|${type}|${slotMs}`;
    let cap = planned.get(key);
    if (cap !== undefined) return cap;
    advanceTo(slotMs - SLOT_CAPACITY.leadDays * DAY + 1); // every booking wanting a slot by then is decided
    // The same hour on each of the days before and the mean gate hour of each of those days, the busiest of them:
    // the first hour after the night closure takes the night's wants, a vessel's export window fills whole days,
    // and the cargo ramps up during a run's warm-up.
    let busiest = -1;
    for (let d = SLOT_CAPACITY.leadDays; d < SLOT_CAPACITY.leadDays + SLOT_CAPACITY.historyDays; d++) {
      const sameHour = slotMs - d * DAY;
      if (sameHour - DAY < steadyFromMs) break;
      let hours = 0;
      let sum = 0;
      for (let h = sameHour - DAY + HOUR; h <= sameHour; h += HOUR) {
        if (!isGateHour(h)) continue;
        hours++;
        sum += wanted.get(`${terminal}|${type}|${h}`) ?? 0;
      }
      busiest = Math.max(busiest, wanted.get(`${terminal}|${type}|${sameHour}`) ?? 0, sum / Math.max(1, hours));
    }
    cap = busiest < 0 ? UNPLANNED : Math.max(SLOT_CAPACITY.min, Math.ceil(SLOT_CAPACITY.headroom * busiest));
    planned.set(key, cap);
    return cap;
  }

  /** Whether a booking at `atMs` finds room in the slot (its held bookings not yet moved away). */
  function room(terminal: string, type: SlotType, slotMs: number, atMs: number): boolean {
    if (slotMs > atMs + MAX_AHEAD) {
      overCapacity++;
      return true;
    }
    const ends = held.get(`${terminal}|${type}|${slotMs}`) ?? [];
    let n = 0;
    for (const until of ends) if (until > atMs) n++;
    return n < capacity(terminal, type, slotMs);
  }

  function hold(terminal: string, type: SlotType, slotMs: number, untilMs: number): void {
    const key = `${terminal}|${type}|${slotMs}`;
    let ends = held.get(key);
    if (!ends) held.set(key, (ends = []));
    ends.push(untilMs);
  }

  /** A drop-off (for a pick-up) or pick-up (for a drop-off) of the same trucker at the terminal to pair with. */
  function partnerOf(p: Pending): Pending | null {
    const r = p.req;
    if (!new Prng(`openpcs-sim:${seed}/dual/${r.id}`).chance(DUAL.share)) return null;
    const move = r.move === 'PICKUP' ? 'DROPOFF' : 'PICKUP';
    let best: Pending | null = null;
    for (let h = -DUAL.windowHours; h <= DUAL.windowHours; h++) {
      const slotMs = r.wantedSlotMs + h * HOUR;
      for (const c of open.get(openKey(r, move, slotMs)) ?? []) {
        if (c.done || c === p || c.req.earliestMs > r.bookedMs) continue; // its box is ready to book
        const d = Math.abs(c.req.wantedSlotMs - r.wantedSlotMs);
        const bd = best ? Math.abs(best.req.wantedSlotMs - r.wantedSlotMs) : Infinity;
        if (d < bd || (d === bd && best !== null && c.req.id < best.req.id)) best = c;
      }
    }
    return best;
  }

  function decide(p: Pending): void {
    const r = p.req;
    const atMs = r.bookedMs;
    const partner = partnerOf(p);
    const type: SlotType = partner ? 'DUAL' : r.type;
    const terminal = r.terminal;
    const offset = r.draw.arriveOffsetMs;
    const wantedKey = `${terminal}|${type}|${r.wantedSlotMs}`;
    wanted.set(wantedKey, (wanted.get(wantedKey) ?? 0) + 1);
    let slotMs = r.wantedSlotMs;
    let bookedSlotMs: number | null = null;
    let movedAtMs: number | null = null;
    let movedBy = '';
    let moved = false;
    let closureHops = 0;
    for (let hops = 0; hops < 2_000; hops++) {
      const notice = closures.closureAt(terminal, slotMs) ?? closures.closureAt(terminal, slotMs + offset);
      // The trucker learns of a closure when it is stated (or, booking later, when booking); one already at the
      // gate when an outage is announced is served as a walk-in in its slot.
      if (notice && Math.max(notice.statedMs, movedAtMs ?? atMs) < slotMs + offset) {
        const learnedMs = Math.max(notice.statedMs, movedAtMs ?? atMs);
        if (notice.statedMs > atMs) {
          if (movedAtMs === null) {
            // Booked before the notice: the slot it booked needed room then.
            if (!room(terminal, type, slotMs, atMs)) {
              slotMs = openSlot(slotMs + HOUR);
              moved = true;
              continue;
            }
            bookedSlotMs = slotMs;
          }
          const nextMs = openSlot(notice.validToMs);
          const delay = r.rng.derive('reschedule', r.id, closureHops).uniform(...RESCHEDULE_MINUTES) * MINUTE;
          movedAtMs = Math.min(Math.round(learnedMs + delay), nextMs - MINUTE);
          movedBy = notice.id;
        }
        slotMs = openSlot(notice.validToMs);
        closureHops++;
        continue;
      }
      if (room(terminal, type, slotMs, atMs)) break;
      slotMs = openSlot(slotMs + HOUR);
      moved = true;
    }
    // Booked and moved within one clock hour: one hourly appointments message states only the moved booking.
    const rescheduled =
      movedAtMs !== null && bookedSlotMs !== null && Math.floor(movedAtMs / HOUR) !== Math.floor(atMs / HOUR)
        ? { firstSlotMs: bookedSlotMs, atMs: movedAtMs, noticeId: movedBy }
        : null;
    hold(terminal, type, slotMs, Infinity);
    if (rescheduled) hold(terminal, type, rescheduled.firstSlotMs, rescheduled.atMs);
    const pickup = r.move === 'PICKUP' ? r : partner?.req;
    const drop = r.move === 'DROPOFF' ? r : partner?.req;
    const insideMs = partner ? pickup!.draw.insideMs + Math.round(drop!.draw.insideMs / 2) : r.draw.insideMs;
    const arriveMs = slotMs + offset;
    const gateInMs = arriveMs + r.draw.queueMs;
    const visit: TruckVisit = {
      id: `V-${r.id}`,
      appointmentId: `APT-${r.id}`,
      trucker: r.draw.trucker,
      plate: r.draw.plate,
      move: partner ? 'DUAL' : r.move,
      bookedMs: atMs,
      slotStartMs: slotMs,
      wantedSlotMs: r.wantedSlotMs,
      movedForCapacity: moved,
      arriveMs,
      gateInMs,
      gateOutMs: gateInMs + insideMs,
      inLane: r.draw.inLane,
      outLane: r.draw.outLane,
      rescheduled,
    };
    visits++;
    if (partner) dual++;
    if (moved) movedForCapacity++;
    settle(p, visit);
    if (partner) settle(partner, visit);
  }

  function prune(): void {
    if (!Number.isFinite(nowMs)) return;
    for (const key of held.keys()) {
      if (Number(key.slice(key.lastIndexOf('|') + 1)) < nowMs - DAY) held.delete(key);
    }
    for (const map of [wanted, planned]) {
      for (const key of map.keys()) {
        if (Number(key.slice(key.lastIndexOf('|') + 1)) < nowMs - 60 * DAY) map.delete(key);
      }
    }
  }

  /** One step: generate the next call if its horizon comes first, else decide the next booking; false: none left. */
  function step(): boolean {
    const nextHorizon = generated < states.length ? states[generated]!.horizon : Infinity;
    const top = heap.peek();
    if (nextHorizon === Infinity && !top) return false;
    if (!top || nextHorizon <= top.req.bookedMs) {
      const s = states[generated++]!;
      s.draft = draftCallCargo(seed, s.call, s.numbering);
      for (const req of s.draft.requests) enqueue(req, s);
      if (listener) {
        listener.generated(s.draft.cargo);
        if (s.outstanding === 0) complete(s);
      }
      return true;
    }
    heap.pop();
    if (Math.floor(top.req.bookedMs / DAY) > Math.floor(nowMs / DAY)) {
      nowMs = top.req.bookedMs;
      prune();
    }
    nowMs = top.req.bookedMs;
    decide(top);
    return true;
  }

  /** When the next step happens (a call's horizon or a booking); Infinity: none left. */
  function nextStepMs(): number {
    const nextHorizon = generated < states.length ? states[generated]!.horizon : Infinity;
    return Math.min(nextHorizon, heap.peek()?.req.bookedMs ?? Infinity);
  }

  /**
   * At most `maxSteps` steps towards deciding every booking made before `ms` (and generating the calls whose horizon
   * comes before it); true when that is done.
   */
  function advanceTo(ms: number, maxSteps = Infinity): boolean {
    for (let n = 0; n < maxSteps && nextStepMs() < ms; n++) step();
    return nextStepMs() >= ms;
  }

  return {
    nextCall(beforeMs = Infinity) {
      const s = states[handedOut];
      if (!s || s.horizon >= beforeMs) return null;
      while (s.draft === null || s.outstanding > 0) if (!step()) break;
      handedOut++;
      const cargo = s.draft!.cargo;
      s.draft = null;
      return cargo;
    },
    decideBefore: advanceTo,
    capacity,
    counts: () => ({ visits, dual, movedForCapacity, overCapacity }),
  };
}

/** Every call's cargo of a run, in cargo-horizon order (a month's cargo held at once: for studies and tests). */
export function allCallCargo(seed: number, calls: readonly ContainerCall[]): CallCargo[] {
  const ledger = cargoLedger(seed, calls);
  const out: CallCargo[] = [];
  for (let c = ledger.nextCall(); c; c = ledger.nextCall()) out.push(c);
  return out;
}
