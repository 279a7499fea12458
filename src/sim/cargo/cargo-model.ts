/**
 * The boxes of one container call and what happens to each, as instants: imports discharged during the crane
 * work, held by CBP or the carrier on a share, released, stated in the yard and available, then picked up by
 * truck on an appointment (queue, in-gate, out-gate) and returned empty later, or loaded on an on-dock train;
 * exports gated in by truck (or unloaded from a train) 3–5 days before their vessel and loaded, with the
 * empties the carrier repositions. Pure and deterministic: one PRNG stream per call and box.
 */
import type { ContainerCall } from '../container-call.js';
import { TEU_PER_MOVE } from '../port-model.js';
import { Prng } from '../prng.js';
import type { SimParty } from '../sim-message.js';
import { drawBoxType, type BoxType } from './box-mix.js';
import { CARGO } from './cargo-parameters.js';
import { BCOS, CUSTOMS_BROKERS, carrierParty, truckPlate, TRUCKER_WEIGHTS, truckerParty } from './cargo-parties.js';
import { drawContainerNumber, type CallNumbering } from './container-numbers.js';
import { nextOpenInstant, pacificDate, pacificHour } from './pacific-time.js';
import { MINUTE, HOUR, DAY } from '../../domain/time-units.js';

export interface Hold {
  readonly id: string;
  readonly type: 'CUSTOMS' | 'FREIGHT';
  /** `CBP` or the carrier's SCAC. */
  readonly authority: string;
  readonly reason: string;
  readonly releaseReason: string;
  /** Who reports it: the importer's customs broker (CBP holds) or the carrier (freight holds). */
  readonly sender: SimParty;
  readonly placedMs: number;
  readonly releasedMs: number;
}

export interface TruckVisit {
  readonly id: string;
  readonly appointmentId: string;
  readonly trucker: SimParty;
  readonly plate: string;
  /** DUAL: one visit that drops a box (export or empty) at the in-gate and picks up an import at the out-gate. */
  readonly move: 'PICKUP' | 'DROPOFF' | 'DUAL';
  readonly bookedMs: number;
  readonly slotStartMs: number;
  /** The slot the trucker wanted (the first open one at its target), before closures and full slots moved it. */
  readonly wantedSlotMs: number;
  /** The slot ledger had no room in a slot the trucker tried, so it booked the next one with room. */
  readonly movedForCapacity: boolean;
  /** Joins the queue outside the in-gate. */
  readonly arriveMs: number;
  readonly gateInMs: number;
  readonly gateOutMs: number;
  readonly inLane: string;
  readonly outLane: string;
  /**
   * Set when a gate closure or outage notice of the terminal covered the slot first booked and the trucker moved
   * the appointment (status RESCHEDULED) to `slotStartMs`, the first open slot with room after the closure, at `atMs`.
   */
  readonly rescheduled: { readonly firstSlotMs: number; readonly atMs: number; readonly noticeId: string } | null;
}

interface BoxBase {
  readonly number: string;
  readonly type: BoxType;
  readonly seal: string | null;
}

export interface ImportBox extends BoxBase {
  readonly kind: 'import';
  readonly bco: SimParty;
  readonly billOfLading: string;
  readonly dischargeMs: number;
  readonly holds: readonly Hold[];
  /** First yard statement (stacked, position known). */
  readonly yardMs: number;
  /** No hold open and stacked: a truck may be booked. */
  readonly availableMs: number;
  /** Local date (YYYY-MM-DD): 4 business days from the day after discharge (src/domain/free-time). */
  readonly lastFreeDay: string;
  readonly leaves:
    | { readonly mode: 'truck'; readonly visit: TruckVisit; readonly emptyReturn: TruckVisit }
    | { readonly mode: 'rail'; readonly loadMs: number; readonly trainId: string };
  /** When it left the terminal (out-gate or loaded on the train): dwell = leftMs − dischargeMs. */
  readonly leftMs: number;
}

