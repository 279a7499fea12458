/**
 * The simulated truckers obey the gate closures and outages the terminals announce (src/sim/cargo/gate-closures.ts,
 * slot-ledger.ts): no truck reaches a terminal while a closure it was told of is in force; an
 * appointment booked before the notice is re-booked (RESCHEDULED, through the appointments CSV) to the first open
 * slot after it, and its gate transactions follow; the same run without closures would have sent trucks into them.
 */
import { describe, expect, it } from 'vitest';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import { callEvents, type CargoEvent } from '../../src/sim/cargo/cargo-events.js';
import type { TruckVisit } from '../../src/sim/cargo/cargo-model.js';
import { truckAppointmentsCsv } from '../../src/sim/cargo/csv-writer.js';
import { gateClosures, type GateClosures } from '../../src/sim/cargo/gate-closures.js';
import { pacificHour } from '../../src/sim/cargo/pacific-time.js';
import { cargoLedger } from '../../src/sim/cargo/slot-ledger.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulateContainerPort } from '../../src/sim/port-model.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const parsed = parseScenario({ seed: 7, days: 14, start: '2018-05-07T08:00:00Z', warmupDays: 3 });
if (!parsed.ok) throw new Error(parsed.errors.join());
const run = simulateContainerPort(parsed.scenario, loadSimInputs());
const closures = gateClosures(7, run.calls);
const never: GateClosures = { closureAt: () => null };
/** The terminals with a closure in the run (only their calls are generated: the others' trucks meet none). */
const closing = new Set(
  [...new Set(run.calls.map((c) => c.terminal))].filter((t) => {
    for (let ms = parsed.scenario.startMs - 4 * DAY; ms < parsed.scenario.endMs + 14 * DAY; ms += 15 * 60_000) {
      if (closures.closureAt(t, ms)) return true;
    }
    return false;
  }),
);

/** The truck visits at the closing terminals (a DUAL visit once) with their appointment and gate happenings. */
function visitsOf(gates: GateClosures): { terminal: string; visit: TruckVisit; events: CargoEvent[] }[] {
  const ledger = cargoLedger(7, run.calls, gates);
  const byVisit = new Map<TruckVisit, { terminal: string; visit: TruckVisit; events: CargoEvent[] }>();
  for (let cargo = ledger.nextCall(); cargo; cargo = ledger.nextCall()) {
    if (!closing.has(cargo.call.terminal)) continue;
    for (const e of callEvents(cargo)) {
      if (e.kind !== 'APPOINTMENT' && e.kind !== 'GATE') continue;
      let x = byVisit.get(e.visit);
      if (!x) byVisit.set(e.visit, (x = { terminal: cargo.call.terminal, visit: e.visit, events: [] }));
      x.events.push(e);
    }
  }
  return [...byVisit.values()].map((x) => ({ ...x, events: x.events.sort((a, b) => a.atMs - b.atMs) }));
}

/** A truck that meets a closure it could know of (stated before it arrived). */
const meetsKnownClosure = (terminal: string, v: TruckVisit): boolean => {
  const n = closures.closureAt(terminal, v.arriveMs) ?? closures.closureAt(terminal, v.slotStartMs);
  return n !== null && n.statedMs < v.arriveMs;
};

describe('simulated truckers and gate closures (seed 7, two weeks of May 2018)', () => {
  const obeying = visitsOf(closures);
  const blind = visitsOf(never);

  it('should have sent trucks into announced closures had they not obeyed them', () => {
    expect(blind.filter((x) => meetsKnownClosure(x.terminal, x.visit)).length).toBeGreaterThan(5);
  });

  it('should send no truck into a closure it was told of, the slot moved to the first open hour after it', () => {
    expect(obeying.filter((x) => meetsKnownClosure(x.terminal, x.visit)).map((x) => x.visit.id)).toEqual([]);
    // Moved past a closure (not for want of room in a slot): later than the slot wanted, in open hours.
    const moved = obeying.filter((x) => x.visit.slotStartMs !== x.visit.wantedSlotMs && !x.visit.movedForCapacity);
    expect(moved.length).toBeGreaterThan(5);
    for (const x of moved) {
      expect(x.visit.slotStartMs).toBeGreaterThan(x.visit.wantedSlotMs);
      const h = pacificHour(x.visit.slotStartMs);
      expect(h >= 7 || h < 3, `${x.visit.id} re-booked into the gate's closed hours`).toBe(true);
      expect(x.visit.arriveMs).toBeGreaterThanOrEqual(x.visit.slotStartMs);
      expect(x.visit.gateInMs).toBeGreaterThan(x.visit.arriveMs);
    }
  });

  it('should state a re-booking as a RESCHEDULED appointment after the BOOKED one, both parsed whole', () => {
    const rescheduled = obeying.filter((x) => x.visit.rescheduled !== null);
    expect(rescheduled.length).toBeGreaterThan(0);
    const parser = defaultParsers().get('csv-truck-appointments')!;
    for (const x of rescheduled) {
      const appointments = x.events.filter((e): e is Extract<CargoEvent, { kind: 'APPOINTMENT' }> => {
        return e.kind === 'APPOINTMENT';
      });
      // One row per move: a DUAL visit's appointment has two (drop-off and pick-up) per statement.
      const rows = x.visit.move === 'DUAL' ? 2 : 1;
      expect(appointments.map((e) => e.status)).toEqual([
        ...Array<string>(rows).fill('BOOKED'),
        ...Array<string>(rows).fill('RESCHEDULED'),
      ]);
      const [booked, moved] = [appointments[0]!, appointments[rows]!];
      expect(booked.slotStartMs).toBe(x.visit.rescheduled!.firstSlotMs);
      expect(moved.slotStartMs).toBe(x.visit.slotStartMs);
      // Told of it before the first slot, and in another hourly message than the booking.
      expect(moved.atMs).toBeLessThan(x.visit.slotStartMs);
      expect(Math.floor(moved.atMs / HOUR)).toBeGreaterThan(Math.floor(booked.atMs / HOUR));
      const gates = x.events.filter((e) => e.kind === 'GATE').map((e) => e.atMs);
      expect(Math.min(...gates)).toBeGreaterThan(moved.atMs);
      for (const statement of [appointments.slice(0, rows), appointments.slice(rows)]) {
        const result = parser.parse(new TextEncoder().encode(truckAppointmentsCsv(statement)), {
          inboxId: 'closure',
          receivedAt: new Date(statement[0]!.atMs).toISOString(),
          sourceOrg: 'trucker',
          timeZone: 'UTC',
        });
        expect(result.rejected).toEqual([]);
        expect(result.events).toHaveLength(1);
        expect(result.events[0]!.payload).toMatchObject({ appointmentStatus: statement[0]!.status });
        expect((result.events[0]!.payload as { transactions: unknown[] }).transactions).toHaveLength(rows);
      }
    }
  });
});
