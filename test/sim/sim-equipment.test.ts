/**
 * Cargo-handling equipment, drayage trucks and their telemetry (issue 12, src/sim/equipment/): the fleet's
 * powertrains and the trucks' fuels follow the scenario's mix; battery units never run flat and a charging
 * session's kWh is the charge it put back; units work when their terminal's cranes do; the same seed gives
 * the same telemetry; and every message the simulator publishes parses through the product's own parser
 * (`equipment-telemetry`) with no rejection.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChargingSessionMessage, EquipmentStatusMessage } from '../../src/domain/equipment-telemetry.js';
import { equipmentTelemetryParser } from '../../src/ingest/telemetry/equipment-telemetry-parser.js';
import { cargoLedger } from '../../src/sim/cargo/slot-ledger.js';
import { drayageTrucks } from '../../src/sim/equipment/drayage-trucks.js';
import { equipmentFleets } from '../../src/sim/equipment/equipment-fleet.js';
import { DEFAULT_CHE_POWERTRAIN_MIX } from '../../src/sim/equipment/equipment-parameters.js';
import { equipmentTelemetrySource, type TimedTelemetry } from '../../src/sim/equipment/equipment-telemetry.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/sim/scenario.js';
import { simulate, type SimRun } from '../../src/sim/simulate.js';
import { capacityOf } from '../../src/sim/terminal-capacity.js';

const HOUR = 3_600_000;

function scenarioOf(input: ScenarioInput): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return parsed.scenario;
}

function telemetryOf(run: SimRun): TimedTelemetry[] {
  const source = equipmentTelemetrySource(run);
  const out: TimedTelemetry[] = [];
  for (let t = run.scenario.startMs; t < run.scenario.endMs; t += HOUR) out.push(...source.messagesIn(t, t + HOUR));
  return out;
}

const shareOf = <T extends string>(items: readonly T[], key: T): number =>
  items.filter((i) => i === key).length / items.length;

/** A run with many battery units, so charging happens often (two days of May 2018). */
const ELECTRIC: ScenarioInput = {
  seed: 7,
  days: 2,
  start: '2018-05-07T00:00:00Z',
  warmupDays: 5,
  equipment: { powertrainMix: { diesel: 0.4, battery_electric: 0.4, hybrid: 0.1, hydrogen_fuel_cell: 0.1 } },
};
const electricRun = simulate(scenarioOf(ELECTRIC), loadSimInputs());
const electric = telemetryOf(electricRun);
const statuses = electric
  .map((m) => m.message)
  .filter((m): m is EquipmentStatusMessage => m.messageType === 'equipment-status');
const sessions = electric
  .map((m) => m.message)
  .filter((m): m is ChargingSessionMessage => m.messageType === 'charging-session');

