/**
 * Duty cycles, energy and charging of the cargo-handling equipment, and the telemetry it reports
 * (docs/simulator.md "Cargo-handling equipment and telemetry"). The model steps every
 * `telemetryIntervalMinutes` from the run's start:
 *
 * - a terminal's ship-to-shore cranes work while the calls at its berths are in crane work (port-model.ts:
 *   `workStartMs`–`workEndMs`, `cranes`); per working crane it needs 4 yard tractors, 1 RTG and half a top
 *   handler (equipment-parameters.ts), taken from its units that are not charging, in an order that rotates
 *   every hour so the work is spread; the others idle, and are switched off an hour after the last crane work;
 * - energy per step by state (kWh, litres of diesel, kg of hydrogen), engine hours while working or idle;
 * - a battery unit below `CHARGE_BELOW_PCT` goes to a free charger of its terminal (off while it waits for
 *   one), charges at the charger's power up to `CHARGE_TO_PCT` and reports the session's start and stop: the
 *   kWh of a session is the state of charge regained × the capacity.
 *
 * Each unit reports its status at every step (an unit that stays off only on the full hour, like a telematics
 * heartbeat). Deterministic: the fleet comes from the seed, the work from the port model. Pure.
 */
import {
  telemetryTopic,
  type ChargingSessionMessage,
  type EquipmentState,
  type EquipmentStatusMessage,
  type TelemetryMessage,
} from '../../domain/equipment-telemetry.js';
import type { ContainerCall } from '../container-call.js';
import type { SimRun } from '../simulate.js';
import {
  CHARGE_BELOW_PCT,
  CHARGE_TO_PCT,
  ENERGY_PER_HOUR,
  OFF_AFTER_IDLE_MINUTES,
  STS_KWH_PER_HOUR,
  WORKING_PER_ACTIVE_CRANE,
} from './equipment-parameters.js';
import { equipmentFleets, type EquipmentUnit, type TerminalFleet } from './equipment-fleet.js';
import { MINUTE, HOUR } from '../../domain/time-units.js';

/** One telemetry message at its simulated instant, with the MQTT topic it is published on. */
export interface TimedTelemetry {
  readonly atMs: number;
  readonly topic: string;
  readonly message: TelemetryMessage;
}

export interface TelemetrySource {
  /** The messages with `fromMs <= atMs < toMs` in time order; windows are asked for in increasing order. */
  messagesIn(fromMs: number, toMs: number): readonly TimedTelemetry[];
}

interface UnitState {
  readonly unit: EquipmentUnit;
  state: EquipmentState;
  reported: EquipmentState | null;
  /** Battery content (kWh). */
  socKwh: number;
  electricityKwh: number;
  dieselLitres: number;
  hydrogenKg: number;
  engineHours: number;
  waitingForCharger: boolean;
  session: { id: string; chargerId: string; startedMs: number; socStartKwh: number } | null;
}

