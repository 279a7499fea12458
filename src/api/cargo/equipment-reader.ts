/**
 * The equipment answers over the equipment read models (migration 0020; docs/equipment.md). Units and charging
 * sessions pass `visibleToOrOperator`: the one visibility rule, plus the units at terminals the caller's
 * organisation operates; the port authority sees all. The zero-emission shares are community aggregates: counts,
 * hours and energy per terminal and port-wide, over every unit, for any member.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleToOrOperator } from '../../access/visibility-filter.js';
import type { EquipmentState, EquipmentType, Powertrain } from '../../domain/equipment-telemetry.js';
import { isZeroEmissionPowertrain } from '../../domain/zero-emission/ze-classification.js';
import { CHE_TARGET, cheZeroEmissionShare, progressToward } from '../../domain/zero-emission/ze-share.js';
import type { ChargingSessionTable, DB, EquipmentUnitTable } from '../../store/schema.js';
import type { ChargingSessionView, EquipmentUnit, ZeShare } from './equipment-schema.js';

type UnitRow = Selectable<EquipmentUnitTable>;
type SessionRow = Selectable<ChargingSessionTable>;

export interface EquipmentFilter {
  readonly terminal?: string | undefined;
  readonly type?: EquipmentType | undefined;
  readonly powertrain?: Powertrain | undefined;
  readonly equipmentId?: string | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

export interface SessionFilter {
  readonly terminal?: string | undefined;
  readonly equipmentId?: string | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

const sourceOf = (r: { source_org: string; inbox_id: string | null; event_id: string }) => ({
  organisation: r.source_org,
  inboxId: r.inbox_id,
  eventId: r.event_id,
});

function unitView(r: UnitRow, sessions: { count: number; energyKwh: number } | undefined): EquipmentUnit {
  const powertrain = r.powertrain as Powertrain;
  return {
    equipmentId: r.equipment_id,
    terminal: r.terminal_code,
    equipmentType: r.equipment_type as EquipmentType,
    powertrain,
    zeroEmission: isZeroEmissionPowertrain(powertrain),
    state: r.state as EquipmentState,
    socPct: r.soc_pct,
    operatingHours: r.engine_hours,
    energy: { electricityKwh: r.electricity_kwh, dieselLitres: r.diesel_litres, hydrogenKg: r.hydrogen_kg },
    chargingSessions: sessions ?? { count: 0, energyKwh: 0 },
    firstObservedAt: r.first_observed_at.toISOString(),
    asOf: r.observed_at.toISOString(),
    source: sourceOf(r),
  };
}

function sessionView(r: SessionRow): ChargingSessionView {
  return {
    sessionId: r.session_id,
    terminal: r.terminal_code,
    equipmentId: r.equipment_id,
    chargerId: r.charger_id,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    socStartPct: r.soc_start_pct,
    socEndPct: r.soc_end_pct,
    energyKwh: r.energy_kwh,
    asOf: r.observed_at.toISOString(),
    source: sourceOf(r),
  };
}

export interface EquipmentPage {
  readonly units: EquipmentUnit[];
  readonly more: boolean;
  /** Units behind the page that are not public (for the read audit). */
  readonly nonPublic: number;
}

interface Totals {
  electricityKwh: number;
  dieselLitres: number;
  hydrogenKg: number;
  sessions: number;
  sessionKwh: number;
}
const zeroTotals = (): Totals => ({ electricityKwh: 0, dieselLitres: 0, hydrogenKg: 0, sessions: 0, sessionKwh: 0 });
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
/** Sums of many floating-point figures, to the thousandth (no 240.95999999 in answers). */
const milli = (v: number): number => Math.round(v * 1000) / 1000;

export class EquipmentReader {
  constructor(private readonly db: Kysely<DB>) {}

  async list(filter: EquipmentFilter, scope: AccessScope): Promise<EquipmentPage> {
    let query = this.db.selectFrom('equipment_unit').selectAll().where(visibleToOrOperator(scope, 'equipment_unit'));
    if (filter.terminal) query = query.where('terminal_code', '=', filter.terminal);
    if (filter.type) query = query.where('equipment_type', '=', filter.type);
    if (filter.powertrain) query = query.where('powertrain', '=', filter.powertrain);
    if (filter.equipmentId) query = query.where('equipment_id', '=', filter.equipmentId);
    if (filter.after) query = query.where('equipment_id', '>', filter.after);
    const rows = await query
      .orderBy('equipment_id')
      .limit(filter.limit + 1)
      .execute();
    const kept = rows.slice(0, filter.limit);
    const sessions = await this.sessionTotals(
      kept.map((r) => r.equipment_id),
      scope,
    );
    return {
      units: kept.map((r) => unitView(r, sessions.get(r.equipment_id))),
      more: rows.length > filter.limit,
      nonPublic: kept.filter((r) => r.visibility !== 'public').length,
    };
  }

  /** Charging sessions per unit that the caller may see. */
  private async sessionTotals(
    ids: readonly string[],
    scope: AccessScope,
  ): Promise<Map<string, { count: number; energyKwh: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('charging_session')
      .select(['equipment_id', sql<string>`count(*)`.as('n'), sql<number | null>`sum(energy_kwh)`.as('kwh')])
      .where('equipment_id', 'in', ids)
      .where(visibleToOrOperator(scope, 'charging_session'))
      .groupBy('equipment_id')
      .execute();
    return new Map(rows.map((r) => [r.equipment_id, { count: Number(r.n), energyKwh: num(r.kwh) }]));
  }