export interface ExportBox extends BoxBase {
  readonly kind: 'export';
  readonly full: boolean;
  readonly booking: string;
  readonly loadMs: number;
  /** How it came in: a truck drop-off, a train, or (empties) already in the yard. */
  readonly arrived:
    | { readonly mode: 'truck'; readonly visit: TruckVisit }
    | { readonly mode: 'rail'; readonly unloadMs: number; readonly trainId: string }
    | { readonly mode: 'yard' };
}

export interface CallCargo {
  readonly call: ContainerCall;
  readonly imports: readonly ImportBox[];
  readonly exports: readonly ExportBox[];
  /** Export voyage number (the import voyage with W for E). */
  readonly exportVoyage: string;
}

const CUSTOMS_REASONS: readonly (readonly [string, string])[] = [
  ['Manifest hold: exam requested', '1C release after exam'],
  ['Exam: VACIS (non-intrusive inspection)', '1C release'],
  ['Exam: tailgate', '1C release'],
  ['Document review: ISF mismatch', 'Entry accepted'],
];

const logNormal = (rng: Prng, p: { readonly median: number; readonly sigma: number }): number =>
  rng.logNormal(p.median, p.sigma);
const ceilHour = (ms: number): number => Math.ceil(ms / HOUR) * HOUR;

/** Plates of each trucker's fleet (a fixed fleet of 40 tractors per company). */
const fleets = new Map<string, readonly string[]>();
function plateOf(rng: Prng, trucker: SimParty): string {
  let fleet = fleets.get(trucker.code);
  if (!fleet) {
    const r = new Prng(`openpcs-sim-fleet:${trucker.code}`);
    fleet = Array.from({ length: 40 }, () => truckPlate(r));
    fleets.set(trucker.code, fleet);
  }
  return rng.pick(fleet);
}

/** Local date + n business days (Saturdays and Sundays skipped), the default free-time rule. */
function addBusinessDays(localDate: string, n: number): string {
  let t = Date.parse(`${localDate}T00:00:00Z`);
  let counted = 0;
  while (counted < n) {
    t += DAY;
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) counted++;
  }
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether the gates are open in the hour starting at `ms` (07:00–03:00 local). */
export const isGateHour = (ms: number): boolean => {
  const h = pacificHour(ms);
  return CARGO.gateCloseHour > CARGO.gateOpenHour
    ? h >= CARGO.gateOpenHour && h < CARGO.gateCloseHour
    : h >= CARGO.gateOpenHour || h < CARGO.gateCloseHour;
};

/** The first open slot at or after `ms`. */
export const openSlot = (ms: number): number => nextOpenInstant(ceilHour(ms), CARGO.gateOpenHour, CARGO.gateCloseHour);

/** The transaction types of a terminal's appointment slots (the slot feed's `transaction_type`). */
export const SLOT_TYPES = ['IMPORT_PICKUP', 'EXPORT_DROPOFF', 'EMPTY_RETURN', 'DUAL'] as const;
export type SlotType = (typeof SLOT_TYPES)[number];

/** What a truck visit draws from its box's stream, whatever slot it gets (so admission changes no other draw). */
export interface VisitDraw {
  readonly trucker: SimParty;
  /** Where between the first day it may book and its slot the trucker books (0.3–0.9). */
  readonly bookFraction: number;
  readonly arriveOffsetMs: number;
  readonly queueMs: number;
  readonly insideMs: number;
  readonly plate: string;
  readonly inLane: string;
  readonly outLane: string;
}

