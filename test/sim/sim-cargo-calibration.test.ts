/**
 * The cargo flows against the observed San Pedro Bay levels of ../shared/reference/forecast-and-scale.md
 * Table 7 (issue 12: dwell 2.5–3.5 days, truck turn 70–100 minutes):
 * - container dwell, truck-bound (PMSA): 2.50 d (April), 2.59 d (March), 2.70–2.81 d (June, July);
 * - container dwell, rail-bound (PMSA): 4.55 d (April) … 7.02 d (March);
 * - truck visit time, queue + in-terminal (Harbor Trucking Association GPS): 71–98 min, with a right tail
 *   (25% of visits ≥ 2 h in Oct 2015); in-terminal alone 39–48 min (PierPass RFID).
 * And the identities and rules the product checks: ISO 6346 numbers and size/type codes (the product's own
 * validators, src/domain/identifiers), the box mix behind TEU/1.8 moves, holds before any out-gate.
 */
import { describe, expect, it } from 'vitest';
import { validateContainerNumber } from '../../src/domain/identifiers/iso6346.js';
import { teuOf, validateSizeTypeCode } from '../../src/domain/identifiers/iso6346-size-type.js';
import type { CallCargo } from '../../src/sim/cargo/cargo-model.js';
import { CargoStatsAccumulator } from '../../src/sim/cargo/cargo-stats.js';
import { allCallCargo } from '../../src/sim/cargo/slot-ledger.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';

const DAY = 86_400_000;

function week(): { cargo: CallCargo[]; stats: ReturnType<CargoStatsAccumulator['result']> } {
  const parsed = parseScenario({ seed: 7, days: 7, start: '2018-05-07T08:00:00Z', warmupDays: 10 });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const run = simulate(parsed.scenario, loadSimInputs());
  const acc = new CargoStatsAccumulator(parsed.scenario.startMs, parsed.scenario.endMs);
  const cargo = allCallCargo(7, run.calls);
  for (const c of cargo) acc.add(c);
  return { cargo, stats: acc.result() };
}

