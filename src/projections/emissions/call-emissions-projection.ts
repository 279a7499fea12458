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
 * Shore power: no feed tells yet when a ship is connected (neither AIS nor the equipment telemetry does), so the
 * connected hours are 0 and every call is computed on its engines; the engine and the API carry the figures for when
 * such a source exists.
 */
import type { Selectable, Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import { VESSEL_STATIC } from '../../domain/vessel-observation.js';
import { computeCallEmissions, type TimeWindow } from '../../emissions/call-emissions.js';
import { estimateParticulars } from '../../emissions/estimated-particulars.js';
import { DEFAULT_GRID_LOSS_PCT } from '../../emissions/shore-power.js';
import type { DB, VesselCallEmissionsTable, VesselCallTable, VesselTable } from '../../store/schema.js';
import type { Projection } from '../projection.js';

type CallRow = Selectable<VesselCallTable>;
type EmissionsRow = Selectable<VesselCallEmissionsTable>;

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
): EmissionsRow[] {
  const sorted = [...calls].sort((a, b) => callStart(a).getTime() - callStart(b).getTime());
  const estimate = estimateParticulars({
    aisShipType: vessel?.ship_type ?? null,
    lengthM: vessel?.length_m ?? null,
    beamM: vessel?.beam_m ?? null,
  });
  return sorted.map((call, n) => {
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
    const base = {
      call_id: call.call_id,
      audience: call.audience,
      mmsi: call.mmsi,
      imo: call.imo,
      vessel_name: call.vessel_name,
      port: call.port,
      terminal: call.berth,
      call_start: start,
      call_end: closedAt,
      call_status: call.status,
      method: 'ghg4-interval',
      visibility: call.visibility,
      owner_orgs: [...call.owner_orgs],
    };
    if (estimate.kind === 'none') {
      return {
        ...base,
        status: 'no_particulars' as const,
        reason: estimate.reason,
        particulars: 'none' as const,
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
        modes: [],
      };
    }
    const result = computeCallEmissions({
      ship: estimate.ship,
      window,
      anchorage,
      berth,
      track: points.map((p) => ({ at: iso(p.observed_at), sogKn: p.sog_kn })),
      shorePower: { connectedHours: 0, gridLossPct: DEFAULT_GRID_LOSS_PCT },
    });
    const t = result.pollutants;
    return {
      ...base,
      status: 'computed' as const,
      reason: null,
      particulars: 'estimated' as const,
      ship: { ...estimate.ship },
      assumptions: estimate.assumptions.map((a) => ({ ...a })),
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
      modes: result.modes.map((m) => ({ ...m })),
    };
  });
}

export const callEmissionsProjection: Projection = {
  name: 'call-emissions',
  version: 1,
  tables: ['vessel_call_emissions'],
  async apply(trx: Transaction<DB>, page: readonly StoredEvent[]): Promise<void> {
    const touched = new Map<string, Touch>();
    for (const event of page) {
      const mmsi = event.references?.vesselMMSI;
      if (!mmsi || (event.eventType !== 'VESSEL' && event.eventType !== 'TRANSPORT')) continue;
      const at = Date.parse(event.eventDateTime);
      const t = touched.get(mmsi) ?? { earliest: Number.POSITIVE_INFINITY, staticReport: false };
      if (Number.isFinite(at)) t.earliest = Math.min(t.earliest, at);
      if (event.eventTypeCode === VESSEL_STATIC) t.staticReport = true;
      touched.set(mmsi, t);
    }
    for (const [mmsi, touch] of touched) await recompute(trx, mmsi, touch);
  },
};

async function recompute(trx: Transaction<DB>, mmsi: string, touch: Touch): Promise<void> {
  const calls = await trx.selectFrom('vessel_call').selectAll().where('mmsi', '=', mmsi).execute();
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
    const rows = emissionsRows(audienceCalls, track, vessel).filter((r) =>
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
        })),
      )
      .execute();
  }
}
