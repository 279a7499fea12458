/**
 * Emissions per vessel call (issue 15; docs/emissions.md "Per-call emissions"): for each detected call
 * (`vessel_call`, per audience) the call's AIS track (`vessel_track` of the same audience) is split into modes and
 * computed by `emissions/call-emissions.ts` with the particulars `emissions/estimated-particulars.ts` derives from
 * the audience's AIS static data (`vessel`). Nothing of another audience is read, so a private report never bends
 * another organisation's figures.
 *
 * It follows every event that names a vessel (positions, static reports, the detector's arrivals and departures)
 * and runs after the vessel read models it reads (`vesselProjections` order). For each vessel in a page it
 * recomputes the calls the page can change: every call when a static report came (the particulars), else the calls
 * still open or ending at or after the page's earliest instant for that vessel; rows of calls that no longer exist
 * are removed. Each row is a function of the call, the track and the static data, so a rebuild gives the same rows.
 *
 * Shore power (version 2): the terminals' `csv-shore-power` sessions (event `SHPC`) are kept here too, in
 * `shore_power_connection` (the newest statement per sender × terminal × vessel × connection instant), in the same
 * transaction and before the calls of the page are recomputed, so a rebuild sees every session when it sees the
 * call. A call uses the sessions of its vessel at its berth zone's terminals that overlap its berth window
 * (`emissions/shore-power-sessions.ts`) and that every reader of the row may see (`access/audience-sees.ts`): a
 * private session never changes a public call's figures. A session re-computes the calls of its vessel from its
 * connection instant on.
 *
 * Vessel particulars (version 3): the `csv-vessel-particulars` statements (event `VPAR`) are kept here too, in
 * `vessel_particulars` (the newest per sender × IMO), before the page's calls are recomputed. A call uses the newest
 * statement of its IMO that every reader of the row may see (`audienceSees`; by `as_of`, then the highest event
 * position; a carrier's statement of a vessel it never named before yields to one of a sender that speaks for
 * the vessel, `speakingFor`) and estimates each field it leaves empty (`emissions/stated-particulars.ts`); the row says
 * `particulars: "stated"` with the sender, the statement's `as_of` and the estimated fields. A statement recomputes
 * every call of its vessel (like a static report).
 *
 * Shore-power capability (version 5, migration 0028): each row says whether the statement used says the ship is
 * fitted for shore power, whether its berth offers it, and whether the call missed a connection
 * (`emissions/missed-shore-power.ts`), with what that connection could have avoided.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import { audienceSees } from '../../access/audience-sees.js';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { SHORE_POWER_CONNECTION } from '../../domain/shore-power/shore-power-connection.js';
import { terminalCodeOfZone, type TerminalRegistry } from '../../domain/terminal-registry.js';
import { TRANSPORT_EVENT_CODES } from '../../domain/cargo-event-codes.js';
import { VESSEL_POSITION, VESSEL_STATIC } from '../../domain/vessel-observation.js';
import { computeCallEmissions, type TimeWindow } from '../../emissions/call-emissions.js';
import { EmissionsInputError } from '../../emissions/emissions-input-error.js';
import { particularsOf, type StatedParticulars } from '../../emissions/stated-particulars.js';
import { VESSEL_PARTICULARS } from '../../domain/vessel-particulars/vessel-particulars-statement.js';
import { DEFAULT_GRID_LOSS_PCT } from '../../emissions/shore-power.js';
import { callShorePower, type ShorePowerSession } from '../../emissions/shore-power-sessions.js';
import { berthOffersShorePower, shorePowerUse } from '../../emissions/missed-shore-power.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import type {
  DB,
  ShorePowerConnectionTable,
  VesselCallEmissionsTable,
  VesselCallTable,
  VesselParticularsTable,
  VesselTable,
} from '../../store/schema.js';
import { chunks } from '../event-provenance.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';

type CallRow = Selectable<VesselCallTable>;
type EmissionsRow = Selectable<VesselCallEmissionsTable>;
type SessionRow = Selectable<ShorePowerConnectionTable>;
type ParticularsRow = Selectable<VesselParticularsTable>;

/** A stored particulars statement as the merge reads it, with its IMO, position and ownership. */
export type AudienceParticulars = StatedParticulars & {
  readonly imo: string;
  /** The statement's `shore_power` (fitted for shore power); null when left empty. */
  readonly shorePowerCapable: boolean | null;
  /**
   * The sender speaks for this vessel: the port authority or the local operator, or a carrier that sent an event
   * naming the IMO (a schedule, a call, a transport event) before this statement. Only when no such statement is
   * visible does a call use a carrier's word about a vessel it never named.
   */
  readonly speaksForVessel: boolean;
  readonly seq: number;
  readonly visibility: string;
  readonly ownerOrgs: readonly string[];
};

