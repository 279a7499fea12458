/**
 * The terminal feeds truckers read (docs/simulator.md "Terminal feeds"), emitted beside the cargo messages and
 * driven by the same truck appointments and gate moves, so the figures agree with the appointment and gate CSVs:
 *
 * - **Appointment slots** (`csv-appointment-slots`, each terminal, hourly at :04): the 1-hour slots of the gate
 *   hours (07:00–03:00 local) starting in the next 12 hours, per transaction type (import pick-up, export drop-off,
 *   empty return, dual), with `booked` = the appointments of the cargo flows for that terminal, type and slot booked
 *   by the statement's time and `capacity` the slot ledger's plan (slot-ledger.ts). The ledger admits a booking
 *   only into a slot with room, so booked ≤ capacity holds by admission, and busy slots fill to zero free.
 * - **Empty-return receivables** (`csv-empty-returns`, each terminal, hourly at :20): per carrier and ISO size/type
 *   the terminal received empties of in the previous 7 days, whether it accepts them and the room left in the
 *   shift (day 07–17, night 17–03 local): the shift's room is set at its start (the same shift's returns a day
 *   earlier × 0.7–1.4, at least 3) and falls with every empty gated in; at zero the row says `accepting N`. A carrier
 *   closes receiving at a terminal for a shift now and then (seeded), and an `EMPTIES_NOT_ACCEPTED` notice closes it.
 * - **The carriers' own receivables** (`csv-empty-returns` from each carrier, for its own SCAC, at :25 at each shift
 *   start and in the hour a closure of its own begins): accepting or not per terminal and ISO size/type, no room
 *   figure; a carrier also closes one size/type mid-shift on its own (seeded), where its word and the terminal's
 *   disagree.
 * - **Notices** (`csv-terminal-notices`): a few a week (seeded): gate closures and system outages from terminals,
 *   empties not accepted for a carrier, and fog advisories from the port authority; each stated before (or, for
 *   outages, just after) it begins.
 *
 * The trucks of the cargo flows obey the gate closures and outages of the notices (gate-closures.ts) and the slot
 * capacities (slot-ledger.ts), and nothing else here (an empty may still come back to a full location): the other feeds report, they do not steer. Pure and deterministic: the same windows in any partition give the same messages.
 */
import { APPOINTMENT_SLOTS_FORMAT } from '../../ingest/csv/cargo/appointment-slot-parser.js';
import { EMPTY_RETURNS_FORMAT } from '../../ingest/csv/cargo/empty-return-parser.js';
import { APPOINTMENT_SLOTS_COLUMNS, EMPTY_RETURNS_COLUMNS } from '../../ingest/csv/csv-layout-columns.js';
import { Prng } from '../prng.js';
import type { SimMessage, SimParty } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import type { CargoEvent } from './cargo-events.js';
import { isGateHour, SLOT_TYPES, type SlotType } from './cargo-model.js';
import { csv } from './csv-writer.js';
import { carrierParty, terminalParty } from './cargo-parties.js';
import { pacificHour, pacificIso } from './pacific-time.js';
import { MINUTE, HOUR, DAY, WEEK } from '../../domain/time-units.js';

export const TERMINAL_FEED_FORMATS = ['csv-appointment-slots', 'csv-empty-returns', 'csv-terminal-notices'] as const;
/** Minutes after each hour that the hourly feeds are sent. */
export const SLOT_FEED_MINUTE = 4;
export const RECEIVABLE_FEED_MINUTE = 20;
/** Minutes after the hour that a carrier states its own receivables (at a shift's start and when it closes one). */
export const CARRIER_RECEIVABLE_MINUTE = 25;
/** Slots starting within this many hours of a statement are in it. */
export const SLOT_HORIZON_HOURS = 12;

export const PORT_AUTHORITY: SimParty = Object.freeze({
  code: 'PORT-AUTHORITY',
  name: 'San Pedro Bay Port Authority (simulated)',
  role: 'port_authority',
});

/** One booking of a slot by the cargo flows. */
export interface SlotBooking {
  readonly terminal: string;
  readonly type: SlotType;
  readonly slotStartMs: number;
  readonly bookedMs: number;
  /** When the booking left the slot (rescheduled past a gate closure); null: it holds. */
  readonly untilMs: number | null;
}

/** Instants (sorted on read) of the empties a terminal received, per carrier|iso type. */
class EmptyReturns {
  readonly #byKey = new Map<string, number[]>();
  #sorted = true;

  add(key: string, atMs: number): void {
    let list = this.#byKey.get(key);
    if (!list) this.#byKey.set(key, (list = []));
    list.push(atMs);
    this.#sorted = false;
  }