describe('equipment fleet and drayage trucks', () => {
  it('should refuse a bad equipment knob with the field named', () => {
    const errors = (input: ScenarioInput): string[] => {
      const r = parseScenario(input);
      return r.ok ? [] : r.errors;
    };
    expect(errors({ equipment: { powertrainMix: { diesel: 0 } } })).toEqual([
      'equipment.powertrainMix: a mix needs at least one entry with a share above 0',
    ]);
    expect(errors({ equipment: { powertrainMix: { steam: 1 } } as unknown as ScenarioInput['equipment'] })[0]).toMatch(
      /^equipment\.powertrainMix: .*steam/,
    );
    expect(errors({ equipment: { drayageFuelMix: { diesel: -1 } } })[0]).toMatch(/^equipment\.drayageFuelMix\.diesel/);
    expect(errors({ equipment: { telemetryIntervalMinutes: 0 } })[0]).toMatch(/^equipment\.telemetryIntervalMinutes/);
    expect(scenarioOf({}).equipment).toEqual({ telemetryIntervalMinutes: 15 });
  });

  it('should give the mobile units the powertrain mix of the knob (to one unit), cranes grid-electric', () => {
    for (const input of [ELECTRIC, { seed: 3 }] as ScenarioInput[]) {
      const scenario = scenarioOf(input);
      const units = equipmentFleets(scenario).flatMap((f) => f.units);
      const mobile = units.filter((u) => u.type !== 'sts_crane');
      const mix = scenario.equipment.powertrainMix ?? DEFAULT_CHE_POWERTRAIN_MIX;
      const total = Object.values<number | undefined>(mix).reduce<number>((s, v) => s + (v ?? 0), 0);
      for (const [powertrain, share] of Object.entries<number | undefined>(mix)) {
        const n = mobile.filter((u) => u.powertrain === powertrain).length;
        expect(Math.abs(n - (mobile.length * (share ?? 0)) / total), powertrain).toBeLessThanOrEqual(1);
      }
      expect(units.filter((u) => u.type === 'sts_crane').every((u) => u.powertrain === 'grid_electric')).toBe(true);
      // 128 cranes in the model's terminals, ~10 mobile units per crane.
      expect(units.filter((u) => u.type === 'sts_crane')).toHaveLength(128);
      expect(mobile.length).toBeGreaterThan(1_100);
      expect(units.filter((u) => u.battery).every((u) => u.powertrain === 'battery_electric')).toBe(true);
    }
    const a = equipmentFleets(scenarioOf(ELECTRIC));
    expect(equipmentFleets(scenarioOf(ELECTRIC))).toEqual(a);
    expect(equipmentFleets(scenarioOf({ ...ELECTRIC, seed: 8 }))).not.toEqual(a);
  });

  it('should give every truck of the visits an engine model year and a fuel, in the knob mix', () => {
    const scenario = scenarioOf({
      ...ELECTRIC,
      equipment: { drayageFuelMix: { diesel: 0.5, natural_gas: 0.3, battery_electric: 0.2 } },
    });
    const trucks = drayageTrucks(scenario);
    const fuels = [...trucks.values()].map((t) => t.fuel);
    expect(trucks.size).toBeGreaterThan(700);
    expect(Math.abs(shareOf(fuels, 'diesel') - 0.5)).toBeLessThan(0.002);
    expect(Math.abs(shareOf(fuels, 'natural_gas') - 0.3)).toBeLessThan(0.002);
    expect(Math.abs(shareOf(fuels, 'battery_electric') - 0.2)).toBeLessThan(0.002);
    expect(shareOf(fuels, 'fuel_cell')).toBe(0);
    for (const t of trucks.values()) {
      expect(t.engineModelYear).toBeLessThanOrEqual(2018);
      expect(t.engineModelYear).toBeGreaterThanOrEqual(t.fuel === 'diesel' ? 2007 : 2010);
    }
    // Every plate the cargo model puts on a truck visit is a truck of the registry.
    const ledger = cargoLedger(7, electricRun.calls.slice(0, 6));
    let visits = 0;
    for (let cargo = ledger.nextCall(); cargo; cargo = ledger.nextCall()) {
      for (const box of cargo.imports) {
        if (box.leaves.mode !== 'truck') continue;
        for (const visit of [box.leaves.visit, box.leaves.emptyReturn]) {
          visits++;
          expect(trucks.get(visit.plate)?.trucker, visit.plate).toBe(visit.trucker.code);
        }
      }
    }
    expect(visits).toBeGreaterThan(100);
  });
});

