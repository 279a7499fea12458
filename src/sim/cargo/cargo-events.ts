/**
 * What happens to a call's cargo, as a time-ordered list of happenings the parties report: the vessel's
 * arrival and departure at the berth, each discharge and load, holds and releases, yard and availability
 * statements, truck appointments and gate passes, on-dock rail loads and unloads, the container master the
 * carrier sends on berthing, and the terminal's COARRI at the end of each crane-work direction.
 */
import type { CallCargo, ExportBox, Hold, ImportBox, TruckVisit } from './cargo-model.js';
import { MINUTE } from '../../domain/time-units.js';

/**
 * What a happening needs of its call: the call and its export voyage, not the call's boxes. Only the container
 * master and the COARRI (sent during the crane work) hold the call's box lists, so once they are handed out a
 * box is held only by its own happenings still to come, and released after the last of them.
 */
export type CallRef = Pick<CallCargo, 'call' | 'exportVoyage'>;

export type CargoEvent =
  | { readonly kind: 'ARRI' | 'DEPA'; readonly atMs: number; readonly cargo: CallRef }
  | { readonly kind: 'DISC'; readonly atMs: number; readonly cargo: CallRef; readonly box: ImportBox }
  | { readonly kind: 'LOAD'; readonly atMs: number; readonly cargo: CallRef; readonly box: ExportBox }
  | {
      readonly kind: 'HOLD' | 'RELEASE';
      readonly atMs: number;
      readonly cargo: CallRef;
      readonly box: ImportBox;
      readonly hold: Hold;
    }
  | {
      readonly kind: 'STATUS';
      readonly atMs: number;
      readonly cargo: CallRef;
      readonly box: ImportBox;
      readonly available: boolean;
    }
  | {
      readonly kind: 'APPOINTMENT';
      readonly atMs: number;
      readonly cargo: CallRef;
      readonly visit: TruckVisit;
      readonly box: ImportBox | ExportBox;
      /** This transaction's move (a DUAL visit's appointment has one of each, one row apiece). */
      readonly move: 'PICKUP' | 'DROPOFF';
      /** BOOKED: the first booking; RESCHEDULED: moved past a gate closure (`visit.rescheduled`). */
      readonly status: 'BOOKED' | 'RESCHEDULED';
      /** The slot this statement books (the first slot for a booking later rescheduled). */
      readonly slotStartMs: number;
      /** When the booking of this slot ends (the reschedule), or null while it holds. */
      readonly untilMs: number | null;
    }
  | {
      readonly kind: 'GATE';
      readonly atMs: number;
      readonly cargo: CallRef;
      readonly visit: TruckVisit;
      readonly direction: 'IN' | 'OUT';
      /** The box through the gate on this side (null: bobtail). */
      readonly box: ImportBox | ExportBox | null;
      readonly empty: boolean;
    }
  | {
      readonly kind: 'RAIL';
      readonly atMs: number;
      readonly cargo: CallRef;
      /** X12 322 Q501: `AL` loaded on rail, `UR` unloaded from a rail car. */
      readonly status: 'AL' | 'UR';
      readonly box: ImportBox | ExportBox;
      readonly trainId: string;
    }
  | { readonly kind: 'MASTER'; readonly atMs: number; readonly cargo: CallCargo }
  | { readonly kind: 'COARRI'; readonly atMs: number; readonly cargo: CallCargo; readonly direction: 'DISC' | 'LOAD' };

/** Every happening of a call's cargo, sorted by time (ties keep the order they are listed in). */
export function callEvents(callCargo: CallCargo): CargoEvent[] {
  const c = callCargo.call;
  const cargo: CallRef = { call: c, exportVoyage: callCargo.exportVoyage };
  const events: CargoEvent[] = [
    { kind: 'ARRI', atMs: c.berthedMs, cargo },
    { kind: 'DEPA', atMs: c.unberthMs, cargo },
  ];
  const { imports, exports } = callCargo;
  if (imports.length > 0) {
    events.push({ kind: 'MASTER', atMs: c.berthedMs + 20 * MINUTE, cargo: callCargo });
    const lastDischarge = imports[imports.length - 1]!.dischargeMs;
    events.push({ kind: 'COARRI', atMs: lastDischarge + 30 * MINUTE, cargo: callCargo, direction: 'DISC' });
  }
  if (exports.length > 0) {
    const lastLoad = exports[exports.length - 1]!.loadMs;
    events.push({ kind: 'COARRI', atMs: lastLoad + 30 * MINUTE, cargo: callCargo, direction: 'LOAD' });
  }
  for (const box of imports) {
    events.push({ kind: 'DISC', atMs: box.dischargeMs, cargo, box });
    for (const hold of box.holds) {
      events.push({ kind: 'HOLD', atMs: hold.placedMs, cargo, box, hold });
      events.push({ kind: 'RELEASE', atMs: hold.releasedMs, cargo, box, hold });
    }
    if (box.availableMs > box.yardMs) events.push({ kind: 'STATUS', atMs: box.yardMs, cargo, box, available: false });
    events.push({ kind: 'STATUS', atMs: box.availableMs, cargo, box, available: true });
    if (box.leaves.mode === 'rail') {
      events.push({ kind: 'RAIL', atMs: box.leaves.loadMs, cargo, status: 'AL', box, trainId: box.leaves.trainId });
    } else {
      pushVisit(events, cargo, box.leaves.visit, null, box, false);
      pushVisit(events, cargo, box.leaves.emptyReturn, box, null, true);
    }
  }
  for (const box of exports) {
    events.push({ kind: 'LOAD', atMs: box.loadMs, cargo, box });
    if (box.arrived.mode === 'truck') pushVisit(events, cargo, box.arrived.visit, box, null, false);
    if (box.arrived.mode === 'rail') {
      events.push({ kind: 'RAIL', atMs: box.arrived.unloadMs, cargo, status: 'UR', box, trainId: box.arrived.trainId });
    }
  }
  return events.sort((a, b) => a.atMs - b.atMs); // Array.prototype.sort is stable (ES2019)
}

function pushVisit(
  events: CargoEvent[],
  cargo: CallRef,
  visit: TruckVisit,
  boxIn: ImportBox | ExportBox | null,
  boxOut: ImportBox | ExportBox | null,
  emptyIn: boolean,
): void {
  const box = (boxIn ?? boxOut)!;
  const move = boxIn ? 'DROPOFF' : 'PICKUP';
  const moved = visit.rescheduled;
  events.push({
    kind: 'APPOINTMENT',
    atMs: visit.bookedMs,
    cargo,
    visit,
    box,
    move,
    status: 'BOOKED',
    slotStartMs: moved ? moved.firstSlotMs : visit.slotStartMs,
    untilMs: moved ? moved.atMs : null,
  });
  if (moved) {
    events.push({
      kind: 'APPOINTMENT',
      atMs: moved.atMs,
      cargo,
      visit,
      box,
      move,
      status: 'RESCHEDULED',
      slotStartMs: visit.slotStartMs,
      untilMs: null,
    });
  }
  // A DUAL visit's drop-off (of this call's box) is its in-gate, its pick-up (of another call's box, maybe) its
  // out-gate: each call states its own side, so the visit has one gate-in and one gate-out.
  const dual = visit.move === 'DUAL';
  if (!dual || boxIn) {
    events.push({ kind: 'GATE', atMs: visit.gateInMs, cargo, visit, direction: 'IN', box: boxIn, empty: emptyIn });
  }
  if (!dual || boxOut) {
    events.push({ kind: 'GATE', atMs: visit.gateOutMs, cargo, visit, direction: 'OUT', box: boxOut, empty: false });
  }
}