function statementOf(r: ParticularsRow, speaksForVessel: boolean): AudienceParticulars {
  return {
    speaksForVessel,
    sourceOrg: r.source_org,
    asOf: r.as_of.toISOString(),
    imo: r.imo,
    seq: Number(r.last_event_seq),
    shipType: r.ship_type,
    teu: r.teu,
    dwt: r.dwt,
    gt: r.gt,
    mainEngineKw: r.main_engine_kw,
    auxEngineKw: r.aux_engine_kw,
    designSpeedKn: r.design_speed_kn,
    maxDraughtM: r.max_draught_m,
    mainEngine: r.main_engine,
    engineStroke: r.engine_stroke,
    fuel: r.fuel,
    sulphurPct: r.sulphur_pct,
    builtYear: r.built_year,
    shorePowerCapable: r.shore_power_capable,
    visibility: r.visibility,
    ownerOrgs: r.owner_orgs,
  };
}

/**
 * The statement a call uses: of its IMO, visible to every reader of its row; of a sender that speaks for the vessel
 * when there is one (`speaksForVessel`), then the newest (as of, then position).
 */
export function statementFor(call: CallRow, statements: readonly AudienceParticulars[]): AudienceParticulars | null {
  let best: AudienceParticulars | null = null;
  for (const s of statements) {
    if (call.imo === null || s.imo !== call.imo) continue;
    if (!audienceSees({ visibility: call.visibility, ownerOrgs: call.owner_orgs }, s)) continue;
    const better =
      best === null ||
      (s.speaksForVessel && !best.speaksForVessel) ||
      (s.speaksForVessel === best.speaksForVessel &&
        (s.asOf > best.asOf || (s.asOf === best.asOf && s.seq > best.seq)));
    if (better) best = s;
  }
  return best;
}

/**
 * Which stored statements' senders speak for their vessel: every sender but a carrier (the feed's senders are
 * carriers, the port authority and the local operator, `access/format-senders.ts`), and a carrier that sent an event
 * other than a particulars statement naming the IMO before the statement (by event position, so a rebuild, which
 * sees the same earlier events, decides the same). One query for every carrier statement of the vessel.
 */
async function speakingFor(trx: Transaction<DB>, rows: readonly ParticularsRow[]): Promise<AudienceParticulars[]> {
  const senders = [...new Set(rows.map((r) => r.source_org))];
  const carriers = new Set(
    senders.length === 0
      ? []
      : (
          await trx
            .selectFrom('organisation')
            .select('id')
            .where('id', 'in', senders)
            .where('role', '=', 'carrier')
            .execute()
        ).map((o) => o.id),
  );
  const asked = rows.filter((r) => carriers.has(r.source_org));
  const firstNamed = new Map<string, bigint>();
  if (asked.length > 0) {
    const named = await trx
      .selectFrom('event')
      .select(['source_org', 'vessel_imo_number', (eb) => eb.fn.min('seq').as('first_seq')])
      .where('vessel_imo_number', 'in', [...new Set(asked.map((r) => r.imo))])
      .where('source_org', 'in', [...new Set(asked.map((r) => r.source_org))])
      .where('event_type_code', '<>', VESSEL_PARTICULARS)
      .groupBy(['source_org', 'vessel_imo_number'])
      .execute();
    for (const n of named) firstNamed.set(JSON.stringify([n.source_org, n.vessel_imo_number]), BigInt(n.first_seq));
  }
  return rows.map((r) => {
    if (!carriers.has(r.source_org)) return statementOf(r, true);
    const first = firstNamed.get(JSON.stringify([r.source_org, r.imo]));
    return statementOf(r, first !== undefined && first < BigInt(r.last_event_seq));
  });
}