describe('simulated cargo, a week of May 2018 (seed 7)', () => {
  const { cargo, stats } = week();
  const boxes = cargo.flatMap((c) => [...c.imports, ...c.exports]);

  it('should keep truck-bound import dwell at 2.5–3.5 days and rail-bound at 4.5–7 days (Table 7, PMSA)', () => {
    expect(stats.containers.importsByTruck).toBeGreaterThan(20_000);
    expect(stats.dwellDays.truck.mean).toBeGreaterThanOrEqual(2.5);
    expect(stats.dwellDays.truck.mean).toBeLessThanOrEqual(3.5);
    expect(stats.dwellDays.rail.mean).toBeGreaterThanOrEqual(4.5);
    expect(stats.dwellDays.rail.mean).toBeLessThanOrEqual(7);
    // A tail of long dwellers, as the 13% ≥ 5 days of Nov 2018 (Table 7, all boxes).
    expect(stats.dwellDays.truck.p90).toBeGreaterThan(4);
  });

  it('should keep the truck visit (queue + in-terminal) at 70–100 minutes on average, with a right tail (Table 7, HTA)', () => {
    const t = stats.truckTurnMinutes;
    expect(t.n).toBeGreaterThan(20_000);
    expect(t.mean).toBeGreaterThanOrEqual(70);
    expect(t.mean).toBeLessThanOrEqual(100);
    expect(t.inTerminalMean).toBeGreaterThanOrEqual(35);
    expect(t.inTerminalMean).toBeLessThanOrEqual(55);
    expect(t.p90).toBeGreaterThan(1.4 * t.p50);
    expect(t.shareOver2h).toBeGreaterThan(0.05);
  });

  it('should number every box per ISO 6346 and give it a valid ISO size/type code', () => {
    const bad = boxes.filter(
      (b) =>
        !validateContainerNumber(b.number).ok ||
        !validateSizeTypeCode(b.type.sizeType).ok ||
        teuOf(b.type.sizeType) !== b.type.teu,
    );
    expect(boxes.length).toBeGreaterThan(50_000);
    expect(bad.map((b) => `${b.number} ${b.type.sizeType}`).slice(0, 5)).toEqual([]);
  });

  it('should never have two boxes with one number in the port at the same time', () => {
    const stays = new Map<string, [number, number][]>();
    for (const c of cargo) {
      for (const b of c.imports) {
        const end = b.leaves.mode === 'truck' ? b.leaves.emptyReturn.gateOutMs + DAY : b.leftMs;
        const list = stays.get(b.number) ?? [];
        list.push([b.dischargeMs, end]);
        stays.set(b.number, list);
      }
      for (const b of c.exports) {
        const from = b.arrived.mode === 'truck' ? b.arrived.visit.gateInMs : b.loadMs - 6 * DAY;
        const list = stays.get(b.number) ?? [];
        list.push([from, b.loadMs]);
        stays.set(b.number, list);
      }
    }
    const overlapping: string[] = [];
    for (const [number, list] of stays) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) if (list[i]![0] <= list[i - 1]![1]) overlapping.push(number);
    }
    expect(stays.size).toBeGreaterThan(50_000);
    expect(overlapping).toEqual([]);
  });

  it('should follow the model box mix: 22% 20-foot, 70% 40-foot, 8% 45-foot, so 1.8 TEU a move', () => {
    const share = (teu: number): number => boxes.filter((b) => b.type.teu === teu).length / boxes.length;
    expect(share(1)).toBeCloseTo(0.22, 1);
    expect(share(2)).toBeCloseTo(0.7, 1);
    expect(share(2.25)).toBeCloseTo(0.08, 1);
    const teuPerBox = boxes.reduce((s, b) => s + b.type.teu, 0) / boxes.length;
    expect(teuPerBox).toBeGreaterThan(1.75);
    expect(teuPerBox).toBeLessThan(1.85);
    const moves = cargo.reduce((s, c) => s + c.call.moves, 0);
    expect(Math.abs(boxes.length - moves) / moves).toBeLessThan(0.01);
  });

  it('should release every hold before the box is available, booked, gated out or railed', () => {
    const broken: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && broken.length < 5) broken.push(what);
    };
    let held = 0;
    for (const c of cargo) {
      for (const b of c.imports) {
        for (const h of b.holds) {
          held++;
          check(h.placedMs < h.releasedMs, `${h.id} released before placed`);
          check(b.availableMs >= h.releasedMs, `${b.number} available with ${h.id} open`);
        }
        check(b.availableMs > b.dischargeMs, `${b.number} available before discharge`);
        if (b.leaves.mode === 'truck') {
          const v = b.leaves.visit;
          check(v.bookedMs >= b.availableMs, `${v.appointmentId} booked before available`);
          check(v.bookedMs <= v.slotStartMs && v.arriveMs >= v.slotStartMs, `${v.id} outside its slot`);
          check(v.gateInMs >= v.arriveMs && v.gateOutMs > v.gateInMs, `${v.id} gates out of order`);
          check(b.leaves.emptyReturn.gateInMs > v.gateOutMs, `${b.number} back before it left`);
        } else {
          check(b.leaves.loadMs >= b.availableMs, `${b.number} railed before available`);
        }
      }
    }
    expect(broken).toEqual([]);
    const imports = cargo.reduce((s, c) => s + c.imports.length, 0);
    // CBP 5% and freight 12% of import boxes (cargo-parameters.ts).
    expect(held / imports).toBeGreaterThan(0.13);
    expect(held / imports).toBeLessThan(0.21);
  });

  it('should gate full exports in 3–5 days before their vessel (and load empties from the yard)', () => {
    const leads: number[] = [];
    let misplaced = 0;
    for (const c of cargo) {
      for (const b of c.exports) {
        if (b.arrived.mode === 'truck') leads.push((b.loadMs - b.arrived.visit.gateInMs) / DAY);
        if ((b.arrived.mode === 'yard') !== !b.full) misplaced++;
      }
    }
    expect(misplaced).toBe(0);
    expect(leads.length).toBeGreaterThan(1_000);
    // 3–5 days, moved later by the closed gate hours (03:00–07:00) and the appointment slot.
    expect(Math.min(...leads)).toBeGreaterThan(2.5);
    expect(Math.max(...leads)).toBeLessThan(5.1);
    const mean = leads.reduce((s, x) => s + x, 0) / leads.length;
    expect(mean).toBeGreaterThan(3.5);
    expect(mean).toBeLessThan(4.1);
  });
});
