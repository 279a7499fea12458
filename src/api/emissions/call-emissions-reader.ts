/**
 * Per-call emissions as one caller may see them (`GET /emissions/calls`, `/emissions/calls/{callId}`,
 * `/emissions/summary`). Rows follow the rule of their vessel call (the call's audience: visibility and owners of the
 * AIS it was detected from, `access/visibility-filter.ts`); a call seen through several audiences counts once (the
 * first audience in order). The list is ordered by call start, then call id (the keyset of its cursor).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { gridCo2 } from '../../emissions/call-emissions.js';
import type { DB } from '../../store/schema.js';
import {
  callEmissionsDetail,
  callEmissionsView,
  missedNetCo2G,
  type CallEmissionsDetail,
  type CallEmissionsView,
  type EmissionsSummary,
  type SummaryGroupBy,
} from './call-emissions-view.js';
import { CALL_EMISSIONS_SOURCE } from './call-emissions-view.js';
import type { CallListKey } from '../vessels/vessel-call-id.js';

export interface CallEmissionsFilter {
  readonly terminal?: string | undefined;
  readonly mmsi?: string | undefined;
  readonly imo?: string | undefined;
  /** Calls still in port at or after this instant. */
  readonly from?: Date | undefined;
  /** Calls that started at or before this instant. */
  readonly to?: Date | undefined;
}