  async sessions(
    filter: SessionFilter,
    scope: AccessScope,
  ): Promise<{ sessions: ChargingSessionView[]; more: boolean; nonPublic: number }> {
    let query = this.db
      .selectFrom('charging_session')
      .selectAll()
      .where(visibleToOrOperator(scope, 'charging_session'));
    if (filter.terminal) query = query.where('terminal_code', '=', filter.terminal);
    if (filter.equipmentId) query = query.where('equipment_id', '=', filter.equipmentId);
    if (filter.after) {
      // `<terminal>|<session id>`: an SMDG code holds no `|`, so the first one separates.
      const bar = filter.after.indexOf('|');
      const terminal = filter.after.slice(0, Math.max(0, bar));
      const session = filter.after.slice(bar + 1);
      query = query.where(sql<boolean>`(terminal_code, session_id) > (${terminal}, ${session})`);
    }
    const rows = await query
      .orderBy('terminal_code')
      .orderBy('session_id')
      .limit(filter.limit + 1)
      .execute();
    const kept = rows.slice(0, filter.limit);
    return {
      sessions: kept.map(sessionView),
      more: rows.length > filter.limit,
      nonPublic: kept.filter((r) => r.visibility !== 'public').length,
    };
  }

  /**
   * ZE shares per terminal and port-wide: by count over the units' latest powertrain, by hours and energy over
   * the daily rollups of [from, to] (local days, inclusive; open ends take everything), charging sessions that
   * started in the same days (terminal's zone). Progress is the port's share by count against the 2030 goal, in
   * the year of the newest report.
   */
  async zeShare(window: { readonly from?: string | undefined; readonly to?: string | undefined }): Promise<ZeShare> {
    const units = await this.db
      .selectFrom('equipment_unit')
      .select(['terminal_code', 'equipment_type', 'powertrain', 'observed_at'])
      .execute();
    let days = this.db
      .selectFrom('equipment_day')
      .select([
        'terminal_code',
        'equipment_type',
        'powertrain',
        sql<number>`sum(operating_hours)`.as('hours'),
        sql<number>`sum(electricity_kwh)`.as('kwh'),
        sql<number>`sum(diesel_litres)`.as('litres'),
        sql<number>`sum(hydrogen_kg)`.as('kg'),
      ]);
    if (window.from) days = days.where('day', '>=', window.from);
    if (window.to) days = days.where('day', '<=', window.to);
    const dayRows = await days.groupBy(['terminal_code', 'equipment_type', 'powertrain']).execute();
    let sessions = this.db
      .selectFrom('charging_session')
      .select(['terminal_code', sql<string>`count(*)`.as('n'), sql<number | null>`sum(energy_kwh)`.as('kwh')]);
    const localDay = sql<string>`to_char(started_at at time zone 'America/Los_Angeles', 'YYYY-MM-DD')`;
    if (window.from) sessions = sessions.where(localDay, '>=', window.from);
    if (window.to) sessions = sessions.where(localDay, '<=', window.to);
    const sessionRows = await sessions.groupBy('terminal_code').execute();

    const terminals = [
      ...new Set([...units.map((u) => u.terminal_code), ...dayRows.map((d) => d.terminal_code)]),
    ].sort();
    const shareOf = (terminal: string | null) => {
      const mine = <T extends { terminal_code: string }>(rows: readonly T[]) =>
        terminal === null ? rows : rows.filter((r) => r.terminal_code === terminal);
      const byCount = cheZeroEmissionShare(
        mine(units).map((u) => ({
          equipmentType: u.equipment_type as EquipmentType,
          powertrain: u.powertrain as Powertrain,
          operatingHours: 0,
        })),
      );
      const byHours = cheZeroEmissionShare(
        mine(dayRows).map((d) => ({
          equipmentType: d.equipment_type as EquipmentType,
          powertrain: d.powertrain as Powertrain,
          operatingHours: num(d.hours),
        })),
      );
      const totals = zeroTotals();
      for (const d of mine(dayRows)) {
        totals.electricityKwh += num(d.kwh);
        totals.dieselLitres += num(d.litres);
        totals.hydrogenKg += num(d.kg);
      }
      for (const s of mine(sessionRows)) {
        totals.sessions += Number(s.n);
        totals.sessionKwh += num(s.kwh);
      }
      return {
        units: byCount.units,
        zeUnits: byCount.zeUnits,
        shareByCount: byCount.shareByCount,
        operatingHours: milli(byHours.operatingHours),
        zeOperatingHours: milli(byHours.zeOperatingHours),
        shareByHours: byHours.shareByHours,
        energy: {
          electricityKwh: milli(totals.electricityKwh),
          dieselLitres: milli(totals.dieselLitres),
          hydrogenKg: milli(totals.hydrogenKg),
        },
        chargingSessions: { count: totals.sessions, energyKwh: milli(totals.sessionKwh) },
      };
    };
    const newest = units.reduce<Date | null>((m, u) => (m === null || u.observed_at > m ? u.observed_at : m), null);
    const port = shareOf(null);
    const year = (newest ?? new Date()).getUTCFullYear();
    return {
      from: window.from ?? null,
      to: window.to ?? null,
      asOf: newest?.toISOString() ?? null,
      terminals: terminals.map((terminal) => ({ terminal, ...shareOf(terminal) })),
      port,
      target: progressToward(CHE_TARGET, port.shareByCount, year),
    };
  }
}
