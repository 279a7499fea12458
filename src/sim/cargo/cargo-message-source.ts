/**
 * `cargoMessageSource(run)`: the cargo messages of a simulation run, generated lazily window by window. A
 * call's boxes are taken from the slot ledger (slot-ledger.ts) when the first window reaches the call's
 * horizon (a week before its crane work); its happenings still to come are all that is kept (`cargo-events.ts`: a happening holds its call
 * and its own box, only the container master and the COARRI hold the call's box lists), and those behind
 * the windows are dropped as the windows pass, so a box is released once its last message is handed out
 * and a simulated month never sits in memory: only the boxes with messages still to come.
 *
 * Batching, as the parties' systems send: carriers one DCSA batch an hour; terminals one CODECO, one
 * availability CSV and one X12 322 an hour, one COARRI per call and direction when the cranes finish it;
 * truckers one appointments CSV and one gate-transactions CSV an hour; customs brokers and carriers one holds
 * CSV an hour; carriers a container master per call when the vessel berths. An hourly message holds what
 * happened in the clock hour and is sent a few minutes after it.
 */
import { Prng } from '../prng.js';
import type { SimMessage, SimMessageSource, SimParty } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import { callEvents, type CargoEvent } from './cargo-events.js';
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
 * server feeding itself answers between slices, also while the first window waits for the weeks of bookings the
 * warm-up calls need (~1 million steps for the first hour of `serve`).
 */
const PREPARE_STEPS = 500;

/** Happenings behind the windows a call may keep before they are dropped (besides the half of its list). */
const KEEP_BEHIND = 256;

interface Active {
  /** The call's happenings not yet behind the windows (the handed-out ones are dropped). */
  events: readonly CargoEvent[];
  readonly lastMs: number;
}

interface Batch {
  readonly format: HourlyFormat;
  readonly party: SimParty;
  /** The cargo owner of every box of the batch (availability and holds go out per owner, `owners=`). */
  readonly owner: SimParty | null;
  readonly bucketMs: number;
  readonly events: CargoEvent[];
}

export interface CargoMessageSource extends SimMessageSource {
  /** Counts, dwell and turn of what fell in [statsFromMs, statsToMs), over the calls generated so far. */
  stats(): CargoStats;
}

/** Index of the first event at or after `ms` (events sorted by time). */
function firstAtOrAfter(events: readonly CargoEvent[], ms: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.atMs < ms) lo = mid + 1;
    else hi = mid;
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

export function cargoMessageSource(run: SimRun): CargoMessageSource {
  const seed = run.scenario.seed;
  let active: Active[] = [];
  const stats = new CargoStatsAccumulator(run.scenario.startMs, run.scenario.endMs);
  // One slot ledger generates the calls' cargo (in horizon order) and places their truck visits; the truckers
  // obey the gate closures and outages the feeds announce and the slots' capacity.
  const ledger = cargoLedger(seed, run.calls);
  // The terminal feeds (slots, empty receivables, notices) count the same appointments and gate moves.
  const feeds = terminalFeeds(run, (terminal, type, slotMs) => ledger.capacity(terminal, type, slotMs));

  /** Oldest instant the window [fromMs, …) reads happenings from (hourly messages of the hour before). */
  const behind = (fromMs: number): number => Math.floor((fromMs - MAX_LAG) / HOUR) * HOUR - HOUR;

  /** Generates the next call whose horizon is before `toMs`; false when there is none. */
  function generateNext(lo: number, toMs: number): boolean {
    const cargo = ledger.nextCall(toMs);
    if (!cargo) return false;
    const events = callEvents(cargo);
    stats.add(cargo);
    feeds.addCall(cargo, events);
    const lastMs = events[events.length - 1]?.atMs ?? 0;
    if (lastMs >= lo) active.push({ events, lastMs }); // a warm-up call may be over already
    return true;
  }

  return {
    stats: () => stats.result(),
    prepare(fromMs: number, toMs: number): boolean {
      const state = ledger.advance(toMs, PREPARE_STEPS);
      if (state === 'working') return true;
      return state === 'ready' && generateNext(behind(fromMs), toMs);
    },
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      const lo = behind(fromMs);
      while (generateNext(lo, toMs));
      active = active.filter((a) => a.lastMs >= lo);

      const batches = new Map<string, Batch>();
      const out: SimMessage[] = [];
      for (const a of active) {
        let i = firstAtOrAfter(a.events, lo);
        if (i > KEEP_BEHIND || i > a.events.length / 2) {
          a.events = a.events.slice(i); // amortised: forget what is behind the windows, and the boxes with it
          i = 0;
        }
        for (; i < a.events.length; i++) {
          const e = a.events[i]!;
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
      }
      for (const b of batches.values()) {
        b.events.sort((x, y) => x.atMs - y.atMs);
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
