/**
 * `cargoMessageSource(run)`: the cargo messages of a simulation run, generated lazily window by window. The slot
 * ledger (slot-ledger.ts) hands the source each call's boxes when it generates the call (at its horizon, a week
 * before its crane work) and each truck visit's happenings when it decides the visit's booking, in booking order;
 * every happening of a visit is at or after its booking, so a window [from, to) only waits for the calls whose
 * horizon is before `to` and the bookings made before `to`, not for the last empty return of every call it reaches
 * (weeks later). The happenings still to come are kept in one heap ordered by (time, call, place in the call's
 * listing: `listCallEvents`), which is the order each call's time-sorted list had, call by call, so the messages
 * are the same as when a call came whole; those behind the windows are dropped as the windows pass, so a box is
 * released once its last message is handed out and a simulated month never sits in memory. A call counts in the
 * stats once its last visit is decided (`stats()` decides those of the calls the windows reached).
 *
 * Batching, as the parties' systems send: carriers one DCSA batch an hour; terminals one CODECO, one
 * availability CSV and one X12 322 an hour, one COARRI per call and direction when the cranes finish it;
 * truckers one appointments CSV and one gate-transactions CSV an hour; customs brokers and carriers one holds
 * CSV an hour; carriers a container master per call when the vessel berths. An hourly message holds what
 * happened in the clock hour and is sent a few minutes after it.
 */
import { MinHeap } from '../min-heap.js';
import { Prng } from '../prng.js';
import type { SimMessage, SimMessageSource, SimParty } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import { callRefOf, listCallEvents, visitEvents, type CallRef, type CargoEvent } from './cargo-events.js';
import { cargoHorizonStart, type CallCargo } from './cargo-model.js';
import { gateClosures } from './gate-closures.js';
import { carrierParty, terminalParty } from './cargo-parties.js';
import { CargoStatsAccumulator, type CargoStats } from './cargo-stats.js';
import {
  availabilityCsv,
  containerMasterCsv,
  gateTransactionsCsv,
  holdsCsv,
  truckAppointmentsCsv,
} from './csv-writer.js';
import { dcsaEventsBody } from './dcsa-writer.js';
import { codecoBody, coarriBody } from './edifact-writer.js';
import { x12322Body } from './x12-322-writer.js';
import { cargoLedger } from './slot-ledger.js';
import { TERMINAL_FEED_FORMATS, terminalFeeds } from './terminal-feeds.js';
import { MINUTE, HOUR } from '../../domain/time-units.js';

/** Minutes after the end of its hour that each hourly message is sent. */
export const HOURLY_LAG_MINUTES = Object.freeze({
  'csv-truck-appointments': 2,
  'csv-gate-transactions': 3,
  'dcsa-events': 5,
  'csv-holds': 7,
  'edifact-codeco': 10,
  'x12-322': 12,
  'csv-availability': 15,
});
type HourlyFormat = keyof typeof HOURLY_LAG_MINUTES;
const MAX_LAG = 15 * MINUTE;

/** Every format the cargo flows emit. */
export const CARGO_FORMATS: readonly string[] = [
  ...Object.keys(HOURLY_LAG_MINUTES),
  'edifact-coarri',
  'csv-container-master',
  ...TERMINAL_FEED_FORMATS,
].sort();

/**
 * Slot-ledger steps (a call generated or a booking decided, ~0.1 ms each) one `prepare` slice does at most: a
 * server feeding itself answers between slices, also while the first window waits for the warm-up's bookings
 * (~260 000 steps for the first window of `serve` with 14 days of warm-up).
 */
const PREPARE_STEPS = 500;

/**
 * How far past a window's end the slot ledger decides bookings before the window is handed out: none. A window
 * [from, to) needs every happening before `to`, and a truck visit's happenings (booking, reschedule, gate moves) are
 * all at or after its booking; the terminal feeds look ahead only at slots (12 h), and count in them the bookings
 * made by the statement's time, and the empties gated in by then (terminal-feeds.ts), never a later one.
 */
const FEED_LOOK_AHEAD_MS = 0;