/** A stored session as the pure matcher reads it, with the ownership columns of its statement. */
export type AudienceSession = ShorePowerSession & {
  readonly visibility: string;
  readonly ownerOrgs: readonly string[];
};

function sessionOf(r: SessionRow): AudienceSession {
  return {
    terminal: r.terminal,
    berth: r.berth,
    imo: r.imo,
    mmsi: r.mmsi,
    connectedAt: r.connected_at.toISOString(),
    disconnectedAt: r.disconnected_at?.toISOString() ?? null,
    energyKwh: r.energy_kwh,
    asOf: r.as_of.toISOString(),
    visibility: r.visibility,
    ownerOrgs: r.owner_orgs,
  };
}

const iso = (d: Date): string => d.toISOString();

/** What one page changes for one vessel. */
interface Touch {
  earliest: number;
  staticReport: boolean;
}

function callStart(call: CallRow): Date {
  return (call.ata ?? call.ata_anchorage ?? call.atb)!;
}

/** Rows of one audience's calls of a vessel, computed from its track and static data. */
export function emissionsRows(
  calls: readonly CallRow[],
  track: readonly { observed_at: Date; sog_kn: number | null }[],
  vessel: Pick<VesselTable, 'ship_type' | 'length_m' | 'beam_m'> | undefined,
  sessions: readonly AudienceSession[] = [],
  registry: TerminalRegistry = loadTerminalRegistry(),
  statements: readonly AudienceParticulars[] = [],
): EmissionsRow[] {
  const sorted = [...calls].sort((a, b) => callStart(a).getTime() - callStart(b).getTime());
  const ais = {
    aisShipType: vessel?.ship_type ?? null,
    lengthM: vessel?.length_m ?? null,
    beamM: vessel?.beam_m ?? null,
  };
  return sorted.map((call, n) => {
    const statement = statementFor(call, statements);
    const particulars = particularsOf(ais, statement);
    const start = callStart(call);
    const next = sorted[n + 1];
    const closedAt = call.atd_port;
    // An open call runs to its newest position, never into the vessel's next call.
    const until = closedAt ?? (next ? callStart(next) : null);
    const points = track.filter((p) => p.observed_at >= start && (until === null || p.observed_at <= until));
    const newest = points.reduce<Date | null>((m, p) => (m === null || p.observed_at > m ? p.observed_at : m), null);
    const endCandidates = [closedAt, newest, call.atd, call.atb, call.ata_anchorage].filter(
      (d): d is Date => d !== null,
    );
    const end = closedAt ?? new Date(Math.max(start.getTime(), ...endCandidates.map((d) => d.getTime())));
    const window: TimeWindow = { from: iso(start), to: iso(end) };
    const anchorage: TimeWindow | null = call.ata_anchorage
      ? {
          from: iso(call.ata_anchorage),
          to: iso(
            call.time_at_anchor_min !== null
              ? new Date(call.ata_anchorage.getTime() + call.time_at_anchor_min * 60_000)
              : (call.atb ?? end),
          ),
        }
      : null;
    const berth: TimeWindow | null = call.atb ? { from: iso(call.atb), to: iso(call.atd ?? end) } : null;
    const visible = sessions.filter((s) =>
      audienceSees({ visibility: call.visibility, ownerOrgs: call.owner_orgs }, s),
    );
    const terminals = call.berth === null ? [] : registry.inZone(call.berth).map((t) => t.smdgCode);
    const shore = callShorePower({ mmsi: call.mmsi, imo: call.imo, terminals, berth }, visible);
    const shorePowerInput = {
      capable: statement?.shorePowerCapable ?? null,
      berthEquipped: berthOffersShorePower(terminals.length, shore.sessions.length, call.atb !== null),
      berthDeparted: call.atd !== null,
    };
    const base = {
      call_id: call.call_id,
      audience: call.audience,
      mmsi: call.mmsi,
      imo: call.imo,
      vessel_name: call.vessel_name,
      port: call.port,
      terminal: call.berth,
      terminal_smdg_code: terminalCodeOfZone(registry, call.berth),
      call_start: start,
      call_end: closedAt,
      call_status: call.status,
      method: 'ghg4-interval',
      visibility: call.visibility,
      owner_orgs: [...call.owner_orgs],
    };
    let outcome:
      | { readonly reason: string }
      | {
          readonly used: Exclude<typeof particulars, { kind: 'none' }>;
          readonly result: ReturnType<typeof computeCallEmissions>;
        };
    if (particulars.kind === 'none') outcome = { reason: particulars.reason };
    else {
      try {
        const result = computeCallEmissions({
          ship: particulars.ship,
          window,
          anchorage,
          berth,
          track: points.map((p) => ({ at: iso(p.observed_at), sogKn: p.sog_kn })),
          shorePower: {
            connectedHours: shore.connectedHours,
            meteredKwh: shore.meteredKwh,
            gridLossPct: DEFAULT_GRID_LOSS_PCT,
          },
        });
        outcome = { used: particulars, result };
      } catch (error) {
        // A stated engine and fuel the method has no SFC for (GHG4 Table 19): the call cannot be computed.
        if (!(error instanceof EmissionsInputError)) throw error;
        outcome = { reason: `${error.detail} (${error.pointer})` };
      }
    }
    if ('reason' in outcome) {
      return {
        ...base,
        status: 'no_particulars' as const,
        reason: outcome.reason,
        particulars: 'none' as const,
        particulars_source: null,
        particulars_as_of: null,
        estimated_fields: [],
        ship: null,
        assumptions: [],
        hours: (end.getTime() - start.getTime()) / 3_600_000,
        positions_used: 0,
        as_of: newest,
        fuel_g: 0,
        co2_g: 0,
        ch4_g: 0,
        n2o_g: 0,
        so2_g: 0,
        nox_g: 0,
        pm10_g: 0,
        pm25_g: 0,
        shore_power_hours: 0,
        shore_power_kwh: 0,
        grid_kwh: 0,
        avoided_co2_g: 0,
        shore_power_kwh_source: 'none' as const,
        shore_power_sessions: [],
        modes: [],
        shore_power_capable: shorePowerInput.capable,
        berth_shore_power: shorePowerInput.berthEquipped,
        missed_shore_power: false,
        missed_shore_power_kwh: 0,
        missed_avoidable_co2_g: 0,
      };
    }
    const { used, result } = outcome;
    const t = result.pollutants;
    const use = shorePowerUse(shorePowerInput, used.ship, result);
    return {
      ...base,
      status: 'computed' as const,
      reason: null,
      particulars: used.kind,
      particulars_source: used.source?.sourceOrg ?? null,
      particulars_as_of: used.source === null ? null : new Date(used.source.asOf),
      estimated_fields: [...used.estimatedFields],
      ship: { ...used.ship },
      assumptions: used.assumptions.map((a) => ({ ...a })),
      hours: result.hours,
      positions_used: result.positionsUsed,
      as_of: newest,
      fuel_g: result.fuelG,
      co2_g: t.co2G,
      ch4_g: t.ch4G,
      n2o_g: t.n2oG,
      so2_g: t.so2G,
      nox_g: t.noxG,
      pm10_g: t.pm10G,
      pm25_g: t.pm25G,
      shore_power_hours: result.shorePower.connectedHours,
      shore_power_kwh: result.shorePower.shorePowerKwh,
      grid_kwh: result.shorePower.gridKwh,
      avoided_co2_g: result.shorePower.avoided.co2G,
      shore_power_kwh_source: result.shorePower.kwhSource,
      shore_power_sessions: shore.sessions.map((u) => ({ ...u })),
      modes: result.modes.map((m) => ({ ...m })),
      shore_power_capable: use.capable,
      berth_shore_power: use.berthEquipped,
      missed_shore_power: use.missed,
      missed_shore_power_kwh: use.missedShorePowerKwh,
      missed_avoidable_co2_g: use.missedAvoidableCo2G,
    };
  });
}

