/**
 * What the green-corridor and just-in-time answers read (issue 15; docs/emissions.md): the vessel calls the caller may
 * see with, per call, the previous and next port — the carrier schedule (`vessel_schedule`: the same IMO's call
 * elsewhere, departed before this arrival / arriving after this departure), else the port of loading of the boxes
 * discharged (`portOfLoading` of DISC events, COARRI LOC+9), else, for the vessel's latest call only, the AIS
 * destination (flagged) — its length (AIS static), TEU discharged and loaded (DISC/LOAD events of its IMO in the
 * call's window), and for just-in-time advice the track before it anchored. The figures are computed by
 * `emissions/corridor-voyages.ts` and `emissions/jit-arrival.ts`; this file only reads.
 */
import { sql, type Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { statedSchedule } from '../forecasts/stated-schedule.js';
import { estimateContainerShip } from '../../emissions/container-ship-estimate.js';
import {
  corridorFigures,
  corridorProgress,
  corridorTrend,
  corridorVoyagesOf,
  type CallFacts,
  type CorridorVoyage,
  type PortFact,
} from '../../emissions/corridor-voyages.js';
import { greatCircleNm } from '../../emissions/great-circle.js';
import type { Corridor, GreenCorridorConfig } from '../../emissions/green-corridor-config.js';
import { jitAdvice, type JitAdvice } from '../../emissions/jit-arrival.js';
import type { DB } from '../../store/schema.js';

/** How much of the track before anchoring counts as the approach the advice re-plans, hours. */
export const JIT_APPROACH_HOURS = 6;
/** Equipment events this long before arrival / after departure still belong to the call. */
const CALL_MARGIN_MS = 24 * 3_600_000;

export interface Window {
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

interface CallRow {
  call_id: string;
  mmsi: string;
  imo: string | null;
  vessel_name: string | null;
  port: string | null;
  ata: Date | null;
  ata_anchorage: Date | null;
  time_at_anchor_min: number | null;
  atb: Date | null;
  atd: Date | null;
  atd_port: Date | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** A UN/LOCODE of the corridor ports in an AIS destination text (`CNSHA`, `CN SHA`, `LOS ANGELES>CNSHA`). */
export function destinationPort(destination: string | null, ports: readonly string[]): string | null {
  if (!destination) return null;
  const text = destination.toUpperCase().replace(/\s+/g, ' ');
  for (const p of ports) {
    if (text.includes(p) || text.includes(`${p.slice(0, 2)} ${p.slice(2)}`)) return p;
  }
  return null;
}

const teuOf = (isoCode: string | null): number => (isoCode?.startsWith('2') ? 1 : 2);

export class CorridorReader {
  constructor(
    private readonly db: Kysely<DB>,
    readonly config: GreenCorridorConfig,
  ) {}

  private async calls(scope: AccessScope, window: Window, callId?: string): Promise<CallRow[]> {
    const start = sql<Date>`coalesce(vessel_call.ata, vessel_call.ata_anchorage, vessel_call.atb)`;
    let q = this.db
      .selectFrom('vessel_call')
      .select([
        'call_id',
        'mmsi',
        'imo',
        'vessel_name',
        'port',
        'ata',
        'ata_anchorage',
        'time_at_anchor_min',
        'atb',
        'atd',
        'atd_port',
      ])
      .distinctOn('call_id')
      .where(visibleTo(scope, 'vessel_call'));
    if (callId) q = q.where('call_id', '=', callId);
    if (window.from) q = q.where(sql<boolean>`${start} >= ${window.from}`);
    if (window.to) q = q.where(sql<boolean>`${start} <= ${window.to}`);
    return await q.orderBy('call_id').orderBy('audience').execute();
  }

  /** What the product knows of each call, for `corridorVoyagesOf`. */
  async callFacts(scope: AccessScope, window: Window): Promise<CallFacts[]> {
    const rows = (await this.calls(scope, window)).filter((r) => r.port !== null);
    if (rows.length === 0) return [];
    const imos = [...new Set(rows.map((r) => r.imo).filter((i): i is string => i !== null))];
    const mmsis = [...new Set(rows.map((r) => r.mmsi))];
    const vessels = await this.db
      .selectFrom('vessel')
      .select(['mmsi', 'length_m', 'destination', 'static_at'])
      .where('mmsi', 'in', mmsis)
      .where(visibleTo(scope, 'vessel'))
      .orderBy('static_at', 'desc')
      .execute();
    const schedule =
      imos.length === 0
        ? []
        : await this.db
            .selectFrom(statedSchedule(this.db, { imos }))
            .select(['vessel_imo_number', 'un_location_code', 'eta', 'ata', 'etd', 'atd'])
            .where('vessel_imo_number', 'in', imos)
            .execute();
    const moves =
      imos.length === 0
        ? []
        : await this.db
            .selectFrom('event')
            .select([
              'vessel_imo_number',
              'event_type_code',
              'event_date_time',
              'equipment_reference',
              sql<string | null>`payload->>'ISOEquipmentCode'`.as('iso_code'),
              sql<string | null>`payload->>'portOfLoading'`.as('port_of_loading'),
            ])
            .where('event_type_code', 'in', ['DISC', 'LOAD'])
            .where('vessel_imo_number', 'in', imos)
            .where(visibleTo(scope, 'event'))
            .execute();
    const home = new Set(this.config.corridors.flatMap((c) => c.homePorts));
    const partners = [...new Set(this.config.corridors.flatMap((c) => c.partnerPorts))];
    const latestCall = new Map<string, string>();
    for (const r of rows) {
      const s = iso(r.ata ?? r.ata_anchorage ?? r.atb)!;
      const prev = latestCall.get(r.mmsi);
      if (!prev || prev < s) latestCall.set(r.mmsi, s);
    }
    return rows.map((r): CallFacts => {
      const arrivedAt = iso(r.ata ?? r.ata_anchorage ?? r.atb);
      const departedAt = iso(r.atd_port ?? r.atd);
      const arrivedMs = arrivedAt ? Date.parse(arrivedAt) : null;
      const departedMs = departedAt ? Date.parse(departedAt) : null;
      const elsewhere = schedule.filter((s) => s.vessel_imo_number === r.imo && !home.has(s.un_location_code));
      let previousPort: PortFact | null = null;
      let nextPort: PortFact | null = null;
      if (arrivedMs !== null) {
        const before = elsewhere
          .map((s) => ({ port: s.un_location_code, at: s.atd ?? s.etd }))
          .filter((s): s is { port: string; at: Date } => s.at !== null && new Date(s.at).getTime() < arrivedMs)
          .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())[0];
        if (before) previousPort = { unLocode: before.port, source: 'carrier-schedule', at: iso(before.at) };
      }
      if (departedMs !== null) {
        const after = elsewhere
          .map((s) => ({ port: s.un_location_code, at: s.ata ?? s.eta }))
          .filter((s): s is { port: string; at: Date } => s.at !== null && new Date(s.at).getTime() > departedMs)
          .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())[0];
        if (after) nextPort = { unLocode: after.port, source: 'carrier-schedule', at: iso(after.at) };
      }
      const lo = (arrivedMs ?? 0) - CALL_MARGIN_MS;
      const hi = (departedMs ?? Date.now()) + CALL_MARGIN_MS;
      const mine = moves.filter((m) => {
        const t = new Date(m.event_date_time).getTime();
        return m.vessel_imo_number === r.imo && t >= lo && t <= hi;
      });
      const teu = (code: string): number | null => {
        const boxes = new Map<string, string | null>();
        for (const m of mine) {
          if (m.event_type_code === code && m.equipment_reference) boxes.set(m.equipment_reference, m.iso_code);
        }
        return boxes.size === 0 ? null : [...boxes.values()].reduce((s, c) => s + teuOf(c), 0);
      };
      if (!previousPort) {
        const counts = new Map<string, number>();
        for (const m of mine) {
          const p = m.port_of_loading;
          if (m.event_type_code === 'DISC' && p && !home.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
        }
        const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
        if (top) previousPort = { unLocode: top[0], source: 'edifact-port-of-loading', at: null };
      }
      const vessel = vessels.find((v) => v.mmsi === r.mmsi);
      if (!nextPort && departedAt && latestCall.get(r.mmsi) === arrivedAt) {
        const p = destinationPort(vessel?.destination ?? null, partners);
        if (p) nextPort = { unLocode: p, source: 'ais-destination', at: null };
      }
      return {
        callId: r.call_id,
        imo: r.imo,
        vesselName: r.vessel_name,
        port: r.port!,
        arrivedAt,
        departedAt,
        previousPort,
        nextPort,
        lengthM: vessel?.length_m ?? null,
        teuDischarged: teu('DISC'),
        teuLoaded: teu('LOAD'),
      };
    });
  }

  async voyages(scope: AccessScope, window: Window): Promise<CorridorVoyage[]> {
    const facts = await this.callFacts(scope, window);
    return facts.flatMap((f) => corridorVoyagesOf(this.config, f)).sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Every corridor with its figures over the window. */
  async list(scope: AccessScope, window: Window, now: Date) {
    const voyages = await this.voyages(scope, window);
    return {
      asOf: newest(voyages),
      source: this.config.source,
      corridors: this.config.corridors.map((c) => {
        const mine = voyages.filter((v) => v.corridorId === c.id);
        return {
          ...corridorHead(c),
          figures: corridorFigures(mine),
          progress: corridorProgress(c, mine, [now.getUTCFullYear()]).find((p) => p.year === now.getUTCFullYear())!,
        };
      }),
    };
  }

  async detail(id: string, scope: AccessScope, window: Window, now: Date) {
    const corridor = this.config.corridors.find((c) => c.id === id);
    if (!corridor) return undefined;
    const voyages = (await this.voyages(scope, window)).filter((v) => v.corridorId === id);
    return {
      ...corridorHead(corridor),
      asOf: newest(voyages),
      source: this.config.source,
      figures: corridorFigures(voyages),
      trend: corridorTrend(voyages),
      progress: corridorProgress(corridor, voyages, [now.getUTCFullYear()]),
      voyages,
    };
  }

  /** Just-in-time advice of one call; undefined: no such call visible; `advice: null` with the reason otherwise. */
  async jit(callId: string, scope: AccessScope): Promise<JitAnswer | undefined> {
    const [row] = await this.calls(scope, {}, callId);
    if (!row) return undefined;
    return this.jitOf(row, scope);
  }

  /** Advice for every call in the window that waited at anchor, and the totals. */
  async jitSummary(scope: AccessScope, window: Window) {
    const rows = (await this.calls(scope, window)).filter((r) => (r.time_at_anchor_min ?? 0) > 0);
    const answers: JitAnswer[] = [];
    for (const r of rows) answers.push(await this.jitOf(r, scope));
    const advised = answers.filter((a) => a.advice !== null);
    return {
      asOf: answers.reduce<string | null>((m, a) => (a.asOf && (!m || a.asOf > m) ? a.asOf : m), null),
      source: JIT_SOURCE,
      callsWaited: rows.length,
      callsAdvised: advised.length,
      fuelSavedT: advised.reduce((s, a) => s + a.advice!.fuelSavedT, 0),
      co2SavedT: advised.reduce((s, a) => s + a.advice!.co2SavedT, 0),
      calls: answers,
    };
  }

  private async jitOf(row: CallRow, scope: AccessScope): Promise<JitAnswer> {
    const head = {
      callId: row.call_id,
      mmsi: row.mmsi,
      imo: row.imo,
      vesselName: row.vessel_name,
      anchoredAt: iso(row.ata_anchorage),
      waitingMin: row.time_at_anchor_min,
      source: JIT_SOURCE,
    };
    if (!row.ata_anchorage || !row.time_at_anchor_min || row.time_at_anchor_min <= 0) {
      return {
        ...head,
        asOf: iso(row.atb ?? row.ata),
        particulars: null,
        advice: null,
        reason: 'did not wait at anchor',
      };
    }
    const anchoredMs = new Date(row.ata_anchorage).getTime();
    const track = await this.db
      .selectFrom('vessel_track')
      .select(['minute', 'lat', 'lon'])
      .distinctOn('minute')
      .where('mmsi', '=', row.mmsi)
      .where('minute', '>=', new Date(anchoredMs - JIT_APPROACH_HOURS * 3_600_000))
      .where('minute', '<=', new Date(anchoredMs))
      .where(visibleTo(scope, 'vessel_track'))
      .orderBy('minute')
      .execute();
    let nm = 0;
    for (let i = 1; i < track.length; i++) nm += greatCircleNm(track[i - 1]!, track[i]!);
    const hours =
      track.length > 1
        ? (new Date(track[track.length - 1]!.minute).getTime() - new Date(track[0]!.minute).getTime()) / 3_600_000
        : 0;
    const asOf = iso(row.ata_anchorage);
    if (hours <= 0 || nm <= 0) {
      return {
        ...head,
        asOf,
        particulars: null,
        advice: null,
        reason: 'no AIS track of the approach before anchoring',
      };
    }
    const vessel = await this.db
      .selectFrom('vessel')
      .select(['length_m', 'ship_type'])
      .where('mmsi', '=', row.mmsi)
      .where(visibleTo(scope, 'vessel'))
      .limit(1)
      .executeTakeFirst();
    const registered = row.imo ? this.config.vessels.find((v) => v.imo === row.imo) : undefined;
    const cargo = vessel?.ship_type != null && vessel.ship_type >= 70 && vessel.ship_type <= 79;
    if (!registered && !cargo) {
      return {
        ...head,
        asOf,
        particulars: null,
        advice: null,
        reason: 'not a cargo ship (AIS type 70–79) nor in the particulars register: no power estimate',
      };
    }
    const est = estimateContainerShip({
      lengthM: vessel?.length_m,
      teu: registered?.teu,
      mainEngineMcrKw: registered?.mainEngineMcrKw,
      designSpeedKn: registered?.designSpeedKn,
      builtYear: registered?.builtYear,
      fuel: registered?.fuel ?? this.config.defaultFuel,
    });
    const advice = jitAdvice({
      ship: est.ship,
      approachNm: nm,
      approachHours: hours,
      waitingHours: row.time_at_anchor_min / 60,
    });
    return {
      ...head,
      asOf,
      particulars: {
        teu: est.ship.teu ?? 0,
        mainEngineMcrKw: est.ship.mainEngineMcrKw,
        designSpeedKn: est.ship.designSpeedKn,
        fuel: est.pathway,
        source: registered ? 'register' : 'estimated',
        estimated: est.estimated,
      },
      advice,
      reason: null,
    };
  }
}

export const JIT_SOURCE =
  'openpcs just-in-time arrival: AIS track and anchorage wait of the call (vessel-call detector), IMO Fourth GHG Study interval method';

export type JitAnswer = {
  readonly callId: string;
  readonly mmsi: string;
  readonly imo: string | null;
  readonly vesselName: string | null;
  readonly anchoredAt: string | null;
  readonly waitingMin: number | null;
  readonly source: string;
  readonly asOf: string | null;
  readonly particulars: {
    readonly teu: number;
    readonly mainEngineMcrKw: number;
    readonly designSpeedKn: number;
    readonly fuel: string;
    readonly source: 'register' | 'estimated';
    readonly estimated: readonly string[];
  } | null;
  readonly advice: JitAdvice | null;
  readonly reason: string | null;
};

function newest(voyages: readonly CorridorVoyage[]): string | null {
  return voyages.reduce<string | null>((m, v) => (!m || v.at > m ? v.at : m), null);
}

function corridorHead(c: Corridor) {
  return {
    id: c.id,
    name: c.name,
    homePorts: c.homePorts,
    partnerPorts: c.partnerPorts,
    seaDistanceNm: c.seaDistanceNm ?? null,
    agreement: c.agreement,
    pathway: c.pathway,
    pathwaySource: c.pathwaySource,
  };
}