/** Happenings behind the windows the source may keep before they are dropped (besides the half of its list). */
const KEEP_BEHIND = 4096;

interface Batch {
  readonly format: HourlyFormat;
  readonly party: SimParty;
  /** The cargo owner of every box of the batch (availability and holds go out per owner, `owners=`). */
  readonly owner: SimParty | null;
  readonly bucketMs: number;
  readonly events: CargoEvent[];
}

export interface CargoMessageSource extends SimMessageSource {
  /**
   * Counts, dwell and turn of what fell in [statsFromMs, statsToMs), over the calls whose horizon is before the
   * windows' end so far (their visits decided to the last: the ledger goes on as far as they need).
   */
  stats(): CargoStats;
}

/** Index of the first happening at or after `ms`, from `lo` on (sorted by time). */
function firstAtOrAfter(known: readonly Known[], ms: number, lo: number): number {
  let hi = known.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (known[mid]!.atMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first happening after `k` in (atMs, call, ordinal) order. */
function firstAfter(known: readonly Known[], k: Known): number {
  let lo = 0;
  let hi = known.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(k, known[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Where an event goes: the hourly batches it belongs to. */
function routes(e: CargoEvent): [HourlyFormat, SimParty][] {
  const c = e.cargo.call;
  switch (e.kind) {
    case 'ARRI':
    case 'DEPA':
    case 'DISC':
    case 'LOAD':
      return [['dcsa-events', carrierParty(c.carrierScac)]];
    case 'GATE':
      return e.box
        ? [
            ['csv-gate-transactions', e.visit.trucker],
            ['dcsa-events', carrierParty(c.carrierScac)],
            ['edifact-codeco', terminalParty(c.terminal)],
          ]
        : [['csv-gate-transactions', e.visit.trucker]];
    case 'HOLD':
    case 'RELEASE':
      return [['csv-holds', e.hold.sender]];
    case 'STATUS':
      return [['csv-availability', terminalParty(c.terminal)]];
    case 'APPOINTMENT':
      return [['csv-truck-appointments', e.visit.trucker]];
    case 'RAIL':
      return [['x12-322', terminalParty(c.terminal)]];
    case 'MASTER':
    case 'COARRI':
      return [];
  }
}

/** Availability and holds name one owner's boxes per message, so each message can say whose they are. */
function ownerOf(e: CargoEvent): SimParty | null {
  return e.kind === 'STATUS' || e.kind === 'HOLD' || e.kind === 'RELEASE' ? e.box.bco : null;
}

function only<K extends CargoEvent['kind']>(
  events: readonly CargoEvent[],
  ...kinds: K[]
): Extract<CargoEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<CargoEvent, { kind: K }> => (kinds as string[]).includes(e.kind));
}

function hourlyBody(seed: number, b: Batch, sendMs: number): string | null {
  const hourIndex = b.bucketMs / HOUR;
  switch (b.format) {
    case 'dcsa-events':
      return dcsaEventsBody(
        only(b.events, 'ARRI', 'DEPA', 'DISC', 'LOAD', 'GATE'),
        sendMs,
        new Prng(`openpcs-sim:${seed}/dcsa/${b.party.code}/${hourIndex}`),
      );
    case 'edifact-codeco':
      return codecoBody(b.party.code, only(b.events, 'GATE'), sendMs, `CD${hourIndex}`);
    case 'x12-322':
      return x12322Body(b.party.code, only(b.events, 'RAIL'), sendMs, hourIndex);
    case 'csv-availability':
      return availabilityCsv(only(b.events, 'STATUS'));
    case 'csv-holds':
      return holdsCsv(only(b.events, 'HOLD', 'RELEASE'));
    case 'csv-truck-appointments':
      return truckAppointmentsCsv(only(b.events, 'APPOINTMENT'));
    case 'csv-gate-transactions':
      return gateTransactionsCsv(only(b.events, 'GATE'));
  }
}

function immediate(e: CargoEvent): SimMessage | null {
  const c = e.cargo.call;
  if (e.kind === 'MASTER') {
    return {
      atMs: e.atMs,
      party: carrierParty(c.carrierScac),
      format: 'csv-container-master',
      body: containerMasterCsv(e.cargo, e.atMs),
    };
  }
  if (e.kind === 'COARRI') {
    const ref = `${e.direction === 'DISC' ? 'D' : 'L'}${c.berth}${Math.floor(e.atMs / MINUTE)}`;
    return {
      atMs: e.atMs,
      party: terminalParty(c.terminal),
      format: 'edifact-coarri',
      body: coarriBody(e.cargo, e.direction, e.atMs, ref),
    };
  }
  return null;
}

/** A happening known to the source, ordered by (atMs, call, ordinal): the order the calls' lists had in one pass. */
interface Known {
  readonly atMs: number;
  /** The call's place in generation (cargo-horizon) order. */
  readonly seq: number;
  /** Its place in its call's listing (`listCallEvents`): ties at one instant keep it. */
  readonly ord: number;
  readonly event: CargoEvent;
}

const before = (a: Known, b: Known): boolean =>
  a.atMs < b.atMs || (a.atMs === b.atMs && (a.seq < b.seq || (a.seq === b.seq && a.ord < b.ord)));

/** A call the ledger generated and the source has not yet counted in its stats. */
interface Generated {
  readonly cargo: CallCargo;
  readonly seq: number;
  readonly ref: CallRef;
  readonly horizonMs: number;
}

export function cargoMessageSource(run: SimRun): CargoMessageSource {
  const seed = run.scenario.seed;
  const stats = new CargoStatsAccumulator(run.scenario.startMs, run.scenario.endMs);
  /** The happenings after the windows' reach, and those read by the windows (sorted, from `recentStart` on). */
  const ahead = new MinHeap<Known>(before); // the happenings not yet reached by the windows
  let recent: Known[] = [];
  let recentStart = 0;
  /** The generated calls not yet in the stats, in generation order; by cargo, those whose visits are undecided. */
  const uncounted: Generated[] = [];
  const undecided = new Map<CallCargo, Generated>();
  let generatedCalls = 0;
  /** The furthest window end asked for: the stats count the calls whose horizon lies before it, as they complete. */
  let reachMs = -Infinity;
  /** What the windows read from (`behind` the latest window's start): older happenings are never read again. */
  let floorMs = -Infinity;
  const take = (k: Known): void => {
    if (k.atMs >= floorMs) ahead.push(k); // a warm-up call's happenings behind the first window are not kept
  };

  // One slot ledger generates the calls' cargo (in horizon order) and decides their truck visits in booking order;
  // the source takes each call's happenings when it is generated and each visit's when it is decided, so a window
  // only waits for the bookings made before its end, not for every visit of the calls it reaches. The truckers obey
  // the gate closures and outages the feeds announce and the slots' capacity.
  const ledger = cargoLedger(seed, run.calls, gateClosures(seed, run.calls), {
    generated(cargo) {
      const g: Generated = {
        cargo,
        seq: generatedCalls++,
        ref: callRefOf(cargo),
        horizonMs: cargoHorizonStart(cargo.call),
      };
      uncounted.push(g);
      undecided.set(cargo, g);
      listCallEvents(cargo, g.ref, (event, ord) => take({ atMs: event.atMs, seq: g.seq, ord, event }));
    },
    decided(cargo, req, visit) {
      const g = undecided.get(cargo)!;
      const events: CargoEvent[] = [];
      visitEvents(g.ref, req.box, req.boxSlot, req.type, visit, (event, ord) => {
        events.push(event);
        take({ atMs: event.atMs, seq: g.seq, ord, event });
      });
      feeds.addEvents(events);
    },
    completed(cargo) {
      undecided.delete(cargo);
    },
  });
  // The terminal feeds (slots, empty receivables, notices) count the same appointments and gate moves.
  const feeds = terminalFeeds(run, (terminal, type, slotMs) => ledger.capacity(terminal, type, slotMs));

  /** Oldest instant the window [fromMs, …) reads happenings from (hourly messages of the hour before). */
  const behind = (fromMs: number): number => Math.floor((fromMs - MAX_LAG) / HOUR) * HOUR - HOUR;

  /** Counts the complete calls whose horizon lies before the windows' reach, in generation order (the stats' order). */
  function count(): void {
    for (let g = uncounted[0]; g && !undecided.has(g.cargo) && g.horizonMs < reachMs; g = uncounted[0]) {
      stats.add(g.cargo);
      uncounted.shift(); // a few hundred calls at most: released with its boxes' last happening
    }
  }

  return {
    stats() {
      // A call counts with all its visits: decide those of the calls the windows reached (past the windows' end).
      for (;;) {
        count();
        const g = uncounted[0];
        if (!g || g.horizonMs >= reachMs) break;
        if (ledger.decideBefore(Infinity, PREPARE_STEPS) && undecided.has(g.cargo)) break; // cannot be: g waits for a booking
      }
      return stats.result();
    },
    prepare(fromMs: number, toMs: number): boolean {
      reachMs = Math.max(reachMs, toMs);
      floorMs = Math.max(floorMs, behind(fromMs));
      return !ledger.decideBefore(toMs + FEED_LOOK_AHEAD_MS, PREPARE_STEPS);
    },
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      reachMs = Math.max(reachMs, toMs);
      const lo = behind(fromMs);
      floorMs = Math.max(floorMs, lo);
      ledger.decideBefore(toMs + FEED_LOOK_AHEAD_MS, Infinity);
      count();
      // Every happening before `toMs` is known now (a visit's are at or after its booking): take them in order.
      for (let k = ahead.peek(); k && k.atMs < toMs; k = ahead.peek()) {
        ahead.pop();
        if (k.atMs < lo) continue; // a warm-up call's, over already
        const last = recent[recent.length - 1];
        if (!last || before(last, k)) recent.push(k);
        else recent.splice(firstAfter(recent, k), 0, k); // a window reaching back (windows go forward as a rule)
      }
      let i = firstAtOrAfter(recent, lo, recentStart);
      if (i > KEEP_BEHIND && i > recent.length / 2) {
        recent = recent.slice(i); // amortised: forget what is behind the windows, and the boxes with it
        i = 0;
      }
      recentStart = i;

      const batches = new Map<string, Batch>();
      const out: SimMessage[] = [];
      for (; i < recent.length; i++) {
        const e = recent[i]!.event;
        if (e.atMs >= toMs) break;
        if (e.kind === 'MASTER' || e.kind === 'COARRI') {
          if (e.atMs >= fromMs) {
            const m = immediate(e);
            if (m) out.push(m);
          }
          continue;
        }
        const bucketMs = Math.floor(e.atMs / HOUR) * HOUR;
        for (const [format, party] of routes(e)) {
          const sendMs = bucketMs + HOUR + HOURLY_LAG_MINUTES[format] * MINUTE;
          if (sendMs < fromMs || sendMs >= toMs) continue;
          const owner = ownerOf(e);
          const key = `${bucketMs}|${format}|${party.code}|${owner?.code ?? ''}`;
          let b = batches.get(key);
          if (!b) {
            b = { format, party, owner, bucketMs, events: [] };
            batches.set(key, b);
          }
          b.events.push(e);
        }
      }
      for (const b of batches.values()) {
        // b.events are in (atMs, call, ordinal) order: what sorting each call's list by time gave, call by call.
        const sendMs = b.bucketMs + HOUR + HOURLY_LAG_MINUTES[b.format] * MINUTE;
        const body = hourlyBody(seed, b, sendMs);
        if (body) {
          out.push({ atMs: sendMs, party: b.party, format: b.format, body, ...(b.owner ? { owners: [b.owner] } : {}) });
        }
      }
      out.push(...feeds.messagesIn(fromMs, toMs));
      return out.sort(
        (x, y) =>
          x.atMs - y.atMs ||
          (x.format < y.format ? -1 : x.format > y.format ? 1 : 0) ||
          (x.party.code < y.party.code ? -1 : x.party.code > y.party.code ? 1 : 0) ||
          (x.body < y.body ? -1 : x.body > y.body ? 1 : 0),
      );
    },
  };
}