export const callEmissionsProjection: Projection = {
  name: 'call-emissions',
  // 2: shore power sessions (migration 0024). 3: vessel particulars statements (migration 0027). 4: the stated
  // installed auxiliary power bounds the auxiliary load. 5: shore-power capability and missed connections (0028).
  // 6: a carrier's statement of a vessel it never named yields to one of a sender that speaks for it.
  version: 6,
  tables: ['vessel_call_emissions', 'shore_power_connection', 'vessel_particulars'],
  reads: ['vessel_call', 'vessel_track', 'vessel'],
  // A call is recomputed when its vessel's positions, static data or detected arrivals/departures arrive.
  sources: [VESSEL_POSITION, VESSEL_STATIC, ...TRANSPORT_EVENT_CODES, SHORE_POWER_CONNECTION, VESSEL_PARTICULARS],
  copiesVisibility: true,
  async apply(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<void> {
    const touched = new Map<string, Touch>();
    const touch = (mmsi: string, at: number, staticReport: boolean): void => {
      const t = touched.get(mmsi) ?? { earliest: Number.POSITIVE_INFINITY, staticReport: false };
      if (Number.isFinite(at)) t.earliest = Math.min(t.earliest, at);
      if (staticReport) t.staticReport = true;
      touched.set(mmsi, t);
    };
    for (const session of await storeSessions(trx, page)) {
      const at = session.connected_at.getTime();
      const mmsis = session.mmsi
        ? [session.mmsi]
        : (await trx.selectFrom('vessel_call').select('mmsi').distinct().where('imo', '=', session.imo).execute()).map(
            (r) => r.mmsi,
          );
      for (const mmsi of mmsis) touch(mmsi, at, false);
    }
    const statements = await storeParticulars(trx, page);
    if (statements.length > 0) {
      // New particulars change every call of the vessel, whatever MMSI it called under: one query for the page.
      const called = await trx
        .selectFrom('vessel_call')
        .select('mmsi')
        .distinct()
        .where('imo', 'in', [...new Set(statements.map((s) => s.imo))])
        .execute();
      for (const { mmsi } of called) touch(mmsi, Number.NEGATIVE_INFINITY, true);
      for (const { mmsi } of statements) if (mmsi !== null) touch(mmsi, Number.NEGATIVE_INFINITY, true);
    }
    for (const event of page) {
      if (event.eventTypeCode === SHORE_POWER_CONNECTION || event.eventTypeCode === VESSEL_PARTICULARS) continue;
      const mmsi = event.references?.vesselMMSI;
      if (!mmsi || (event.eventType !== 'VESSEL' && event.eventType !== 'TRANSPORT')) continue;
      touch(mmsi, Date.parse(event.eventDateTime), event.eventTypeCode === VESSEL_STATIC);
    }
    for (const [mmsi, touch] of touched) await recompute(trx, mmsi, touch);
  },
};

/**
 * The page's `SHPC` statements into `shore_power_connection`, the newest per key (by statement time, then position:
 * a late older statement never replaces a newer one); returns the rows the page stated.
 */
async function storeSessions(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<SessionRow[]> {
  const newest = new Map<string, SessionRow>();
  for (const event of page) {
    if (event.eventTypeCode !== SHORE_POWER_CONNECTION) continue;
    const p = event.payload;
    const row: SessionRow = {
      source_org: event.sourceOrg,
      terminal: p.terminal,
      vessel_key: p.imo ? `imo:${p.imo}` : `mmsi:${p.mmsi ?? ''}`,
      connected_at: new Date(p.connectedAt),
      berth: p.berth,
      imo: p.imo,
      mmsi: p.mmsi,
      disconnected_at: p.disconnectedAt === null ? null : new Date(p.disconnectedAt),
      energy_kwh: p.energyKwh,
      as_of: new Date(event.eventDateTime),
      last_event_seq: event.seq,
      visibility: event.visibility,
      owner_orgs: [...event.ownerOrgs],
    };
    const key = JSON.stringify([row.source_org, row.terminal, row.vessel_key, p.connectedAt]);
    const held = newest.get(key);
    if (!held || held.as_of.getTime() <= row.as_of.getTime()) newest.set(key, row);
  }
  const rows = [...newest.values()];
  for (const chunk of chunks(rows)) {
    await trx
      .insertInto('shore_power_connection')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['source_org', 'terminal', 'vessel_key', 'connected_at'])
          .doUpdateSet(
            fromExcluded('shore_power_connection', [
              'berth',
              'imo',
              'mmsi',
              'disconnected_at',
              'energy_kwh',
              'as_of',
              'last_event_seq',
              'visibility',
              'owner_orgs',
            ]),
          )
          .where(sql<boolean>`shore_power_connection.as_of <= excluded.as_of`),
      )
      .execute();
  }
  return rows;
}