  #lists(): Map<string, number[]> {
    if (!this.#sorted) {
      for (const list of this.#byKey.values()) list.sort((a, b) => a - b);
      this.#sorted = true;
    }
    return this.#byKey;
  }

  /** Returns of `key` with fromMs <= at <= toMs. */
  count(key: string, fromMs: number, toMs: number): number {
    const list = this.#lists().get(key) ?? [];
    return firstAbove(list, toMs) - firstAtOrAfter(list, fromMs);
  }

  /** Keys with a return in [fromMs, toMs]. */
  keysWithin(fromMs: number, toMs: number): string[] {
    return [...this.#lists().keys()].filter((key) => this.count(key, fromMs, toMs) > 0).sort();
  }

  prune(beforeMs: number): void {
    for (const [key, list] of this.#lists()) {
      const kept = list.slice(firstAtOrAfter(list, beforeMs));
      if (kept.length > 0) this.#byKey.set(key, kept);
      else this.#byKey.delete(key);
    }
  }
}

function firstAtOrAfter(sorted: readonly number[], ms: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const firstAbove = (sorted: readonly number[], ms: number): number => firstAtOrAfter(sorted, ms + 1);

export interface SimNotice {
  readonly id: string;
  readonly party: SimParty;
  readonly type: 'GATE_CLOSED' | 'SYSTEM_DOWN' | 'EMPTIES_NOT_ACCEPTED' | 'WEATHER';
  readonly terminal: string | null;
  readonly port: string | null;
  readonly carrier: string | null;
  readonly validFromMs: number;
  readonly validToMs: number;
  readonly statedMs: number;
  readonly text: string;
}

export interface TerminalFeeds {
  /**
   * Takes happenings of the cargo flows as they become known (the cargo source gives each truck visit's when the
   * slot ledger decides it, before any of them is handed out; the other happenings count for nothing here). A
   * statement at `t` counts only the bookings made and the empties gated in by `t`, so the happenings before a
   * window's end are all it needs (no look-ahead: the capacity it states is the ledger's own).
   */
  addEvents(events: readonly CargoEvent[]): void;
  /** The feed messages sent in [fromMs, toMs). */
  messagesIn(fromMs: number, toMs: number): SimMessage[];
}

/** The transaction type of an appointment of the cargo flows. */
export function slotTypeOf(e: Extract<CargoEvent, { kind: 'APPOINTMENT' }>): SlotType {
  if (e.visit.move === 'DUAL') return 'DUAL';
  if (e.visit.move === 'PICKUP') return 'IMPORT_PICKUP';
  return e.box.kind === 'import' ? 'EMPTY_RETURN' : 'EXPORT_DROPOFF';
}

/** The appointment bookings of a call's cargo (what `booked` counts). */
export function bookingsOf(events: readonly CargoEvent[]): SlotBooking[] {
  const out: SlotBooking[] = [];
  for (const e of events) {
    if (e.kind !== 'APPOINTMENT') continue;
    if (e.visit.move === 'DUAL' && e.move === 'DROPOFF') continue; // one DUAL booking: counted with its pick-up
    out.push({
      terminal: e.cargo.call.terminal,
      type: slotTypeOf(e),
      slotStartMs: e.slotStartMs,
      bookedMs: e.atMs,
      untilMs: e.untilMs,
    });
  }
  return out;
}

/** Start of the shift `ms` lies in: day 07–17, night 17–03 local; null between 03 and 07 (gates closed). */
function shiftStart(ms: number): number | null {
  const h = pacificHour(ms);
  const back = (hours: number) => Math.floor(ms / HOUR) * HOUR - hours * HOUR;
  if (h >= 7 && h < 17) return back(h - 7);
  if (h >= 17) return back(h - 17);
  if (h < 3) return back(h + 7);
  return null;
}

/** The notices of one week (seeded): 2–4 of them over the run's terminals. */
export function weekNotices(
  seed: number,
  weekStartMs: number,
  terminals: readonly string[],
  carriers: readonly string[],
): SimNotice[] {
  if (terminals.length === 0) return [];
  const rng = new Prng(`openpcs-sim:${seed}/notices/${weekStartMs}`);
  const n = rng.int(2, 4);
  const out: SimNotice[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted({ GATE_CLOSED: 1, SYSTEM_DOWN: 2, EMPTIES_NOT_ACCEPTED: 3, WEATHER: 1 });
    const terminal = rng.pick(terminals);
    const from = Math.floor((weekStartMs + rng.uniform(0, WEEK - DAY)) / (15 * MINUTE)) * 15 * MINUTE;
    const id = `N${Math.floor(weekStartMs / WEEK)}-${i}`;
    switch (kind) {
      case 'GATE_CLOSED': {
        const hours = rng.int(2, 6);
        out.push({
          id: `${terminal}-${id}`,
          party: terminalParty(terminal),
          type: 'GATE_CLOSED',
          terminal,
          port: null,
          carrier: null,
          validFromMs: from,
          validToMs: from + hours * HOUR,
          statedMs: from - rng.int(6, 24) * HOUR,
          text: `Gate closed ${hours} h: yard reorganisation`,
        });
        break;
      }
      case 'SYSTEM_DOWN': {
        const minutes = rng.int(4, 16) * 15;
        out.push({
          id: `${terminal}-${id}`,
          party: terminalParty(terminal),
          type: 'SYSTEM_DOWN',
          terminal,
          port: null,
          carrier: null,
          validFromMs: from,
          validToMs: from + minutes * MINUTE,
          statedMs: from + rng.int(5, 20) * MINUTE,
          text: 'Appointment system down: walk-ins by gate clerk only',
        });
        break;
      }
      case 'EMPTIES_NOT_ACCEPTED': {
        const carrier = carriers.length > 0 ? rng.pick(carriers) : null;
        out.push({
          id: `${terminal}-${id}`,
          party: terminalParty(terminal),
          type: 'EMPTIES_NOT_ACCEPTED',
          terminal,
          port: null,
          carrier,
          validFromMs: from,
          validToMs: from + rng.int(8, 24) * HOUR,
          statedMs: from - rng.int(1, 12) * HOUR,
          text: `No ${carrier ?? 'empty'} returns: empty stack full`,
        });
        break;
      }
      case 'WEATHER': {
        const hours = rng.int(3, 8);
        out.push({
          id: `PA-${id}`,
          party: PORT_AUTHORITY,
          type: 'WEATHER',
          terminal: null,
          port: null,
          carrier: null,
          validFromMs: from,
          validToMs: from + hours * HOUR,
          statedMs: from - rng.int(2, 12) * HOUR,
          text: 'Dense fog advisory: expect slower gate and crane moves',
        });
        break;
      }
    }
  }
  return out;
}

/** The planned capacity of a terminal's slot (the slot ledger's `capacity`). */
export type SlotCapacity = (terminal: string, type: SlotType, slotMs: number) => number;

export function terminalFeeds(run: SimRun, capacityOf: SlotCapacity): TerminalFeeds {
  const seed = run.scenario.seed;
  const terminals = [...new Set(run.calls.map((c) => c.terminal))].sort();
  const carriers = [...new Set(run.calls.map((c) => c.carrierScac))].sort();
  const ports = new Map(run.calls.map((c) => [c.terminal, c.port]));
  /** terminal|type → slot start → bookings (from, until: the reschedule, or Infinity). */
  const bookings = new Map<string, Map<number, { readonly from: number; readonly until: number }[]>>();
  /** terminal → empties gated in. */
  const empties = new Map<string, EmptyReturns>();
  /** terminal|carrier|iso|shift start → the shift's room. */
  const shiftRoom = new Map<string, number>();
  const noticeWeeks = new Map<number, SimNotice[]>();

  function notices(weekStartMs: number): SimNotice[] {
    let n = noticeWeeks.get(weekStartMs);
    if (!n) {
      n = weekNotices(seed, weekStartMs, terminals, carriers);
      noticeWeeks.set(weekStartMs, n);
    }
    return n;
  }

  const bookedBy = (terminal: string, type: SlotType, slotMs: number, atMs: number): number =>
    (bookings.get(`${terminal}|${type}`)?.get(slotMs) ?? []).filter((b) => b.from <= atMs && atMs < b.until).length;

  function slotsMessage(terminal: string, atMs: number): SimMessage {
    const rows: (string | number)[][] = [];
    for (let s = Math.ceil(atMs / HOUR) * HOUR; s < atMs + SLOT_HORIZON_HOURS * HOUR; s += HOUR) {
      if (!isGateHour(s)) continue;
      for (const type of SLOT_TYPES) {
        const booked = bookedBy(terminal, type, s, atMs);
        const capacity = capacityOf(terminal, type, s);
        rows.push([
          terminal,
          ports.get(terminal) ?? '',
          type,
          pacificIso(s),
          pacificIso(s + HOUR),
          capacity,
          booked,
          capacity - booked,
          pacificIso(atMs),
        ]);
      }
    }
    return {
      atMs,
      party: terminalParty(terminal),
      format: APPOINTMENT_SLOTS_FORMAT,
      body: csv(APPOINTMENT_SLOTS_COLUMNS, rows),
    };
  }

  function shiftRoomOf(terminal: string, kind: string, shiftMs: number, returns: EmptyReturns): number {
    const key = `${terminal}|${kind}|${shiftMs}`;
    let room = shiftRoom.get(key);
    if (room === undefined) {
      const dayBefore = returns.count(kind, shiftMs - DAY, shiftMs - DAY + 10 * HOUR - 1);
      const rng = new Prng(`openpcs-sim:${seed}/room/${key}`);
      room = Math.max(3, Math.round(dayBefore * rng.uniform(0.7, 1.4)));
      shiftRoom.set(key, room);
    }
    return room;
  }

  /** Whether the carrier closed receiving at the terminal for the shift, and from when (seeded: 1 in 25 shifts). */
  function carrierClosure(terminal: string, carrier: string, shiftMs: number): number | null {
    const rng = new Prng(`openpcs-sim:${seed}/closure/${terminal}/${carrier}/${shiftMs}`);
    return rng.chance(0.04) ? shiftMs + rng.int(1, 8) * HOUR : null;
  }

  /**
   * Whether the carrier closed one ISO size/type at the terminal mid-shift on its own (it wants those empties at a
   * depot, or back on a vessel): the carrier says so, the terminal does not know (seeded: 1 in 12 shifts).
   */
  function sizeTypeClosure(terminal: string, carrier: string, iso: string, shiftMs: number): number | null {
    const rng = new Prng(`openpcs-sim:${seed}/iso-closure/${terminal}/${carrier}/${iso}/${shiftMs}`);
    return rng.chance(1 / 12) ? shiftMs + rng.int(1, 8) * HOUR : null;
  }

  /** The carrier's closures in force at `atMs` (its whole-terminal closure, its size/type closures). */
  const carrierCloses = (terminal: string, carrier: string, iso: string, shiftMs: number, atMs: number): boolean => {
    const whole = carrierClosure(terminal, carrier, shiftMs);
    const one = sizeTypeClosure(terminal, carrier, iso, shiftMs);
    return (whole !== null && whole <= atMs) || (one !== null && one <= atMs);
  };

  /**
   * A carrier's own word on where its empties may go back (`csv-empty-returns` from the carrier, stated by CARRIER
   * once its organisation is linked to its SCAC): each terminal and ISO size/type it had empties returned to in the
   * previous 7 days, accepting or closed, no room figure (the room is the terminal's word). Sent at the start of
   * each shift and in the hour a closure of its own begins; null when it has nothing to say at `atMs`.
   */
  function carrierReceivablesMessage(carrier: string, atMs: number): SimMessage | null {
    const shiftMs = shiftStart(atMs);
    if (shiftMs === null) return null;
    const hourMs = Math.floor(atMs / HOUR) * HOUR;
    const rows: (string | number)[][] = [];
    let changes = hourMs === shiftMs;
    for (const terminal of terminals) {
      const returns = empties.get(terminal);
      if (!returns) continue;
      for (const key of returns.keysWithin(atMs - WEEK, atMs)) {
        const [scac, iso] = key.split('|') as [string, string];
        if (scac !== carrier) continue;
        if (carrierClosure(terminal, carrier, shiftMs) === hourMs) changes = true;
        if (sizeTypeClosure(terminal, carrier, iso, shiftMs) === hourMs) changes = true;
        const closed = carrierCloses(terminal, carrier, iso, shiftMs, atMs);
        rows.push([
          terminal,
          'TERMINAL',
          ports.get(terminal) ?? '',
          carrier,
          iso,
          closed ? 'N' : 'Y',
          '',
          pacificIso(atMs),
        ]);
      }
    }
    if (!changes || rows.length === 0) return null;
    return {
      atMs,
      party: carrierParty(carrier),
      format: EMPTY_RETURNS_FORMAT,
      body: csv(EMPTY_RETURNS_COLUMNS, rows),
    };
  }

  function receivablesMessage(terminal: string, atMs: number): SimMessage | null {
    const shiftMs = shiftStart(atMs);
    if (shiftMs === null) return null;
    const returns = empties.get(terminal);
    const keys = returns?.keysWithin(atMs - WEEK, atMs) ?? [];
    if (!returns || keys.length === 0) return null;
    const week = Math.floor(atMs / WEEK) * WEEK;
    const closing = [...notices(week - WEEK), ...notices(week)].filter(
      (n) =>
        n.type === 'EMPTIES_NOT_ACCEPTED' &&
        n.terminal === terminal &&
        n.statedMs <= atMs &&
        n.validFromMs <= atMs &&
        atMs < n.validToMs,
    );
    const rows = keys.map((key) => {
      const [carrier, iso] = key.split('|') as [string, string];
      const room = shiftRoomOf(terminal, key, shiftMs, returns);
      const used = returns.count(key, shiftMs, atMs);
      const left = Math.max(0, room - used);
      const closedAt = carrierClosure(terminal, carrier, shiftMs);
      const closed =
        (closedAt !== null && closedAt <= atMs) || closing.some((n) => n.carrier === null || n.carrier === carrier);
      const accepting = left > 0 && !closed;
      return [
        terminal,
        'TERMINAL',
        ports.get(terminal) ?? '',
        carrier,
        iso,
        accepting ? 'Y' : 'N',
        accepting ? left : 0,
        pacificIso(atMs),
      ];
    });
    return {
      atMs,
      party: terminalParty(terminal),
      format: EMPTY_RETURNS_FORMAT,
      body: csv(EMPTY_RETURNS_COLUMNS, rows),
    };
  }

  function noticeMessage(n: SimNotice): SimMessage {
    return {
      atMs: n.statedMs,
      party: n.party,
      format: 'csv-terminal-notices',
      body: csv(
        [
          'notice_id',
          'notice_type',
          'terminal',
          'port',
          'carrier_scac',
          'valid_from',
          'valid_to',
          'status',
          'text',
          'stated_at',
        ],
        [
          [
            n.id,
            n.type,
            n.terminal ?? '',
            n.port ?? '',
            n.carrier ?? '',
            pacificIso(n.validFromMs),
            pacificIso(n.validToMs),
            'ACTIVE',
            n.text,
            pacificIso(n.statedMs),
          ],
        ],
      ),
    };
  }

  function prune(beforeMs: number): void {
    for (const slots of bookings.values()) {
      for (const start of [...slots.keys()]) if (start < beforeMs) slots.delete(start);
    }
    for (const returns of empties.values()) returns.prune(beforeMs);
    for (const key of [...shiftRoom.keys()]) {
      if (Number(key.slice(key.lastIndexOf('|') + 1)) < beforeMs) shiftRoom.delete(key);
    }
    for (const week of [...noticeWeeks.keys()]) if (week < beforeMs - 2 * WEEK) noticeWeeks.delete(week);
  }

  return {
    addEvents(events) {
      for (const b of bookingsOf(events)) {
        const key = `${b.terminal}|${b.type}`;
        let slots = bookings.get(key);
        if (!slots) bookings.set(key, (slots = new Map<number, { readonly from: number; readonly until: number }[]>()));
        let list = slots.get(b.slotStartMs);
        if (!list) slots.set(b.slotStartMs, (list = []));
        list.push({ from: b.bookedMs, until: b.untilMs ?? Infinity });
      }
      for (const e of events) {
        if (e.kind !== 'GATE' || e.direction !== 'IN' || !e.empty || !e.box) continue;
        const call = e.cargo.call;
        let returns = empties.get(call.terminal);
        if (!returns) empties.set(call.terminal, (returns = new EmptyReturns()));
        returns.add(`${call.carrierScac}|${e.box.type.sizeType}`, e.atMs);
      }
    },
    messagesIn(fromMs, toMs) {
      const out: SimMessage[] = [];
      for (let h = Math.floor(fromMs / HOUR) * HOUR; h < toMs; h += HOUR) {
        const slotAt = h + SLOT_FEED_MINUTE * MINUTE;
        const receivableAt = h + RECEIVABLE_FEED_MINUTE * MINUTE;
        for (const terminal of terminals) {
          if (slotAt >= fromMs && slotAt < toMs) out.push(slotsMessage(terminal, slotAt));
          if (receivableAt >= fromMs && receivableAt < toMs) {
            const m = receivablesMessage(terminal, receivableAt);
            if (m) out.push(m);
          }
        }
        const carrierAt = h + CARRIER_RECEIVABLE_MINUTE * MINUTE;
        if (carrierAt >= fromMs && carrierAt < toMs) {
          for (const carrier of carriers) {
            const m = carrierReceivablesMessage(carrier, carrierAt);
            if (m) out.push(m);
          }
        }
      }
      for (let week = Math.floor((fromMs - WEEK) / WEEK) * WEEK; week <= toMs + WEEK; week += WEEK) {
        for (const n of notices(week)) if (n.statedMs >= fromMs && n.statedMs < toMs) out.push(noticeMessage(n));
      }
      prune(fromMs - 8 * DAY);
      return out;
    },
  };
}
