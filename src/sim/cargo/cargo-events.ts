/**
 * What happens to a call's cargo, as a time-ordered list of happenings the parties report: the vessel's
 * arrival and departure at the berth, each discharge and load, holds and releases, yard and availability
 * statements, truck appointments and gate passes, on-dock rail loads and unloads, the container master the
 * carrier sends on berthing, and the terminal's COARRI at the end of each crane-work direction. `callEvents` lists
 * a whole call; `listCallEvents` a call whose truck visits are not all decided yet and `visitEvents` each visit's
 * later, each happening with its ordinal in the call's listing, so the lists merge into the same order.
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

/**
 * Where a happening sits in its call's listing (ARRI, DEPA, MASTER, COARRI…, then per import box DISC, HOLD/RELEASE,
 * STATUS, its visits, then per export box LOAD, its visit, RAIL): happenings at the same instant keep that order, so
 * a call's list sorted by (atMs, ordinal) is the same whether its truck visits are listed with it or merged in later.
 * A box's own happenings take its first `VISIT_ORD` places, its visits (at most 4 happenings each) the next ones.
 */
const BOX_ORDS = 32;
const VISIT_ORD = 16;

/** The ordinal of the first happening of a box's visit in this role (its happenings follow, one place each). */
function visitOrd(boxSlot: number, role: VisitRole): number {
  return (1 + boxSlot) * BOX_ORDS + VISIT_ORD + (role === 'EMPTY_RETURN' ? 4 : 0);
}

/** A truck visit's role for its box: an import's pick-up, the empty return after it, or an export's drop-off. */
export type VisitRole = 'IMPORT_PICKUP' | 'EMPTY_RETURN' | 'EXPORT_DROPOFF';

/** Takes a happening and its ordinal in its call's listing. */
export type EventSink = (event: CargoEvent, ord: number) => void;

/** The call reference its happenings share. */
export const callRefOf = (callCargo: CallCargo): CallRef => ({
  call: callCargo.call,
  exportVoyage: callCargo.exportVoyage,
});

/**
 * The happenings of a call known so far, each with its ordinal, in listing order: the truck visits not yet decided
 * by the slot ledger (`box.leaves` / `box.arrived` still null) are skipped; `visitEvents` gives theirs later.
 */
export function listCallEvents(callCargo: CallCargo, cargo: CallRef, sink: EventSink): void {
  const c = callCargo.call;
  sink({ kind: 'ARRI', atMs: c.berthedMs, cargo }, 0);
  sink({ kind: 'DEPA', atMs: c.unberthMs, cargo }, 1);
  let ord = 2;
  const { imports, exports } = callCargo;
  if (imports.length > 0) {
    sink({ kind: 'MASTER', atMs: c.berthedMs + 20 * MINUTE, cargo: callCargo }, ord++);
    const lastDischarge = imports[imports.length - 1]!.dischargeMs;
    sink({ kind: 'COARRI', atMs: lastDischarge + 30 * MINUTE, cargo: callCargo, direction: 'DISC' }, ord++);
  }
  if (exports.length > 0) {
    const lastLoad = exports[exports.length - 1]!.loadMs;
    sink({ kind: 'COARRI', atMs: lastLoad + 30 * MINUTE, cargo: callCargo, direction: 'LOAD' }, ord++);
  }
  imports.forEach((box, slot) => {
    let o = (1 + slot) * BOX_ORDS;
    sink({ kind: 'DISC', atMs: box.dischargeMs, cargo, box }, o++);
    for (const hold of box.holds) {
      sink({ kind: 'HOLD', atMs: hold.placedMs, cargo, box, hold }, o++);
      sink({ kind: 'RELEASE', atMs: hold.releasedMs, cargo, box, hold }, o++);
    }
    if (box.availableMs > box.yardMs) sink({ kind: 'STATUS', atMs: box.yardMs, cargo, box, available: false }, o++);
    sink({ kind: 'STATUS', atMs: box.availableMs, cargo, box, available: true }, o++);
    const leaves = box.leaves as ImportBox['leaves'] | null; // null: its pick-up not yet decided
    if (leaves?.mode === 'rail') {
      sink({ kind: 'RAIL', atMs: leaves.loadMs, cargo, status: 'AL', box, trainId: leaves.trainId }, o++);
    } else if (leaves) {
      visitEvents(cargo, box, slot, 'IMPORT_PICKUP', leaves.visit, sink);
      // The empty return is null until it is decided.
      if (leaves.emptyReturn) visitEvents(cargo, box, slot, 'EMPTY_RETURN', leaves.emptyReturn, sink);
    }
  });
  exports.forEach((box, j) => {
    const slot = imports.length + j;
    sink({ kind: 'LOAD', atMs: box.loadMs, cargo, box }, (1 + slot) * BOX_ORDS);
    const arrived = box.arrived as ExportBox['arrived'] | null; // null: its drop-off not yet decided
    if (arrived?.mode === 'truck') visitEvents(cargo, box, slot, 'EXPORT_DROPOFF', arrived.visit, sink);
    if (arrived?.mode === 'rail') {
      sink(
        { kind: 'RAIL', atMs: arrived.unloadMs, cargo, status: 'UR', box, trainId: arrived.trainId },
        (1 + slot) * BOX_ORDS + VISIT_ORD + 8,
      );
    }
  });
}

/** Every happening of a call's cargo, sorted by time (ties keep the order they are listed in). */
export function callEvents(callCargo: CallCargo): CargoEvent[] {
  const listed: { e: CargoEvent; ord: number }[] = [];
  listCallEvents(callCargo, callRefOf(callCargo), (e, ord) => listed.push({ e, ord }));
  return listed.sort((a, b) => a.e.atMs - b.e.atMs || a.ord - b.ord).map((l) => l.e);
}

/**
 * The happenings of one truck visit of a box (`boxSlot`: its place among the call's boxes, imports then exports)
 * in its role, with their ordinals: the import pick-up goes out with the box, the empty return and the export
 * drop-off come in with it.
 */
export function visitEvents(
  cargo: CallRef,
  box: ImportBox | ExportBox,
  boxSlot: number,
  role: VisitRole,
  visit: TruckVisit,
  sink: EventSink,
): void {
  let ord = visitOrd(boxSlot, role);
  const events: CargoEvent[] = [];
  if (role === 'IMPORT_PICKUP') pushVisit(events, cargo, visit, null, box, false);
  else pushVisit(events, cargo, visit, box, null, role === 'EMPTY_RETURN');
  for (const e of events) sink(e, ord++);
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