/**
 * The page's `VPAR` statements into `vessel_particulars`, the newest per sender × IMO (by `as_of`, then position: a
 * late older statement never replaces a newer one); returns the rows the page stated.
 */
async function storeParticulars(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<ParticularsRow[]> {
  const newest = new Map<string, ParticularsRow>();
  for (const event of page) {
    if (event.eventTypeCode !== VESSEL_PARTICULARS) continue;
    const p = event.payload;
    const row: ParticularsRow = {
      source_org: event.sourceOrg,
      imo: p.imo,
      mmsi: p.mmsi,
      vessel_name: p.vesselName,
      ship_type: p.shipType,
      teu: p.teu,
      dwt: p.dwt,
      gt: p.gt,
      main_engine_kw: p.mainEngineKw,
      aux_engine_kw: p.auxEngineKw,
      design_speed_kn: p.designSpeedKn,
      max_draught_m: p.maxDraughtM,
      main_engine: p.mainEngine,
      engine_stroke: p.engineStroke,
      fuel: p.fuel,
      sulphur_pct: p.sulphurPct,
      built_year: p.builtYear,
      shore_power_capable: p.shorePowerCapable,
      zero_emission_capable: p.zeroEmissionCapable,
      as_of: new Date(event.eventDateTime),
      last_event_seq: event.seq,
      visibility: event.visibility,
      owner_orgs: [...event.ownerOrgs],
    };
    const key = JSON.stringify([row.source_org, row.imo]);
    const held = newest.get(key);
    if (!held || held.as_of.getTime() <= row.as_of.getTime()) newest.set(key, row);
  }
  const rows = [...newest.values()];
  for (const chunk of chunks(rows)) {
    await trx
      .insertInto('vessel_particulars')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['source_org', 'imo'])
          .doUpdateSet(
            fromExcluded('vessel_particulars', [
              'mmsi',
              'vessel_name',
              'ship_type',
              'teu',
              'dwt',
              'gt',
              'main_engine_kw',
              'aux_engine_kw',
              'design_speed_kn',
              'max_draught_m',
              'main_engine',
              'engine_stroke',
              'fuel',
              'sulphur_pct',
              'built_year',
              'shore_power_capable',
              'zero_emission_capable',
              'as_of',
              'last_event_seq',
              'visibility',
              'owner_orgs',
            ]),
          )
          .where(sql<boolean>`vessel_particulars.as_of <= excluded.as_of`),
      )
      .execute();
  }
  return rows;
}