function drawVisit(rng: Prng, inTerminal: { readonly median: number; readonly sigma: number }): VisitDraw {
  const trucker = truckerParty(rng.weighted(TRUCKER_WEIGHTS));
  const bookFraction = rng.uniform(0.3, 0.9);
  const arriveOffsetMs = Math.round(rng.uniform(0, 50) * MINUTE);
  const queueMs = Math.round(logNormal(rng, CARGO.queueMinutes) * MINUTE);
  const insideMs = Math.round(Math.max(8, logNormal(rng, inTerminal)) * MINUTE);
  const plate = plateOf(rng, trucker);
  const inLane = `IN-${String(rng.int(1, 12)).padStart(2, '0')}`;
  const outLane = `OUT-${String(rng.int(1, 8)).padStart(2, '0')}`;
  return { trucker, bookFraction, arriveOffsetMs, queueMs, insideMs, plate, inLane, outLane };
}

/**
 * A truck visit the slot ledger (slot-ledger.ts) still has to admit: the trucker wants the first open slot at or
 * after `max(target, earliest)` and books it at `bookedMs`, up to 3 days ahead; the ledger decides the slot and
 * hands the visit to `admit`.
 */
export interface VisitRequest {
  /** The visit's key (`V-${id}`, `APT-${id}`). */
  readonly id: string;
  readonly terminal: string;
  readonly move: 'PICKUP' | 'DROPOFF';
  /** Its role: an import's pick-up, the empty return after it, or an export's drop-off. */
  readonly type: Exclude<SlotType, 'DUAL'>;
  /** The box it moves (completed by `admit`) and the box's place in its call (imports, then exports). */
  readonly box: ImportBox | ExportBox;
  readonly boxSlot: number;
  readonly draw: VisitDraw;
  readonly earliestMs: number;
  readonly wantedSlotMs: number;
  readonly bookedMs: number;
  /** The stream reschedule delays are derived from. */
  readonly rng: Prng;
  /** Takes the admitted visit; returns the visit it leads to (an import's empty return), if any. */
  readonly admit: (visit: TruckVisit) => VisitRequest | null;
}

function visitRequest(
  rng: Prng,
  id: string,
  move: VisitRequest['move'],
  type: VisitRequest['type'],
  box: ImportBox | ExportBox,
  boxSlot: number,
  draw: VisitDraw,
  targetMs: number,
  earliestMs: number,
  terminal: string,
  admit: VisitRequest['admit'],
): VisitRequest {
  const wantedSlotMs = openSlot(Math.max(targetMs, earliestMs));
  const bookFrom = Math.max(earliestMs, wantedSlotMs - 3 * DAY);
  const bookedMs = Math.round(bookFrom + (wantedSlotMs - bookFrom) * draw.bookFraction);
  return { id, terminal, move, type, box, boxSlot, draw, earliestMs, wantedSlotMs, bookedMs, rng, admit };
}

/** Minutes a trucker takes to move an appointment once a closure is announced. */
export const RESCHEDULE_MINUTES = [5, 45] as const;

/** The first on-dock train departure (local CARGO.trainHours) at least an hour after `readyMs`. */
function nextTrain(terminal: string, readyMs: number): { departMs: number; trainId: string } {
  let t = ceilHour(readyMs + HOUR);
  while (!CARGO.trainHours.includes(pacificHour(t) as 9 | 21)) t += HOUR;
  return { departMs: t, trainId: `${terminal}-${pacificDate(t).replaceAll('-', '')}-${pacificHour(t)}` };
}

const digits = (rng: Prng, n: number): string => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');

