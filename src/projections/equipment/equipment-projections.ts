/**
 * Equipment read models (migration 0020; docs/equipment.md), from the telemetry events of format
 * `equipment-telemetry`:
 * - `equipment-units` (`EQST`): the newest status per unit in `equipment_unit` (a late, older report never
 *   overwrites a newer one), and in `equipment_day` the growth of the unit's counters since its previous report
 *   (equipment-counters.ts), on the local day (terminal's zone) of the later report, per terminal, type and
 *   powertrain. Events come in position order; the units of a page are read once, advanced in memory, written
 *   once.
 * - `charging-sessions` (`CHRG`): start and stop of a session merged per terminal × session id.
 * Each unit and session row keeps the time, organisation, inbox message and event of its newest fact and that
 * event's ownership columns, so readers apply the one visibility rule.
 */
import { sql, type Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { CHARGING_SESSION, EQUIPMENT_STATUS, type EnergyCounters } from '../../domain/equipment-telemetry.js';
import { LocalDates } from '../../domain/free-time/local-date.js';
import type { DB, EquipmentDayTable } from '../../store/schema.js';
import { chunks, provenance } from '../event-provenance.js';
import type { Projection } from '../projection.js';
import { terminalTimeZone } from '../terminal-kpis/terminal-time-zone.js';
import { counterGrowth, type CounterGrowth } from './equipment-counters.js';

interface UnitState {
  equipment_id: string;
  terminal_code: string;
  equipment_type: string;
  powertrain: string;
  state: string;
  soc_pct: number | null;
  observed_at: Date;
  first_observed_at: Date;
  engine_hours: number;
  electricity_kwh: number | null;
  diesel_litres: number | null;
  hydrogen_kg: number | null;
  source_org: string;
  inbox_id: string | null;
  event_id: string;
  last_event_seq: string;
  owner_orgs: string[];
  visibility: string;
}

const energyOf = (u: UnitState): EnergyCounters => ({
  ...(u.electricity_kwh === null ? {} : { electricityKwh: u.electricity_kwh }),
  ...(u.diesel_litres === null ? {} : { dieselLitres: u.diesel_litres }),
  ...(u.hydrogen_kg === null ? {} : { hydrogenKg: u.hydrogen_kg }),
});

/** A row of `equipment_day`, summed in memory before it is added to the stored one. */
type DayRow = EquipmentDayTable;

function addGrowth(days: Map<string, DayRow>, unit: UnitState, growth: CounterGrowth): void {
  const zone = terminalTimeZone(unit.terminal_code);
  const day = LocalDates.of(unit.observed_at, zone);
  const key = `${unit.terminal_code}|${day}|${unit.equipment_type}|${unit.powertrain}`;
  const row = days.get(key) ?? {
    terminal_code: unit.terminal_code,
    day,
    time_zone: zone,
    equipment_type: unit.equipment_type,
    powertrain: unit.powertrain,
    operating_hours: 0,
    electricity_kwh: 0,
    diesel_litres: 0,
    hydrogen_kg: 0,
  };
  row.operating_hours += growth.operatingHours;
  row.electricity_kwh += growth.electricityKwh;
  row.diesel_litres += growth.dieselLitres;
  row.hydrogen_kg += growth.hydrogenKg;
  days.set(key, row);
}

export const equipmentUnitProjection: Projection = {
  name: 'equipment-units',
  version: 1,
  tables: ['equipment_unit', 'equipment_day'],
  sources: [EQUIPMENT_STATUS],
  copiesVisibility: true,
  filter: { eventType: 'EQUIPMENT', eventTypeCode: EQUIPMENT_STATUS },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const statuses = events.flatMap((e) => (e.eventTypeCode === EQUIPMENT_STATUS ? [e] : []));
    if (statuses.length === 0) return;
    const ids = [...new Set(statuses.map((e) => e.payload.equipmentId))];
    const units = new Map<string, UnitState>();
    for (const chunk of chunks(ids)) {
      const rows = await trx.selectFrom('equipment_unit').selectAll().where('equipment_id', 'in', chunk).execute();
      for (const r of rows) units.set(r.equipment_id, { ...r });
    }
    const changed = new Set<string>();
    const days = new Map<string, DayRow>();
    for (const event of statuses) {
      const p = event.payload;
      const observedAt = new Date(event.eventDateTime);
      const held = units.get(p.equipmentId);
      if (held && held.observed_at.getTime() >= observedAt.getTime()) continue; // late or repeated report
      const next: UnitState = {
        equipment_id: p.equipmentId,
        terminal_code: p.terminal,
        equipment_type: p.equipmentType,
        powertrain: p.powertrain,
        state: p.state,
        soc_pct: p.socPct,
        observed_at: observedAt,
        first_observed_at: held?.first_observed_at ?? observedAt,
        engine_hours: p.engineHours,
        electricity_kwh: p.energy.electricityKwh ?? null,
        diesel_litres: p.energy.dieselLitres ?? null,
        hydrogen_kg: p.energy.hydrogenKg ?? null,
        ...provenance(event),
      };
      if (held) {
        const growth = counterGrowth(
          { observedAtMs: held.observed_at.getTime(), engineHours: held.engine_hours, energy: energyOf(held) },
          { observedAtMs: observedAt.getTime(), engineHours: p.engineHours, energy: p.energy },
        );
        if (growth) addGrowth(days, next, growth);
      }
      units.set(p.equipmentId, next);
      changed.add(p.equipmentId);
    }
    const rows = [...changed].map((id) => units.get(id)!);
    for (const chunk of chunks(rows)) {
      await trx
        .insertInto('equipment_unit')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('equipment_id').doUpdateSet({
            terminal_code: sql.ref('excluded.terminal_code'),
            equipment_type: sql.ref('excluded.equipment_type'),
            powertrain: sql.ref('excluded.powertrain'),
            state: sql.ref('excluded.state'),
            soc_pct: sql.ref('excluded.soc_pct'),
            observed_at: sql.ref('excluded.observed_at'),
            first_observed_at: sql.ref('excluded.first_observed_at'),
            engine_hours: sql.ref('excluded.engine_hours'),
            electricity_kwh: sql.ref('excluded.electricity_kwh'),
            diesel_litres: sql.ref('excluded.diesel_litres'),
            hydrogen_kg: sql.ref('excluded.hydrogen_kg'),
            source_org: sql.ref('excluded.source_org'),
            inbox_id: sql.ref('excluded.inbox_id'),
            event_id: sql.ref('excluded.event_id'),
            last_event_seq: sql.ref('excluded.last_event_seq'),
            owner_orgs: sql.ref('excluded.owner_orgs'),
            visibility: sql.ref('excluded.visibility'),
          }),
        )
        .execute();
    }
    for (const chunk of chunks([...days.values()])) {
      await trx
        .insertInto('equipment_day')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['terminal_code', 'day', 'equipment_type', 'powertrain']).doUpdateSet({
            operating_hours: sql`equipment_day.operating_hours + excluded.operating_hours`,
            electricity_kwh: sql`equipment_day.electricity_kwh + excluded.electricity_kwh`,
            diesel_litres: sql`equipment_day.diesel_litres + excluded.diesel_litres`,
            hydrogen_kg: sql`equipment_day.hydrogen_kg + excluded.hydrogen_kg`,
          }),
        )
        .execute();
    }
  },
};

