/**
 * Daily terminal KPIs (day = local calendar day in the terminal's zone), derived only from other read models,
 * so they are a deterministic function of them:
 * - import dwell (hours, discharge → gate-out or rail-out) of containers whose import left the terminal that
 *   day; export dwell (gate-in → load) of exports loaded that day: from `container_status`;
 * - truck turn time (minutes, gate-in → gate-out) of truck visits that left that day: from `truck_visit`;
 * - gate moves in / out: deduplicated GTIN / GTOT milestones that day: from `container_milestone`.
 * Runs after `container-status` and `truck-visits`. For each page it finds the containers and visits the
 * events name, the (terminal, day) rows they count in now and counted in before (`terminal_kpi_source`), and
 * recomputes exactly those rows from the source tables.
 */
import type { Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { LocalDates } from '../../domain/free-time/local-date.js';
import type { DB } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { CONTAINER_FACT_CODES } from '../../domain/containers/container-fact-from-event.js';
import { TRUCK_FACT_CODES, truckFactsOf } from '../truck-visits/truck-visit-facts.js';
import { summarise } from './kpi-stats.js';
import { terminalTimeZone } from './terminal-time-zone.js';

const CHUNK = 500;
const pairKey = (terminal: string, day: string): string => `${terminal}|${day}`;
const dayOf = (terminal: string, at: Date): string => LocalDates.of(at, terminalTimeZone(terminal));

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function currentSources(
  trx: Transaction<DB>,
  containers: readonly string[],
  visits: readonly string[],
): Promise<{ entity_key: string; terminal_code: string; day: string }[]> {
  const rows = new Map<string, { entity_key: string; terminal_code: string; day: string }>();
  const add = (entity: string, terminal: string | null, at: Date | null): void => {
    if (!terminal || !at) return;
    const day = dayOf(terminal, at);
    rows.set(`${entity}|${terminal}|${day}`, { entity_key: entity, terminal_code: terminal, day });
  };
  for (const refs of chunks(containers)) {
    const statuses = await trx
      .selectFrom('container_status')
      .select(['equipment_reference', 'terminal_code', 'direction', 'gated_out_at', 'loaded_at', 'dwell_hours'])
      .where('equipment_reference', 'in', refs)
      .execute();
    for (const s of statuses) {
      if (s.dwell_hours === null) continue;
      add(`c:${s.equipment_reference}`, s.terminal_code, s.direction === 'IMPORT' ? s.gated_out_at : s.loaded_at);
    }
    const gates = await trx
      .selectFrom('container_milestone')
      .select(['equipment_reference', 'terminal_code', 'at'])
      .where('equipment_reference', 'in', refs)
      .where('code', 'in', ['GTIN', 'GTOT'])
      .execute();
    for (const g of gates) add(`c:${g.equipment_reference}`, g.terminal_code, g.at);
  }
  for (const keys of chunks(visits)) {
    const rows2 = await trx
      .selectFrom('truck_visit')
      .select(['visit_key', 'terminal_code', 'gate_out_at', 'turn_time_minutes'])
      .where('visit_key', 'in', keys)
      .execute();
    for (const v of rows2) if (v.turn_time_minutes !== null) add(`v:${v.visit_key}`, v.terminal_code, v.gate_out_at);
  }
  return [...rows.values()];
}

async function recomputeDays(trx: Transaction<DB>, dirty: ReadonlyMap<string, { terminal: string; day: string }>) {
  const terminals = [...new Set([...dirty.values()].map((d) => d.terminal))];
  for (const terminal of terminals) {
    const zone = terminalTimeZone(terminal);
    const days = [...dirty.values()]
      .filter((d) => d.terminal === terminal)
      .map((d) => d.day)
      .sort();
    const lo = new Date(LocalDates.startUtc(days[0]!, zone));
    const hi = new Date(LocalDates.startUtc(LocalDates.addDays(days.at(-1)!, 1), zone));
    const wanted = new Set(days);
    const buckets = new Map<string, { imp: number[]; exp: number[]; turns: number[]; gin: number; gout: number }>();
    const bucket = (at: Date) => {
      const day = LocalDates.of(at, zone);
      if (!wanted.has(day)) return undefined;
      let b = buckets.get(day);
      if (!b) buckets.set(day, (b = { imp: [], exp: [], turns: [], gin: 0, gout: 0 }));
      return b;
    };
    const imports = await trx
      .selectFrom('container_status')
      .select(['gated_out_at', 'dwell_hours'])
      .where('terminal_code', '=', terminal)
      .where('direction', '=', 'IMPORT')
      .where('gated_out_at', '>=', lo)
      .where('gated_out_at', '<', hi)
      .where('dwell_hours', 'is not', null)
      .execute();
    for (const r of imports) bucket(r.gated_out_at!)?.imp.push(r.dwell_hours!);
    const exports = await trx
      .selectFrom('container_status')
      .select(['loaded_at', 'dwell_hours'])
      .where('terminal_code', '=', terminal)
      .where('direction', '=', 'EXPORT')
      .where('loaded_at', '>=', lo)
      .where('loaded_at', '<', hi)
      .where('dwell_hours', 'is not', null)
      .execute();
    for (const r of exports) bucket(r.loaded_at!)?.exp.push(r.dwell_hours!);
    const visits = await trx
      .selectFrom('truck_visit')
      .select(['gate_out_at', 'turn_time_minutes'])
      .where('terminal_code', '=', terminal)
      .where('gate_out_at', '>=', lo)
      .where('gate_out_at', '<', hi)
      .where('turn_time_minutes', 'is not', null)
      .execute();
    for (const r of visits) bucket(r.gate_out_at!)?.turns.push(r.turn_time_minutes!);
    const gates = await trx
      .selectFrom('container_milestone')
      .select(['code', 'at'])
      .where('terminal_code', '=', terminal)
      .where('code', 'in', ['GTIN', 'GTOT'])
      .where('at', '>=', lo)
      .where('at', '<', hi)
      .execute();
    for (const g of gates) {
      const b = bucket(g.at);
      if (b && g.code === 'GTIN') b.gin += 1;
      else if (b) b.gout += 1;
    }
    await trx.deleteFrom('terminal_kpi_daily').where('terminal_code', '=', terminal).where('day', 'in', days).execute();
    const rows = [...buckets.entries()].map(([day, b]) => {
      const imp = summarise(b.imp);
      const exp = summarise(b.exp);
      const turn = summarise(b.turns);
      return {
        terminal_code: terminal,
        day,
        time_zone: zone,
        import_dwell_count: imp.count,
        import_dwell_avg_hours: imp.avg,
        import_dwell_p50_hours: imp.p50,
        import_dwell_max_hours: imp.max,
        export_dwell_count: exp.count,
        export_dwell_avg_hours: exp.avg,
        export_dwell_p50_hours: exp.p50,
        export_dwell_max_hours: exp.max,
        truck_visits: turn.count,
        truck_turn_avg_minutes: turn.avg,
        truck_turn_p50_minutes: turn.p50,
        gate_in_moves: b.gin,
        gate_out_moves: b.gout,
      };
    });
    for (const part of chunks(rows)) await trx.insertInto('terminal_kpi_daily').values(part).execute();
  }
}

export const terminalKpiProjection: Projection = {
  name: 'terminal-kpis',
  version: 1,
  tables: ['terminal_kpi_daily', 'terminal_kpi_source'],
  reads: ['container_status', 'container_milestone', 'truck_visit'],
  // The truck visits' facts and the boxes' facts (dwell).
  sources: [...TRUCK_FACT_CODES, ...CONTAINER_FACT_CODES],
  copiesVisibility: false,
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const containers = new Set<string>();
    const visits = new Set<string>();
    for (const e of events) {
      if (e.references?.equipmentReference) containers.add(e.references.equipmentReference);
      for (const f of truckFactsOf(e)) if (f.kind !== 'appointment') visits.add(f.visitKey);
    }
    const entities = [...[...containers].map((c) => `c:${c}`), ...[...visits].map((v) => `v:${v}`)];
    if (entities.length === 0) return;
    const dirty = new Map<string, { terminal: string; day: string }>();
    for (const keys of chunks(entities)) {
      const previous = await trx
        .selectFrom('terminal_kpi_source')
        .selectAll()
        .where('entity_key', 'in', keys)
        .execute();
      for (const p of previous) dirty.set(pairKey(p.terminal_code, p.day), { terminal: p.terminal_code, day: p.day });
      await trx.deleteFrom('terminal_kpi_source').where('entity_key', 'in', keys).execute();
    }
    const now = await currentSources(trx, [...containers], [...visits]);
    for (const n of now) dirty.set(pairKey(n.terminal_code, n.day), { terminal: n.terminal_code, day: n.day });
    for (const part of chunks(now)) await trx.insertInto('terminal_kpi_source').values(part).execute();
    await recomputeDays(trx, dirty);
  },
};
