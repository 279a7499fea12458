/**
 * The port drayage truck registry and the drayage aggregates (docs/drayage.md). Trucks are filtered by the one
 * visibility rule (a trucking company sees the trucks it registered, the port authority all). The ZE share and the
 * Clean Truck Fund are published aggregates over every truck visit of the period, joined to the registry on the
 * truck plate of the gate transactions; they name no truck, and the disclosure floor is the domain's
 * (`domain/zero-emission/drayage-terminal-figures.ts`).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { lengthFtOf } from '../../domain/identifiers/iso6346-size-type.js';
import type { DrayageVisit, RegisteredTruck } from '../../domain/zero-emission/drayage-terminal-figures.js';
import { DRAYAGE_FUELS, type DrayageFuel } from '../../domain/zero-emission/ze-classification.js';
import type { DB, DrayageTruckTable } from '../../store/schema.js';
import { eventSource } from '../event-source.js';
import { badCursorProblem } from '../problem.js';
import type { DrayageTruckView } from './drayage-schema.js';

export interface DrayageTruckFilter {
  readonly scac?: string | undefined;
  readonly zeroEmission?: boolean | undefined;
  /** `<truckId>|<organisation>` of the last truck of the previous page. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** Terminals are in San Pedro Bay: a move's day is its local day there (the low-NOx sunset is a day). */
const LOCAL_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const isFuel = (v: string): v is DrayageFuel => (DRAYAGE_FUELS as readonly string[]).includes(v);

/** A plate as the registry keys it: upper case, without spaces or hyphens. */
export const truckKey = (plate: string): string => plate.toUpperCase().replace(/[\s-]+/g, '');

function view(r: Selectable<DrayageTruckTable>): DrayageTruckView {
  if (!isFuel(r.fuel)) throw new TypeError(`drayage_truck ${r.truck_id}: fuel "${r.fuel}" is not a registry fuel`);
  return {
    truckId: r.truck_id,
    operatorScac: r.operator_scac,
    engineModelYear: r.engine_model_year,
    fuel: r.fuel,
    zeroEmission: r.zero_emission,
    lowNox: r.low_nox,
    registeredAt: new Date(r.registered_at).toISOString(),
    asOf: new Date(r.stated_at).toISOString(),
    source: eventSource(r),
  };
}

export class DrayageReader {
  constructor(private readonly db: Kysely<DB>) {}

  /** One page of the registry trucks the caller may see, by truck id then registering organisation. */
  async trucks(filter: DrayageTruckFilter, scope: AccessScope): Promise<{ trucks: DrayageTruckView[]; more: boolean }> {
    let query = this.db.selectFrom('drayage_truck').selectAll().where(visibleTo(scope, 'drayage_truck'));
    if (filter.scac) query = query.where('operator_scac', '=', filter.scac);
    if (filter.zeroEmission !== undefined) query = query.where('zero_emission', '=', filter.zeroEmission);
    if (filter.after !== undefined) {
      const bar = filter.after.indexOf('|');
      if (bar < 1) throw badCursorProblem();
      const truckId = filter.after.slice(0, bar);
      const org = filter.after.slice(bar + 1);
      query = query.where(sql<boolean>`(drayage_truck.truck_id, drayage_truck.source_org) > (${truckId}, ${org})`);
    }
    const rows = await query
      .orderBy('truck_id')
      .orderBy('source_org')
      .limit(filter.limit + 1)
      .execute();
    return { trucks: rows.slice(0, filter.limit).map(view), more: rows.length > filter.limit };
  }

  /**
   * The "as of" of the drayage aggregates: the newest gate event (gate-out, else gate-in) of the truck visits that
   * started in [from, to) at these terminals (the shown ones: a withheld terminal's times stay withheld too); null
   * when there is none.
   */
  async newestVisit(
    from: Date | undefined,
    to: Date | undefined,
    terminals: readonly string[],
  ): Promise<string | null> {
    if (terminals.length === 0) return null;
    const start = sql<Date>`coalesce(truck_visit.gate_in_at, truck_visit.gate_out_at)`;
    let query = this.db
      .selectFrom('truck_visit')
      .select(sql<Date | string | null>`max(coalesce(truck_visit.gate_out_at, truck_visit.gate_in_at))`.as('at'))
      .where('terminal_code', 'in', [...terminals]);
    if (from) query = query.where(sql<boolean>`${start} >= ${from}`);
    if (to) query = query.where(sql<boolean>`${start} < ${to}`);
    const at = (await query.executeTakeFirst())?.at ?? null;
    return at === null ? null : new Date(at).toISOString();
  }

  /**
   * Every truck visit that started (gate-in, else gate-out) in [from, to), with its truck's registry entry — the
   * newest statement of that truck id by any sender — and its container moves of a known length.
   */
  async visits(from: Date | undefined, to: Date | undefined): Promise<DrayageVisit[]> {
    const start = sql<Date>`coalesce(truck_visit.gate_in_at, truck_visit.gate_out_at)`;
    let query = this.db.selectFrom('truck_visit').select(['terminal_code', 'truck_plate', 'transactions']);
    if (from) query = query.where(sql<boolean>`${start} >= ${from}`);
    if (to) query = query.where(sql<boolean>`${start} < ${to}`);
    const rows = await query.execute();
    const plates = [...new Set(rows.map((r) => (r.truck_plate ? truckKey(r.truck_plate) : '')).filter(Boolean))];
    const registry = new Map<string, RegisteredTruck>();
    if (plates.length > 0) {
      const trucks = await this.db
        .selectFrom('drayage_truck')
        .select(['truck_id', 'fuel', 'low_nox'])
        .where('truck_id', 'in', plates)
        .orderBy('stated_at')
        .orderBy('last_event_seq')
        .execute();
      for (const t of trucks) if (isFuel(t.fuel)) registry.set(t.truck_id, { fuel: t.fuel, lowNox: t.low_nox });
    }
    return rows.map((r) => ({
      terminal: r.terminal_code,
      truck: (r.truck_plate && registry.get(truckKey(r.truck_plate))) || null,
      moves: r.transactions.flatMap((t) => {
        const length = t.isoEquipmentCode ? lengthFtOf(t.isoEquipmentCode) : null;
        const lengthFt = length === 20 ? 20 : length === 40 ? 40 : length === 45 ? 45 : null;
        if (lengthFt === null) return [];
        return [{ lengthFt, loaded: t.emptyIndicatorCode === 'LADEN', day: LOCAL_DAY.format(new Date(t.at)) }];
      }),
    }));
  }
}
