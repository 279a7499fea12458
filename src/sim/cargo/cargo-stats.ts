/**
 * Container counts, import dwell (discharge → out-gate or on-dock rail load) and truck visit turn time
 * (queue + in-terminal) of the boxes and visits that fall in a window: what `summary.json` reports and the
 * calibration test checks against forecast-and-scale.md Table 7.
 */
import type { CallCargo, TruckVisit } from './cargo-model.js';
import { MINUTE, DAY } from '../../domain/time-units.js';

export interface Distribution {
  readonly n: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
}

export interface CargoStats {
  readonly containers: {
    readonly discharged: number;
    readonly loaded: number;
    readonly importsByTruck: number;
    readonly importsByRail: number;
    readonly exportsFull: number;
    readonly exportsEmpty: number;
    readonly withCustomsHold: number;
    readonly withFreightHold: number;
  };
  /** Days from discharge to leaving the terminal, imports discharged in the window. */
  readonly dwellDays: { readonly truck: Distribution; readonly rail: Distribution };
  /** Minutes, truck visits whose in-gate is in the window. */
  readonly truckTurnMinutes: Distribution & {
    readonly queueMean: number;
    readonly inTerminalMean: number;
    readonly shareOver2h: number;
    /** Share of the visits that were DUAL (a drop-off and a pick-up in one visit). */
    readonly dualShare: number;
    /** Visits the slot ledger moved to a later slot because the one wanted was full. */
    readonly movedForCapacity: number;
  };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function distribution(values: number[], digits: number): Distribution {
  if (values.length === 0) return { n: 0, mean: 0, p50: 0, p90: 0 };
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return {
    n: values.length,
    mean: round(values.reduce((s, v) => s + v, 0) / values.length, digits),
    p50: round(at(0.5), digits),
    p90: round(at(0.9), digits),
  };
}

/** Accumulates calls one at a time (each call once), so a month is summarised without holding it. */
export class CargoStatsAccumulator {
  readonly #from: number;
  readonly #to: number;
  readonly #truckDwell: number[] = [];
  readonly #railDwell: number[] = [];
  readonly #turn: number[] = [];
  #queue = 0;
  #inTerminal = 0;
  #loaded = 0;
  #full = 0;
  #customs = 0;
  #freight = 0;
  #dual = 0;
  #movedForCapacity = 0;

  constructor(fromMs: number, toMs: number) {
    this.#from = fromMs;
    this.#to = toMs;
  }

  #inWindow(ms: number): boolean {
    return ms >= this.#from && ms < this.#to;
  }

  /** A DUAL visit (drop and pick-up in one) is counted once, with its pick-up. */
  #visit(v: TruckVisit, side: 'pickup' | 'drop'): void {
    if (v.move === 'DUAL' && side === 'drop') return;
    if (!this.#inWindow(v.gateInMs)) return;
    if (v.move === 'DUAL') this.#dual++;
    if (v.movedForCapacity) this.#movedForCapacity++;
    this.#turn.push((v.gateOutMs - v.arriveMs) / MINUTE);
    this.#queue += (v.gateInMs - v.arriveMs) / MINUTE;
    this.#inTerminal += (v.gateOutMs - v.gateInMs) / MINUTE;
  }

  add(cargo: CallCargo): void {
    for (const box of cargo.imports) {
      if (box.leaves.mode === 'truck') {
        this.#visit(box.leaves.visit, 'pickup');
        this.#visit(box.leaves.emptyReturn, 'drop');
      }
      if (!this.#inWindow(box.dischargeMs)) continue;
      (box.leaves.mode === 'truck' ? this.#truckDwell : this.#railDwell).push((box.leftMs - box.dischargeMs) / DAY);
      if (box.holds.some((h) => h.type === 'CUSTOMS')) this.#customs++;
      if (box.holds.some((h) => h.type === 'FREIGHT')) this.#freight++;
    }
    for (const box of cargo.exports) {
      if (box.arrived.mode === 'truck') this.#visit(box.arrived.visit, 'drop');
      if (!this.#inWindow(box.loadMs)) continue;
      this.#loaded++;
      if (box.full) this.#full++;
    }
  }

  result(): CargoStats {
    const n = this.#turn.length;
    const turn = distribution([...this.#turn], 1);
    return {
      containers: {
        discharged: this.#truckDwell.length + this.#railDwell.length,
        loaded: this.#loaded,
        importsByTruck: this.#truckDwell.length,
        importsByRail: this.#railDwell.length,
        exportsFull: this.#full,
        exportsEmpty: this.#loaded - this.#full,
        withCustomsHold: this.#customs,
        withFreightHold: this.#freight,
      },
      dwellDays: { truck: distribution([...this.#truckDwell], 2), rail: distribution([...this.#railDwell], 2) },
      truckTurnMinutes: {
        ...turn,
        queueMean: n > 0 ? round(this.#queue / n, 1) : 0,
        inTerminalMean: n > 0 ? round(this.#inTerminal / n, 1) : 0,
        shareOver2h: n > 0 ? round(this.#turn.filter((t) => t >= 120).length / n, 3) : 0,
        dualShare: n > 0 ? round(this.#dual / n, 3) : 0,
        movedForCapacity: this.#movedForCapacity,
      },
    };
  }
}
