/**
 * The slot ledger hands a listener each call when it is generated and each truck visit when it is decided
 * (src/sim/cargo/slot-ledger.ts `LedgerListener`), so the cargo message source waits only for the bookings before
 * its window: the happenings listed then (`listCallEvents`, undecided visits skipped) and each visit's later
 * (`visitEvents`), sorted by (time, ordinal), are a call's `callEvents` exactly, ties included; and every visit
 * happening is at or after the visit's booking, which the ledger decides in booking order.
 */
import { describe, expect, it } from 'vitest';
import {
  callEvents,
  callRefOf,
  listCallEvents,
  visitEvents,
  type CargoEvent,
} from '../../src/sim/cargo/cargo-events.js';
import type { CallCargo } from '../../src/sim/cargo/cargo-model.js';
import { gateClosures } from '../../src/sim/cargo/gate-closures.js';
import { cargoLedger } from '../../src/sim/cargo/slot-ledger.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulateContainerPort } from '../../src/sim/port-model.js';

const parsed = parseScenario({ seed: 11, days: 2, start: '2018-11-02T00:00:00Z', warmupDays: 2 });
if (!parsed.ok) throw new Error(parsed.errors.join());
const run = simulateContainerPort(parsed.scenario, loadSimInputs());

function sameHappening(a: CargoEvent, b: CargoEvent): boolean {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(ra);
  return (
    keys.length === Object.keys(rb).length &&
    keys.every((k) => (k === 'cargo' ? a.cargo.call === b.cargo.call : ra[k] === rb[k]))
  );
}

describe('the slot ledger handing calls out as it goes', () => {
  it('should give each call the happenings of callEvents, in its order, once its last visit is decided', () => {
    const listed = new Map<CallCargo, { e: CargoEvent; ord: number }[]>();
    const complete: CallCargo[] = [];
    let lastBookedMs = -Infinity;
    let generatedBeforeVisits = true;
    const ledger = cargoLedger(11, run.calls, gateClosures(11, run.calls), {
      generated(cargo) {
        const list: { e: CargoEvent; ord: number }[] = [];
        listCallEvents(cargo, callRefOf(cargo), (e, ord) => list.push({ e, ord }));
        listed.set(cargo, list);
      },
      decided(cargo, req, visit) {
        const list = listed.get(cargo);
        if (!list) generatedBeforeVisits = false;
        // A DUAL visit is booked when the first of its two requests is decided (the other's own bookedMs is later).
        expect(visit.bookedMs).toBeLessThanOrEqual(req.bookedMs);
        expect(visit.bookedMs).toBeGreaterThanOrEqual(lastBookedMs);
        lastBookedMs = visit.bookedMs;
        visitEvents(callRefOf(cargo), req.box, req.boxSlot, req.type, visit, (e, ord) => {
          expect(e.atMs).toBeGreaterThanOrEqual(visit.bookedMs);
          list?.push({ e, ord });
        });
      },
      completed(cargo) {
        complete.push(cargo);
      },
    });
    while (!ledger.decideBefore(Infinity, 10_000));
    expect(generatedBeforeVisits).toBe(true);
    expect(complete.length).toBe(listed.size);
    expect(complete.length).toBeGreaterThan(10);
    for (const cargo of complete) {
      const merged = listed
        .get(cargo)!
        .sort((a, b) => a.e.atMs - b.e.atMs || a.ord - b.ord)
        .map((l) => l.e);
      const whole = callEvents(cargo);
      expect(merged.length).toBe(whole.length);
      // The same happenings in the same order (each with the same box, visit, hold; the call reference a copy).
      const differs = merged.findIndex((e, i) => !sameHappening(e, whole[i]!));
      expect(differs).toBe(-1);
    }
  });
});