interface TerminalState {
  readonly fleet: TerminalFleet;
  readonly units: UnitState[];
  readonly calls: readonly ContainerCall[];
  nextCall: number;
  working: ContainerCall[];
  lastCraneWorkMs: number;
  readonly chargerBusy: Map<string, boolean>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (u: UnitState): number => (u.unit.battery ? (100 * u.socKwh) / u.unit.battery.capacityKwh : 0);

function statusMessage(u: UnitState, atMs: number): EquipmentStatusMessage {
  const { unit } = u;
  const energy =
    unit.powertrain === 'diesel' || unit.powertrain === 'hybrid'
      ? { dieselLitres: round(u.dieselLitres, 2) }
      : unit.powertrain === 'hydrogen_fuel_cell'
        ? { hydrogenKg: round(u.hydrogenKg, 3) }
        : { electricityKwh: round(u.electricityKwh, 2) };
  return {
    messageType: 'equipment-status',
    schemaVersion: 1,
    equipmentId: unit.id,
    terminal: unit.terminal,
    equipmentType: unit.type,
    powertrain: unit.powertrain,
    observedAt: iso(atMs),
    state: u.state,
    socPct: unit.battery ? round(pct(u), 2) : null,
    energy,
    engineHours: round(u.engineHours, 2),
  };
}

/** The equipment telemetry of a run, generated step by step as the windows ask for it. */
export function equipmentTelemetrySource(run: SimRun): TelemetrySource {
  const { scenario } = run;
  const stepMs = scenario.equipment.telemetryIntervalMinutes * MINUTE;
  const terminals: TerminalState[] = equipmentFleets(scenario).map((fleet) => ({
    fleet,
    units: fleet.units.map((unit) => ({
      unit,
      state: 'off',
      reported: null,
      socKwh: unit.battery ? (unit.battery.capacityKwh * unit.initialSocPct) / 100 : 0,
      electricityKwh: 0,
      dieselLitres: 0,
      hydrogenKg: 0,
      engineHours: unit.initialEngineHours,
      waitingForCharger: false,
      session: null,
    })),
    calls: run.calls
      .filter((c) => c.terminal === fleet.terminal)
      .sort((a, b) => a.workStartMs - b.workStartMs || (a.id < b.id ? -1 : 1)),
    nextCall: 0,
    working: [],
    lastCraneWorkMs: -Infinity,
    chargerBusy: new Map(fleet.chargers.map((c) => [c, false])),
  }));
  let stepAt = Math.ceil(scenario.startMs / stepMs) * stepMs;
  let pending: TimedTelemetry[] = [];

  const emit = (out: TimedTelemetry[], atMs: number, message: TelemetryMessage): void => {
    out.push({ atMs, topic: telemetryTopic(message), message });
  };

  function step(t: number, out: TimedTelemetry[]): void {
    const hours = stepMs / HOUR;
    for (const ts of terminals) {
      while (ts.nextCall < ts.calls.length && ts.calls[ts.nextCall]!.workStartMs <= t) {
        ts.working.push(ts.calls[ts.nextCall++]!);
      }
      ts.working = ts.working.filter((c) => c.workEndMs > t);
      // Two ships alongside may ask for more cranes than the terminal has: it works those it has.
      const activeCranes = Math.min(
        ts.working.reduce((s, c) => s + c.cranes, 0),
        ts.fleet.units.filter((u) => u.type === 'sts_crane').length,
      );
      if (activeCranes > 0) ts.lastCraneWorkMs = t;
      const recentWork = t - ts.lastCraneWorkMs <= OFF_AFTER_IDLE_MINUTES * MINUTE;

      // Battery units: keep charging, or go to a charger below the threshold (off while none is free).
      for (const u of ts.units) {
        if (!u.unit.battery || u.session) continue;
        if (pct(u) < CHARGE_BELOW_PCT) {
          const free = ts.fleet.chargers.find((c) => !ts.chargerBusy.get(c));
          if (free) {
            ts.chargerBusy.set(free, true);
            u.waitingForCharger = false;
            u.session = { id: `${u.unit.id}-${t / MINUTE}`, chargerId: free, startedMs: t, socStartKwh: u.socKwh };
            const start: ChargingSessionMessage = {
              messageType: 'charging-session',
              schemaVersion: 1,
              phase: 'start',
              sessionId: u.session.id,
              chargerId: free,
              equipmentId: u.unit.id,
              terminal: u.unit.terminal,
              observedAt: iso(t),
              startedAt: iso(t),
              socStartPct: round(pct(u), 2),
            };
            emit(out, t, start);
          } else {
            u.waitingForCharger = true;
          }
        }
      }

      // Work: cranes by index, mobile units by type in an order that rotates every hour.
      const rotation = Math.floor(t / HOUR);
      const byType = new Map<string, UnitState[]>();
      for (const u of ts.units) {
        const list = byType.get(u.unit.type);
        if (list) list.push(u);
        else byType.set(u.unit.type, [u]);
      }
      for (const [type, list] of byType) {
        const need =
          type === 'sts_crane'
            ? activeCranes
            : Math.ceil(activeCranes * WORKING_PER_ACTIVE_CRANE[type as keyof typeof WORKING_PER_ACTIVE_CRANE]);
        let assigned = 0;
        const start = type === 'sts_crane' ? 0 : (rotation * 7) % list.length;
        for (let k = 0; k < list.length; k++) {
          const u = list[(start + k) % list.length]!;
          if (u.session) u.state = 'charging';
          else if (u.waitingForCharger) u.state = 'off';
          else if (assigned < need) {
            u.state = 'working';
            assigned++;
          } else u.state = recentWork ? 'idle' : 'off';
        }
      }

      for (const u of ts.units) {
        if (u.state !== 'off' || u.reported !== 'off' || t % HOUR === 0) emit(out, t, statusMessage(u, t));
        u.reported = u.state;
        applyStep(u, t, hours, ts, out);
      }
    }
  }

  function applyStep(u: UnitState, t: number, hours: number, ts: TerminalState, out: TimedTelemetry[]): void {
    const { unit } = u;
    if (u.state === 'working' || u.state === 'idle') {
      u.engineHours += hours;
      if (unit.type === 'sts_crane') {
        u.electricityKwh += STS_KWH_PER_HOUR[u.state] * hours;
        return;
      }
      const rate = ENERGY_PER_HOUR[unit.type][unit.powertrain as keyof (typeof ENERGY_PER_HOUR)['rtg']];
      const used = rate[u.state] * hours;
      if (rate.unit === 'L') u.dieselLitres += used;
      else if (rate.unit === 'kg') u.hydrogenKg += used;
      else {
        u.electricityKwh += used;
        u.socKwh -= used;
      }
      return;
    }
    if (u.state === 'charging' && u.session && unit.battery) {
      const target = (unit.battery.capacityKwh * CHARGE_TO_PCT) / 100;
      const canAdd = unit.battery.chargeKw * hours;
      const needed = Math.max(0, target - u.socKwh);
      if (needed > canAdd) {
        u.socKwh += canAdd;
        return;
      }
      u.socKwh = target;
      const endMs = t + Math.round((needed / unit.battery.chargeKw) * HOUR);
      const s = u.session;
      const stop: ChargingSessionMessage = {
        messageType: 'charging-session',
        schemaVersion: 1,
        phase: 'stop',
        sessionId: s.id,
        chargerId: s.chargerId,
        equipmentId: unit.id,
        terminal: unit.terminal,
        observedAt: iso(endMs),
        startedAt: iso(s.startedMs),
        socStartPct: round((100 * s.socStartKwh) / unit.battery.capacityKwh, 2),
        endedAt: iso(endMs),
        socEndPct: round(pct(u), 2),
        energyKwh: round(u.socKwh - s.socStartKwh, 2),
      };
      emit(out, endMs, stop);
      ts.chargerBusy.set(s.chargerId, false);
      u.session = null;
    }
  }

  return {
    messagesIn(fromMs: number, toMs: number): readonly TimedTelemetry[] {
      const end = Math.min(toMs, scenario.endMs);
      const produced: TimedTelemetry[] = [];
      while (stepAt < end) {
        step(stepAt, produced);
        stepAt += stepMs;
      }
      const all = [...pending, ...produced]
        .filter((m) => m.atMs >= fromMs)
        .sort((a, b) => a.atMs - b.atMs || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
      pending = all.filter((m) => m.atMs >= toMs);
      return all.filter((m) => m.atMs < toMs);
    },
  };
}
