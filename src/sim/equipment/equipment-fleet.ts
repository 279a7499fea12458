/**
 * The cargo-handling equipment of each container terminal: ship-to-shore cranes (the terminal's crane count,
 * grid-tied) and, per crane, yard tractors, RTGs and top handlers (equipment-parameters.ts). The powertrains of
 * the mobile units follow the scenario's mix over the whole port: each powertrain gets its quota of units
 * (largest remainder), dealt out in a seeded shuffle, so the fleet's shares equal the knob to one unit and the
 * same seed gives the same fleet. Battery-electric units have a battery and the terminal a charger per
 * `UNITS_PER_CHARGER` of them. Pure.
 */
import type { EquipmentType, Powertrain } from '../../domain/equipment-telemetry.js';
import { Prng } from '../prng.js';
import { CHE_POWERTRAINS, type ChePowertrain, type Scenario } from '../scenario.js';
import { TERMINAL_CAPACITY } from '../terminal-capacity.js';
import { BATTERY, DEFAULT_CHE_POWERTRAIN_MIX, UNITS_PER_CHARGER, UNITS_PER_CRANE } from './equipment-parameters.js';

export interface EquipmentUnit {
  readonly id: string;
  readonly terminal: string;
  readonly type: EquipmentType;
  readonly powertrain: Powertrain;
  /** Battery-electric units only. */
  readonly battery: { readonly capacityKwh: number; readonly chargeKw: number } | null;
  /** Engine (drive) hours when the run starts. */
  readonly initialEngineHours: number;
  /** State of charge when the run starts (battery units; per cent). */
  readonly initialSocPct: number;
}

export interface TerminalFleet {
  readonly terminal: string;
  readonly units: readonly EquipmentUnit[];
  readonly chargers: readonly string[];
}

const TYPE_CODE: Readonly<Record<EquipmentType, string>> = {
  sts_crane: 'STS',
  yard_tractor: 'YT',
  rtg: 'RTG',
  top_handler: 'TH',
};
const MOBILE = ['yard_tractor', 'rtg', 'top_handler'] as const;

/** Counts per key in proportion to `shares` that add up to `total` (largest remainder; ties in key order). */
export function quotas<K extends string>(
  shares: Readonly<Partial<Record<K, number>>>,
  total: number,
): Record<K, number> {
  const entries = Object.entries(shares) as [K, number | undefined][];
  const sum = entries.reduce((s, [, w]) => s + Math.max(0, w ?? 0), 0);
  const exact = entries.map(([k, w]) => [k, (total * Math.max(0, w ?? 0)) / sum] as const);
  const out = Object.fromEntries(exact.map(([k, x]) => [k, Math.floor(x)])) as Record<K, number>;
  let left = total - exact.reduce((s, [, x]) => s + Math.floor(x), 0);
  const byRemainder = [...exact].sort((a, b) => b[1] - Math.floor(b[1]) - (a[1] - Math.floor(a[1])));
  for (const [k] of byRemainder) {
    if (left <= 0) break;
    out[k] += 1;
    left -= 1;
  }
  return out;
}

/** `items` in a seeded order (Fisher–Yates). */
export function shuffled<T>(rng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function powertrainMixOf(scenario: Scenario): Readonly<Partial<Record<ChePowertrain, number>>> {
  return scenario.equipment.powertrainMix ?? DEFAULT_CHE_POWERTRAIN_MIX;
}

/** Every terminal's fleet, terminals in code order. */
export function equipmentFleets(scenario: Scenario): readonly TerminalFleet[] {
  const root = Prng.ofSeed(scenario.seed).derive('equipment');
  const terminals = Object.keys(TERMINAL_CAPACITY).sort();
  const slots: { terminal: string; type: (typeof MOBILE)[number]; index: number }[] = [];
  for (const terminal of terminals) {
    const cranes = TERMINAL_CAPACITY[terminal]!.cranes;
    for (const type of MOBILE) {
      const n = Math.round(cranes * UNITS_PER_CRANE[type]);
      for (let i = 0; i < n; i++) slots.push({ terminal, type, index: i });
    }
  }
  const mix = powertrainMixOf(scenario);
  const counts = quotas(mix, slots.length);
  const deck = shuffled(
    root.derive('powertrains'),
    CHE_POWERTRAINS.flatMap((p) => Array.from({ length: counts[p] ?? 0 }, () => p)),
  );
  const fleets = new Map<string, EquipmentUnit[]>(terminals.map((t) => [t, []]));
  const unit = (terminal: string, type: EquipmentType, index: number, powertrain: Powertrain): EquipmentUnit => {
    const id = `${terminal}-${TYPE_CODE[type]}-${String(index + 1).padStart(3, '0')}`;
    const rng = root.derive('unit', id);
    const battery = powertrain === 'battery_electric' && type !== 'sts_crane' ? BATTERY[type] : null;
    return Object.freeze({
      id,
      terminal,
      type,
      powertrain,
      battery,
      initialEngineHours: Math.round(rng.uniform(1_000, 30_000)),
      initialSocPct: battery ? Math.round(rng.uniform(50, 95)) : 0,
    });
  };
  for (const terminal of terminals) {
    const cranes = TERMINAL_CAPACITY[terminal]!.cranes;
    for (let i = 0; i < cranes; i++) fleets.get(terminal)!.push(unit(terminal, 'sts_crane', i, 'grid_electric'));
  }
  slots.forEach((s, i) => fleets.get(s.terminal)!.push(unit(s.terminal, s.type, s.index, deck[i]!)));
  return terminals.map((terminal) => {
    const units = fleets.get(terminal)!;
    const batteries = units.filter((u) => u.battery).length;
    const nChargers = batteries === 0 ? 0 : Math.ceil(batteries / UNITS_PER_CHARGER);
    return Object.freeze({
      terminal,
      units,
      chargers: Array.from({ length: nChargers }, (_, i) => `${terminal}-CHG-${String(i + 1).padStart(2, '0')}`),
    });
  });
}