async function recompute(trx: Transaction<DB>, mmsi: string, touch: Touch): Promise<void> {
  const calls = await trx.selectFrom('vessel_call').selectAll().where('mmsi', '=', mmsi).execute();
  const imos = [...new Set(calls.flatMap((c) => (c.imo ? [c.imo] : [])))];
  const sessions = (
    await trx
      .selectFrom('shore_power_connection')
      .selectAll()
      .where((eb) => (imos.length > 0 ? eb.or([eb('mmsi', '=', mmsi), eb('imo', 'in', imos)]) : eb('mmsi', '=', mmsi)))
      .execute()
  ).map(sessionOf);
  const statements =
    imos.length === 0
      ? []
      : await speakingFor(
          trx,
          await trx.selectFrom('vessel_particulars').selectAll().where('imo', 'in', imos).execute(),
        );
  const existing = await trx
    .selectFrom('vessel_call_emissions')
    .select(['call_id', 'audience'])
    .where('mmsi', '=', mmsi)
    .execute();
  const key = (r: { call_id: string; audience: string }): string => JSON.stringify([r.call_id, r.audience]);
  const callKeys = new Set(calls.map(key));
  const affected = (c: CallRow): boolean =>
    touch.staticReport || c.atd_port === null || c.atd_port.getTime() >= touch.earliest;
  const stale = new Set(existing.map(key).filter((k) => !callKeys.has(k)));
  for (const c of calls) if (affected(c)) stale.add(key(c));
  for (const k of stale) {
    const [callId, audience] = JSON.parse(k) as [string, string];
    await trx
      .deleteFrom('vessel_call_emissions')
      .where('call_id', '=', callId)
      .where('audience', '=', audience)
      .execute();
  }
  const audiences = new Map<string, CallRow[]>();
  for (const c of calls) audiences.set(c.audience, [...(audiences.get(c.audience) ?? []), c]);
  for (const [audience, audienceCalls] of audiences) {
    if (!audienceCalls.some(affected)) continue;
    const starts = audienceCalls.map((c) => callStart(c).getTime());
    const track = await trx
      .selectFrom('vessel_track')
      .select(['observed_at', 'sog_kn'])
      .where('mmsi', '=', mmsi)
      .where('audience', '=', audience)
      .where('observed_at', '>=', new Date(Math.min(...starts)))
      .orderBy('observed_at')
      .execute();
    const vessel = await trx
      .selectFrom('vessel')
      .select(['ship_type', 'length_m', 'beam_m'])
      .where('mmsi', '=', mmsi)
      .where('audience', '=', audience)
      .executeTakeFirst();
    // Every call of the audience is computed (the next call bounds an open one), only the affected are written.
    const rows = emissionsRows(audienceCalls, track, vessel, sessions, undefined, statements).filter((r) =>
      affected(audienceCalls.find((c) => c.call_id === r.call_id)!),
    );
    if (rows.length === 0) continue;
    await trx
      .insertInto('vessel_call_emissions')
      .values(
        rows.map((r) => ({
          ...r,
          ship: r.ship === null ? null : JSON.stringify(r.ship),
          assumptions: JSON.stringify(r.assumptions),
          modes: JSON.stringify(r.modes),
          shore_power_sessions: JSON.stringify(r.shore_power_sessions),
        })),
      )
      .execute();
  }
}