function conditions(filter: CallEmissionsFilter, scope: AccessScope): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [visibleTo(scope, 'vessel_call_emissions')];
  if (filter.terminal) parts.push(sql`vessel_call_emissions.terminal = ${filter.terminal}`);
  if (filter.mmsi) parts.push(sql`vessel_call_emissions.mmsi = ${filter.mmsi}`);
  if (filter.imo) parts.push(sql`vessel_call_emissions.imo = ${filter.imo}`);
  if (filter.to) parts.push(sql`vessel_call_emissions.call_start <= ${filter.to}`);
  if (filter.from) {
    parts.push(sql`(vessel_call_emissions.call_end is null or vessel_call_emissions.call_end >= ${filter.from})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

interface SummaryRow {
  key: string | null;
  calls: number;
  computed_calls: number;
  hours: number;
  fuel_g: number;
  co2_g: number;
  ch4_g: number;
  n2o_g: number;
  so2_g: number;
  nox_g: number;
  pm10_g: number;
  pm25_g: number;
  shore_power_hours: number;
  shore_power_kwh: number;
  grid_kwh: number;
  avoided_co2_g: number;
  connected_calls: number;
  missed_calls: number;
  missed_shore_power_kwh: number;
  missed_avoidable_co2_g: number;
  as_of: Date | string | null;
}

const num = (x: unknown): number => (typeof x === 'number' ? x : Number(x ?? 0));

export class CallEmissionsReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly gridCo2GPerKwh: number,
  ) {}

  async list(
    filter: CallEmissionsFilter & { readonly after?: CallListKey | undefined; readonly limit: number },
    scope: AccessScope,
  ): Promise<{ calls: CallEmissionsView[]; more: boolean }> {
    let query = this.db
      .selectFrom('vessel_call_emissions')
      .selectAll()
      .distinctOn(['call_start', 'call_id'])
      .where(conditions(filter, scope));
    const { after, limit } = filter;
    if (after) query = query.where(sql<boolean>`(call_start, call_id) > (${after.start}, ${after.callId})`);
    const rows = await query
      .orderBy('call_start')
      .orderBy('call_id')
      .orderBy('audience')
      .limit(limit + 1)
      .execute();
    return {
      calls: rows.slice(0, limit).map((r) => callEmissionsView(r, this.gridCo2GPerKwh)),
      more: rows.length > limit,
    };
  }

  /** One call; undefined when it has no row or the caller may not see it (the same 404). */
  async get(callId: string, scope: AccessScope): Promise<CallEmissionsDetail | undefined> {
    const row = await this.db
      .selectFrom('vessel_call_emissions')
      .selectAll()
      .where('call_id', '=', callId)
      .where(visibleTo(scope, 'vessel_call_emissions'))
      .orderBy('audience')
      .limit(1)
      .executeTakeFirst();
    return row ? callEmissionsDetail(row, this.gridCo2GPerKwh) : undefined;
  }

  async summary(groupBy: SummaryGroupBy, filter: CallEmissionsFilter, scope: AccessScope): Promise<EmissionsSummary> {
    const calls = sql`(select distinct on (call_id) * from vessel_call_emissions
      where ${conditions(filter, scope)} order by call_id, audience)`;
    const pollutant = (name: string, column: string): RawBuilder<unknown> =>
      groupBy === 'mode'
        ? sql`coalesce(sum((m.value->'pollutants'->>${name})::float8), 0)`
        : sql`coalesce(sum(c.${sql.raw(column)}), 0)`;
    const hotelOnly = (column: string): RawBuilder<unknown> =>
      groupBy === 'mode'
        ? sql`coalesce(sum(case when m.value->>'mode' = 'hotelling' then c.${sql.raw(column)} else 0 end), 0)`
        : sql`coalesce(sum(c.${sql.raw(column)}), 0)`;
    // By mode, a call's shore power counts in its hotelling group only.
    const hotelFilter = groupBy === 'mode' ? sql` and m.value->>'mode' = 'hotelling'` : sql``;
    const key =
      groupBy === 'terminal'
        ? sql`c.terminal`
        : groupBy === 'day'
          ? sql`to_char(c.call_start at time zone 'UTC', 'YYYY-MM-DD')`
          : sql`m.value->>'mode'`;
    const from =
      groupBy === 'mode' ? sql`${calls} c cross join lateral jsonb_array_elements(c.modes) m` : sql`${calls} c`;
    const result = await sql<SummaryRow>`select ${key} as key,
        count(distinct c.call_id)::int as calls,
        count(distinct c.call_id) filter (where c.status = 'computed')::int as computed_calls,
        ${groupBy === 'mode' ? sql`coalesce(sum((m.value->>'hours')::float8), 0)` : sql`coalesce(sum(c.hours), 0)`} as hours,
        ${groupBy === 'mode' ? sql`coalesce(sum((m.value->>'fuelTotalG')::float8), 0)` : sql`coalesce(sum(c.fuel_g), 0)`} as fuel_g,
        ${pollutant('co2G', 'co2_g')} as co2_g,
        ${pollutant('ch4G', 'ch4_g')} as ch4_g,
        ${pollutant('n2oG', 'n2o_g')} as n2o_g,
        ${pollutant('so2G', 'so2_g')} as so2_g,
        ${pollutant('noxG', 'nox_g')} as nox_g,
        ${pollutant('pm10G', 'pm10_g')} as pm10_g,
        ${pollutant('pm25G', 'pm25_g')} as pm25_g,
        ${hotelOnly('shore_power_hours')} as shore_power_hours,
        ${hotelOnly('shore_power_kwh')} as shore_power_kwh,
        ${hotelOnly('grid_kwh')} as grid_kwh,
        ${hotelOnly('avoided_co2_g')} as avoided_co2_g,
        count(distinct c.call_id) filter (where c.shore_power_hours > 0${hotelFilter})::int as connected_calls,
        count(distinct c.call_id) filter (where c.missed_shore_power${hotelFilter})::int as missed_calls,
        ${hotelOnly('missed_shore_power_kwh')} as missed_shore_power_kwh,
        ${hotelOnly('missed_avoidable_co2_g')} as missed_avoidable_co2_g,
        max(c.as_of) as as_of
      from ${from}
      group by 1 order by 1 nulls last`.execute(this.db);
    let asOf: string | null = null;
    const groups = result.rows.map((r) => {
      const at = r.as_of === null ? null : new Date(r.as_of).toISOString();
      if (at !== null && (asOf === null || at > asOf)) asOf = at;
      const grid = gridCo2(num(r.grid_kwh), num(r.avoided_co2_g), this.gridCo2GPerKwh);
      return {
        key: r.key,
        calls: num(r.calls),
        computedCalls: num(r.computed_calls),
        hours: num(r.hours),
        totals: {
          fuelG: num(r.fuel_g),
          co2G: num(r.co2_g),
          ch4G: num(r.ch4_g),
          n2oG: num(r.n2o_g),
          so2G: num(r.so2_g),
          noxG: num(r.nox_g),
          pm10G: num(r.pm10_g),
          pm25G: num(r.pm25_g),
        },
        shorePower: {
          connectedHours: num(r.shore_power_hours),
          shorePowerKwh: num(r.shore_power_kwh),
          gridKwh: num(r.grid_kwh),
          gridCo2GPerKwh: grid.gridCo2GPerKwh,
          gridCo2G: grid.gridCo2G,
          avoidedCo2G: num(r.avoided_co2_g),
          netCo2ReductionG: grid.netCo2ReductionG,
          connectedCalls: num(r.connected_calls),
          missedCalls: num(r.missed_calls),
          connectionRatePct:
            num(r.connected_calls) + num(r.missed_calls) === 0
              ? null
              : (100 * num(r.connected_calls)) / (num(r.connected_calls) + num(r.missed_calls)),
          missedShorePowerKwh: num(r.missed_shore_power_kwh),
          missedAvoidableCo2G: num(r.missed_avoidable_co2_g),
          missedNetCo2ReductionG: missedNetCo2G(
            num(r.missed_shore_power_kwh),
            num(r.missed_avoidable_co2_g),
            this.gridCo2GPerKwh,
          ),
        },
      };
    });
    return { groupBy, groups, asOf, source: { ...CALL_EMISSIONS_SOURCE } };
  }
}