export const chargingSessionProjection: Projection = {
  name: 'charging-sessions',
  version: 1,
  tables: ['charging_session'],
  sources: [CHARGING_SESSION],
  copiesVisibility: true,
  filter: { eventType: 'EQUIPMENT', eventTypeCode: CHARGING_SESSION },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    // Merged in memory per session first (a page may hold a session's start and stop), then upserted.
    const sessions = new Map<string, ReturnType<typeof sessionRow>>();
    for (const event of events) {
      if (event.eventTypeCode !== CHARGING_SESSION) continue;
      const row = sessionRow(event);
      const key = `${row.terminal_code}|${row.session_id}`;
      const held = sessions.get(key);
      sessions.set(key, held ? mergeSession(held, row) : row);
    }
    for (const chunk of chunks([...sessions.values()])) {
      await trx
        .insertInto('charging_session')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['terminal_code', 'session_id']).doUpdateSet({
            // A stop's figures stay once known; the provenance is the newest fact's.
            ended_at: sql`coalesce(excluded.ended_at, charging_session.ended_at)`,
            soc_end_pct: sql`coalesce(excluded.soc_end_pct, charging_session.soc_end_pct)`,
            energy_kwh: sql`coalesce(excluded.energy_kwh, charging_session.energy_kwh)`,
            observed_at: sql`greatest(excluded.observed_at, charging_session.observed_at)`,
            source_org: sql`case when excluded.observed_at >= charging_session.observed_at then excluded.source_org else charging_session.source_org end`,
            inbox_id: sql`case when excluded.observed_at >= charging_session.observed_at then excluded.inbox_id else charging_session.inbox_id end`,
            event_id: sql`case when excluded.observed_at >= charging_session.observed_at then excluded.event_id else charging_session.event_id end`,
            last_event_seq: sql`greatest(excluded.last_event_seq, charging_session.last_event_seq)`,
            owner_orgs: sql`case when excluded.observed_at >= charging_session.observed_at then excluded.owner_orgs else charging_session.owner_orgs end`,
            visibility: sql`case when excluded.observed_at >= charging_session.observed_at then excluded.visibility else charging_session.visibility end`,
          }),
        )
        .execute();
    }
  },
};

function sessionRow(event: StoredEvent & { eventTypeCode: typeof CHARGING_SESSION }) {
  const p = event.payload;
  return {
    terminal_code: p.terminal,
    session_id: p.sessionId,
    equipment_id: p.equipmentId,
    charger_id: p.chargerId,
    started_at: new Date(p.startedAt),
    ended_at: p.endedAt === undefined ? null : new Date(p.endedAt),
    soc_start_pct: p.socStartPct,
    soc_end_pct: p.socEndPct ?? null,
    energy_kwh: p.energyKwh ?? null,
    observed_at: new Date(event.eventDateTime),
    ...provenance(event),
  };
}

type SessionRow = ReturnType<typeof sessionRow>;

function mergeSession(held: SessionRow, next: SessionRow): SessionRow {
  const newer = next.observed_at.getTime() >= held.observed_at.getTime() ? next : held;
  return {
    ...newer,
    ended_at: next.ended_at ?? held.ended_at,
    soc_end_pct: next.soc_end_pct ?? held.soc_end_pct,
    energy_kwh: next.energy_kwh ?? held.energy_kwh,
  };
}

export function equipmentProjections(): Projection[] {
  return [equipmentUnitProjection, chargingSessionProjection];
}