describe('equipment telemetry', () => {
  it('should keep every battery above 0% and charge it: kWh of a session = state of charge regained × capacity', () => {
    const capacity = new Map(
      equipmentFleets(electricRun.scenario)
        .flatMap((f) => f.units)
        .filter((u) => u.battery)
        .map((u) => [u.id, u.battery!.capacityKwh]),
    );
    const battery = statuses.filter((s) => s.powertrain === 'battery_electric');
    expect(battery.length).toBeGreaterThan(1_000);
    const socs = battery.map((s) => s.socPct ?? NaN);
    expect(Math.min(...socs)).toBeGreaterThan(0);
    expect(Math.max(...socs)).toBeLessThanOrEqual(100);
    expect(Math.min(...socs)).toBeLessThan(30); // some did run down to the charging threshold
    expect(statuses.filter((s) => s.powertrain !== 'battery_electric').every((s) => s.socPct === null)).toBe(true);
    const stops = sessions.filter((s) => s.phase === 'stop');
    expect(stops.length).toBeGreaterThan(20);
    for (const s of stops) {
      const cap = capacity.get(s.equipmentId)!;
      const regained = ((s.socEndPct! - s.socStartPct) / 100) * cap;
      // Percentages are rounded to 0.01 and kWh to 0.01: within the rounding.
      expect(Math.abs(s.energyKwh! - regained), s.sessionId).toBeLessThanOrEqual(0.011 + cap * 0.0001);
      expect(s.energyKwh!).toBeGreaterThan(0);
      expect(Date.parse(s.endedAt!)).toBeGreaterThan(Date.parse(s.startedAt));
    }
    // Each stop closes a start of the same session on the same charger, no charger serves two units at once.
    const starts = new Map(sessions.filter((s) => s.phase === 'start').map((s) => [s.sessionId, s]));
    for (const s of stops) expect(starts.get(s.sessionId)?.chargerId).toBe(s.chargerId);
    const busy = new Map<string, number>();
    for (const s of [...sessions].sort(
      (a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt) || (a.phase === 'stop' ? -1 : 1),
    )) {
      const n = (busy.get(s.chargerId) ?? 0) + (s.phase === 'start' ? 1 : -1);
      expect(n, s.chargerId).toBeLessThanOrEqual(1);
      busy.set(s.chargerId, n);
    }
    // A unit reporting `charging` is battery-electric and has an open session.
    expect(statuses.filter((s) => s.state === 'charging').every((s) => s.powertrain === 'battery_electric')).toBe(true);
  });

  it("should work the yard when the terminal's cranes work, and count energy and engine hours up", () => {
    const callsAt = new Map<string, SimRun['calls'][number][]>();
    for (const c of electricRun.calls) callsAt.set(c.terminal, [...(callsAt.get(c.terminal) ?? []), c]);
    const cranesAt = (terminal: string, ms: number): number =>
      (callsAt.get(terminal) ?? [])
        .filter((c) => c.workStartMs <= ms && c.workEndMs > ms)
        .reduce((s, c) => s + c.cranes, 0);
    const at = new Map<string, { tractors: number; cranes: number; terminal: string; ms: number }>();
    for (const s of statuses) {
      if (s.equipmentType !== 'yard_tractor' && s.equipmentType !== 'sts_crane') continue;
      const key = `${s.terminal}|${s.observedAt}`;
      const e = at.get(key) ?? { tractors: 0, cranes: 0, terminal: s.terminal, ms: Date.parse(s.observedAt) };
      if (s.state === 'working') {
        if (s.equipmentType === 'yard_tractor') e.tractors++;
        else e.cranes++;
      }
      at.set(key, e);
    }
    let busy = 0;
    const wrong: string[] = [];
    for (const [key, e] of at) {
      const cranes = Math.min(cranesAt(e.terminal, e.ms), capacityOf(e.terminal).cranes);
      if (e.cranes !== cranes) wrong.push(`${key}: ${e.cranes} cranes working, ${cranes} in crane work`);
      if (cranes === 0 && e.tractors > 0) wrong.push(`${key}: ${e.tractors} tractors working without crane work`);
      if (cranes > 0) {
        busy++;
        if (e.tractors === 0 || e.tractors > 4 * cranes) {
          wrong.push(`${key}: ${e.tractors} tractors for ${cranes} cranes`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(busy).toBeGreaterThan(100);
    // Counters never go down, per unit.
    const last = new Map<string, EquipmentStatusMessage>();
    const down: string[] = [];
    for (const s of statuses) {
      const before = last.get(s.equipmentId);
      if (before) {
        if (s.engineHours < before.engineHours) down.push(`${s.equipmentId} engine hours at ${s.observedAt}`);
        for (const k of ['electricityKwh', 'dieselLitres', 'hydrogenKg'] as const) {
          if ((s.energy[k] ?? 0) < (before.energy[k] ?? 0)) down.push(`${s.equipmentId} ${k} at ${s.observedAt}`);
        }
      }
      last.set(s.equipmentId, s);
    }
    expect(down).toEqual([]);
    const diesel = statuses.filter((s) => s.powertrain === 'diesel' && s.equipmentType === 'rtg');
    expect(Math.max(...diesel.map((s) => s.energy.dieselLitres ?? 0))).toBeGreaterThan(10);
  });

  it('should parse through the product parser (equipment-telemetry) with no rejection', () => {
    const day = electric.filter((m) => m.atMs < electricRun.scenario.startMs + 6 * HOUR);
    const body = Buffer.from(`${day.map((m) => JSON.stringify(m.message)).join('\n')}\n`);
    const result = equipmentTelemetryParser.parse(body, {
      inboxId: '1',
      receivedAt: '2018-05-08T00:00:00.000Z',
      sourceOrg: 'sim-wbct',
      timeZone: 'UTC',
    });
    expect(result.rejected).toEqual([]);
    expect(result.events).toHaveLength(day.length);
    expect(new Set(result.events.map((e) => e.idempotencyKey)).size).toBe(day.length);
    // Topics name the terminal, the type and the unit (chargers: `charger` and the charger).
    for (const m of day.slice(0, 500)) {
      const parts = m.topic.split('/');
      expect(parts.slice(0, 3)).toEqual(['openpcs', 'telemetry', m.message.terminal]);
      if (m.message.messageType === 'equipment-status') {
        expect(parts.slice(3)).toEqual([m.message.equipmentType, m.message.equipmentId]);
      } else expect(parts.slice(3)).toEqual(['charger', m.message.chargerId]);
    }
  });

  it('should be the same for the same seed, another for another seed', () => {
    const base: ScenarioInput = { seed: 7, days: 0.25, start: '2018-03-05T06:00:00Z', warmupDays: 4 };
    const hash = (input: ScenarioInput): string =>
      createHash('sha256')
        .update(
          telemetryOf(simulate(scenarioOf(input), loadSimInputs()))
            .map((m) => `${m.topic} ${JSON.stringify(m.message)}`)
            .join('\n'),
        )
        .digest('hex');
    const first = hash(base);
    expect(hash(base)).toBe(first);
    expect(hash({ ...base, seed: 8 })).not.toBe(first);
    expect(hash({ ...base, equipment: { telemetryIntervalMinutes: 5 } })).not.toBe(first);
  });
});