/** Spread `n` instants over [fromMs, toMs), in order, with a little jitter. */
function spread(rng: Prng, n: number, fromMs: number, toMs: number): number[] {
  const step = (toMs - fromMs) / Math.max(1, n);
  return Array.from({ length: n }, (_, i) => Math.round(fromMs + step * (i + rng.uniform(0.1, 0.9))));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function importBox(
  rng: Prng,
  cargoCall: ContainerCall,
  key: string,
  dischargeMs: number,
  number: string,
  slot: number,
  requests: VisitRequest[],
): ImportBox {
  const carrier = cargoCall.carrierScac;
  const type = drawBoxType(rng, CARGO.importReeferShare);
  const bco = rng.pick(BCOS);
  const billOfLading = `${carrier}${digits(rng, 9)}`;
  const holds: Hold[] = [];
  if (rng.chance(CARGO.customsHoldShare)) {
    const [reason, releaseReason] = rng.pick(CUSTOMS_REASONS);
    holds.push({
      id: `H-CBP-${key}`,
      type: 'CUSTOMS',
      authority: 'CBP',
      reason: reason,
      releaseReason: releaseReason,
      sender: rng.pick(CUSTOMS_BROKERS),
      placedMs: Math.round(cargoCall.berthedMs - rng.uniform(2, 30) * HOUR),
      releasedMs: Math.round(dischargeMs + rng.uniform(...CARGO.customsReleaseDays) * DAY),
    });
  }
  if (rng.chance(CARGO.freightHoldShare)) {
    holds.push({
      id: `H-FRT-${key}`,
      type: 'FREIGHT',
      authority: carrier,
      reason: 'Freight charges unpaid',
      releaseReason: 'Freight paid',
      sender: carrierParty(carrier),
      placedMs: Math.round(cargoCall.berthedMs - rng.uniform(1, 12) * HOUR),
      releasedMs: Math.round(dischargeMs + logNormal(rng, CARGO.freightReleaseDays) * DAY),
    });
  }
  const yardMs = Math.round(dischargeMs + rng.uniform(...CARGO.settleHours) * HOUR);
  const availableMs = Math.max(yardMs, ...holds.map((h) => h.releasedMs + 10 * MINUTE));
  const lastFreeDay = addBusinessDays(pacificDate(dischargeMs), 4);
  const base = {
    kind: 'import' as const,
    number,
    type,
    seal: `${carrier.slice(0, 2)}${digits(rng, 7)}`,
    bco,
    billOfLading,
    dischargeMs,
    holds,
    yardMs,
    availableMs,
    lastFreeDay,
  };
  if (rng.chance(CARGO.importRailShare)) {
    const ready = Math.max(availableMs, dischargeMs + logNormal(rng, CARGO.railReadyDays) * DAY);
    const train = nextTrain(cargoCall.terminal, ready);
    const loadMs = Math.max(
      Math.round(ready),
      Math.round(train.departMs - rng.uniform(0.2, CARGO.trainLoadHours) * HOUR),
    );
    return { ...base, leaves: { mode: 'rail', loadMs, trainId: train.trainId }, leftMs: loadMs };
  }
  const target = dischargeMs + logNormal(rng, CARGO.truckPickupDays) * DAY;
  const terminal = cargoCall.terminal;
  const pickup = drawVisit(rng, CARGO.inTerminalMinutes);
  const streetMs = logNormal(rng, CARGO.streetDays) * DAY;
  const back = drawVisit(rng, CARGO.dropOffMinutes);
  // The visits are the ledger's to place: the box is completed when they are admitted.
  const box = { ...base, leaves: null, leftMs: 0 } as unknown as Mutable<ImportBox>;
  requests.push(
    visitRequest(
      rng,
      `${key}-P`,
      'PICKUP',
      'IMPORT_PICKUP',
      box,
      slot,
      pickup,
      target,
      availableMs,
      terminal,
      (visit) => {
        box.leftMs = visit.gateOutMs;
        const leaves = { mode: 'truck' as const, visit, emptyReturn: null as unknown as TruckVisit };
        box.leaves = leaves;
        const earliest = visit.gateOutMs + 12 * HOUR;
        return visitRequest(
          rng,
          `${key}-E`,
          'DROPOFF',
          'EMPTY_RETURN',
          box,
          slot,
          back,
          visit.gateOutMs + streetMs,
          earliest,
          terminal,
          (emptyReturn) => {
            leaves.emptyReturn = emptyReturn;
            return null;
          },
        );
      },
    ),
  );
  return box;
}

function exportBox(
  rng: Prng,
  cargoCall: ContainerCall,
  key: string,
  loadMs: number,
  number: string,
  slot: number,
  requests: VisitRequest[],
): ExportBox {
  const carrier = cargoCall.carrierScac;
  const full = rng.chance(CARGO.exportFullShare);
  const type = drawBoxType(rng, full ? CARGO.exportReeferShare : CARGO.importReeferShare);
  const base = {
    kind: 'export' as const,
    number,
    type,
    full,
    booking: `${carrier}${digits(rng, 9)}`,
    seal: full ? `${carrier.slice(0, 2)}${digits(rng, 7)}` : null,
    loadMs,
  };
  if (!full) return { ...base, arrived: { mode: 'yard' } };
  const target = loadMs - rng.uniform(...CARGO.exportGateInDays) * DAY;
  if (rng.chance(CARGO.exportRailShare)) {
    const train = nextTrain(cargoCall.terminal, target - DAY);
    return { ...base, arrived: { mode: 'rail', unloadMs: train.departMs, trainId: train.trainId } };
  }
  const draw = drawVisit(rng, CARGO.dropOffMinutes);
  const box = { ...base, arrived: null } as unknown as Mutable<ExportBox>;
  requests.push(
    visitRequest(
      rng,
      `${key}-D`,
      'DROPOFF',
      'EXPORT_DROPOFF',
      box,
      slot,
      draw,
      target,
      target,
      cargoCall.terminal,
      (visit) => {
        box.arrived = { mode: 'truck', visit };
        return null;
      },
    ),
  );
  return box;
}

/** A call's boxes before the slot ledger placed their truck visits, and the visits it has to place. */
export interface CallDraft {
  readonly cargo: CallCargo;
  readonly requests: readonly VisitRequest[];
}

/**
 * The boxes of a call: discharge first, then load, over the crane work window. The truck visits are requests the
 * slot ledger admits in booking order over the whole run (slot-ledger.ts: `cargoLedger`), which completes the boxes;
 * use the ledger, not this, for a call's cargo.
 */
export function draftCallCargo(seed: number, cargoCall: ContainerCall, numbering: CallNumbering): CallDraft {
  const rng = Prng.ofSeed(seed).derive('cargo', cargoCall.id);
  const nDischarge = Math.round(cargoCall.dischargeTeu / TEU_PER_MOVE);
  const nLoad = Math.round(cargoCall.loadTeu / TEU_PER_MOVE);
  const total = Math.max(1, nDischarge + nLoad);
  const work = cargoCall.workEndMs - cargoCall.workStartMs;
  const split = cargoCall.workStartMs + Math.round((work * nDischarge) / total);
  const discharges = spread(rng, nDischarge, cargoCall.workStartMs, split);
  const loads = spread(rng, nLoad, split, cargoCall.workEndMs);
  const numbers = rng.derive('numbers');
  const number = (slot: number): string => drawContainerNumber(numbers, cargoCall.carrierScac, numbering, slot);
  const requests: VisitRequest[] = [];
  const imports = discharges.map((at, i) =>
    importBox(rng.derive('i', i), cargoCall, `${cargoCall.id}-I${i}`, at, number(i), i, requests),
  );
  const exports = loads.map((at, i) =>
    exportBox(
      rng.derive('e', i),
      cargoCall,
      `${cargoCall.id}-X${i}`,
      at,
      number(nDischarge + i),
      nDischarge + i,
      requests,
    ),
  );
  const cargo = { call: cargoCall, imports, exports, exportVoyage: cargoCall.voyage.replace(/E$/, 'W') };
  return { cargo, requests };
}

/** Earliest instant any message about a call's cargo can have (before generating it). */
export function cargoHorizonStart(cargoCall: ContainerCall): number {
  return Math.min(cargoCall.workStartMs - (CARGO.exportGateInDays[1] + 2) * DAY, cargoCall.berthedMs - 2 * DAY);
}
