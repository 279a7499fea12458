/**
 * The container side of the San Pedro Bay model. Weekly services (ocean-services.ts) arrive off the port
 * with schedule noise; each call's TEU exchange comes from the month's calibration target (demand), split
 * over the month's calls in proportion to vessel size; terminals serve their ships first come, first
 * served on their berths, so a ship whose berth is busy anchors (official anchorages nearest the harbour
 * first, then outside them); pilot, transit, lines, crane work (moves / cranes / productivity, two and a
 * bit shifts a day), unberthing and departure through the outbound lane follow. Pure and deterministic.
 */
import type { TerminalRegistry } from '../domain/terminal-registry.js';
import type { Geography } from '../geo/geography.js';
import type { MasterEtaPlan } from './ais/master-eta.js';
import { officialAnchorSpots, type AnchorSpot } from './anchorage-spots.js';
import { berthSpots } from './berth-spots.js';
import { HARBOUR, INBOUND_LANE, oceanApproachFrom, OUTBOUND_LANE, overflowSpot } from './approach-routes.js';
import type { ContainerCall } from './container-call.js';
import { oceanServices, type OceanService } from './ocean-services.js';
import { Prng } from './prng.js';
import type { Fuel, Scenario } from './scenario.js';
import { capacityOf } from './terminal-capacity.js';
import { importShare, SIM_PORTS, type SimPort, type TeuCalibration } from './teu-calibration.js';
import { NAV, passageHours, TrackBuilder, type LatLon, type Track } from './track.js';
import { containerShip, type SimVessel } from './vessel-particulars.js';
import { HOUR, DAY, WEEK } from '../domain/time-units.js';

/** 1970-01-05T00:00Z, a Monday: week k of a service starts at MONDAY0 + k weeks. */
const MONDAY0 = 4 * DAY;
/** Average TEU per box move at San Pedro Bay terminals (about 22% 20', 70% 40', 8% 45' boxes). */
export const TEU_PER_MOVE = 1.8;
/** Productive crane hours per day: two ILWU shifts and part of the third (hoot owl). */
const WORK_HOURS_PER_DAY = 18;

/**
 * Ships arriving up to this long after the end of the run are on their ocean passage before it ends (tracks
 * start 24–48 hours before arrival): the run carries their tracks, not their calls.
 */
const LOOKAHEAD_MS = 2 * DAY;

const SPEED = Object.freeze({ lane: 14, approach: 10, anchorage: 8, harbour: 7 });

/** Default container fleet fuel mix (2018-like; raise alternatives per corridor with `fuelMix`). */
export const DEFAULT_FUEL_MIX: Readonly<Record<Fuel, number>> = Object.freeze({
  HFO: 0.25,
  VLSFO: 0.62,
  MGO: 0.05,
  LNG: 0.07,
  methanol: 0.01,
  ammonia: 0,
});

export interface PortModelInputs {
  readonly geography: Geography;
  readonly registry: TerminalRegistry;
  readonly calibration: TeuCalibration;
}

export interface PortModelRun {
  readonly calls: readonly ContainerCall[];
  /** calls[i] sails tracks[i]; then the tracks of ships arriving in the two days after the run (ocean passage). */
  readonly tracks: readonly Track[];
}

interface Planned {
  readonly id: string;
  readonly service: OceanService | null;
  readonly port: SimPort;
  readonly terminal: string;
  readonly carrierScac: string;
  readonly voyage: string;
  readonly vessel: SimVessel;
  readonly previousPort: string;
  readonly seaDistanceNm: number;
  readonly scheduledArrivalMs: number;
  readonly arrivalMs: number;
  readonly rng: Prng;
  teu: number;
}

const monthKey = (ms: number): string => new Date(ms).toISOString().slice(0, 7);
const monthIndex = (ms: number): number => new Date(ms).getUTCMonth();

function fuelMixFor(scenario: Scenario, unLocode: string): Readonly<Partial<Record<Fuel, number>>> {
  return scenario.fuelMix[unLocode] ?? scenario.fuelMix['default'] ?? DEFAULT_FUEL_MIX;
}

function berthPositions(inputs: PortModelInputs, code: string): LatLon[] {
  const t = inputs.registry.byCode(code);
  if (!t) throw new Error(`terminal ${code} is not in the registry`);
  return berthSpots(inputs.geography, { lat: t.lat, lon: t.lon }, capacityOf(code).berths);
}

/** The voyages of every service (and the surge's extra loaders) with arrival in [fromMs, toMs). */
function plannedCalls(scenario: Scenario, fromMs: number, toMs: number): Planned[] {
  const root = Prng.ofSeed(scenario.seed);
  const planned: Planned[] = [];
  const services = oceanServices();
  services.forEach((s, si) => {
    const fleet = Array.from({ length: s.fleetSize }, (_, i) => {
      return containerShip(root.derive('vessel', s.id, i), {
        uid: si * 16 + i + 1,
        carrierScac: s.carrierScac,
        teuMin: s.teuMin,
        teuMax: s.teuMax,
        fuelMix: fuelMixFor(scenario, s.corridor.unLocode),
      });
    });
    const firstWeek = Math.floor((fromMs - MONDAY0) / WEEK) - 1;
    const lastWeek = Math.ceil((toMs - MONDAY0) / WEEK) + 1;
    for (let k = firstWeek; k <= lastWeek; k++) {
      const rng = root.derive('call', s.id, k);
      const scheduled = MONDAY0 + k * WEEK + s.weeklyArrivalHour * HOUR;
      const lateBy = rng.chance(0.08) ? rng.uniform(12, 48) : 0;
      const arrivalMs = Math.round(scheduled + (rng.normal(0, 6) + lateBy) * HOUR);
      if (arrivalMs < fromMs || arrivalMs >= toMs) continue;
      planned.push({
        id: `${s.id}-W${k}`,
        service: s,
        port: s.port,
        terminal: s.terminal,
        carrierScac: s.carrierScac,
        voyage: `${s.id.slice(0, 4)}${String(((k % 1000) + 1000) % 1000).padStart(3, '0')}E`,
        vessel: fleet[((k % s.fleetSize) + s.fleetSize) % s.fleetSize]!,
        previousPort: s.corridor.unLocode,
        seaDistanceNm: s.corridor.distanceNm,
        scheduledArrivalMs: scheduled,
        arrivalMs,
        rng,
        teu: 0,
      });
    }
  });
  if (scenario.extraCallsPerWeek > 0) {
    for (const port of SIM_PORTS) {
      const terminals = [...new Set(services.filter((s) => s.port === port).map((s) => s.terminal))].filter(
        (t) => t !== 'MATU',
      );
      const firstWeek = Math.floor((fromMs - MONDAY0) / WEEK);
      const lastWeek = Math.ceil((toMs - MONDAY0) / WEEK);
      for (let k = firstWeek; k <= lastWeek; k++) {
        const wk = root.derive('extra', port, k);
        const n = Math.floor(scenario.extraCallsPerWeek) + (wk.chance(scenario.extraCallsPerWeek % 1) ? 1 : 0);
        for (let j = 0; j < n; j++) {
          const rng = wk.derive(j);
          const arrivalMs = Math.round(MONDAY0 + k * WEEK + rng.uniform(0, WEEK));
          if (arrivalMs < fromMs || arrivalMs >= toMs) continue;
          const corridor = rng.pick(services.filter((s) => s.port === port)).corridor;
          const carrierScac = rng.pick(['MSCU', 'CMDU', 'HLCU', 'COSU', 'ZIMU']);
          const vessel = containerShip(rng.derive('vessel'), {
            uid: 1_000 + ((k * 17 + j) % 5_000) + (port === 'USLAX' ? 0 : 6_000),
            carrierScac,
            teuMin: 4_000,
            teuMax: 9_000,
            fuelMix: fuelMixFor(scenario, corridor.unLocode),
          });
          planned.push({
            id: `X-${port}-W${k}-${j}`,
            service: null,
            port,
            terminal: rng.pick(terminals),
            carrierScac,
            voyage: `X${String(((k % 1000) + 1000) % 1000).padStart(3, '0')}${j}E`,
            vessel,
            previousPort: corridor.unLocode,
            seaDistanceNm: corridor.distanceNm,
            scheduledArrivalMs: arrivalMs,
            arrivalMs,
            rng,
            teu: 0,
          });
        }
      }
    }
  }
  return planned;
}

/**
 * Gives every call its TEU exchange: the month's calibrated demand (× demandFactor, × the share of extra
 * loaders) split over the calls whose scheduled arrival falls in that month, in proportion to vessel size
 * with ±20% noise per call.
 */
function allocateTeu(planned: Planned[], scenario: Scenario, calibration: TeuCalibration): void {
  const groups = new Map<string, Planned[]>();
  for (const c of planned) {
    const key = `${c.port}/${monthKey(c.scheduledArrivalMs)}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const target = calibration.months[first.port][monthIndex(first.scheduledArrivalMs)]!.totalTeu;
    const scheduled = group.filter((c) => c.service !== null).length || group.length;
    const demand = target * scenario.demandFactor * (group.length / scheduled);
    const weights = group.map((c) => (c.vessel.teu ?? 1) * c.rng.uniform(0.8, 1.2));
    const sum = weights.reduce((a, b) => a + b, 0);
    group.forEach((c, i) => (c.teu = (demand * weights[i]!) / sum));
  }
}

/**
 * Calls whose arrival falls in the months spanning [start − warm-up, end): allocation needs whole months,
 * so the run plans the months around its window, then keeps what arrives before its end.
 */
export function simulateContainerPort(scenario: Scenario, inputs: PortModelInputs): PortModelRun {
  const fromMs = scenario.startMs - scenario.warmupDays * DAY;
  const monthStart = (ms: number): number => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1);
  const planFrom = monthStart(fromMs);
  const endMonth = new Date(monthStart(scenario.endMs + LOOKAHEAD_MS));
  const planTo = Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() + 1, 1);
  const planned = plannedCalls(scenario, planFrom, planTo);
  allocateTeu(planned, scenario, inputs.calibration);
  const inWindow = planned
    .filter((c) => c.arrivalMs >= fromMs && c.arrivalMs < scenario.endMs + LOOKAHEAD_MS)
    .sort((a, b) => a.arrivalMs - b.arrivalMs || a.id.localeCompare(b.id));

  const berthFree = new Map<string, number[]>();
  const berthSpotsOf = new Map<string, LatLon[]>();
  const anchorSpots = officialAnchorSpots(inputs.geography, HARBOUR.USLAX.pilot);
  const spotFree = new Map<string, number>();
  const overflowFree: number[] = [];
  const calls: ContainerCall[] = [];
  const tracks: Track[] = [];

  for (const c of inWindow) {
    const cap = capacityOf(c.terminal);
    const month = inputs.calibration.months[c.port][monthIndex(c.scheduledArrivalMs)]!;
    const vesselTeu = c.vessel.teu ?? 0;
    const dischargeTeu = Math.min(c.teu * importShare(month), vesselTeu * 0.95);
    const loadTeu = Math.min(c.teu - c.teu * importShare(month), vesselTeu * 0.95);
    const moves = Math.max(1, Math.round((dischargeTeu + loadTeu) / TEU_PER_MOVE));
    const bySize = vesselTeu < 5_000 ? 3 : vesselTeu < 10_000 ? 5 : 6;
    const cranes = Math.min(bySize, Math.floor(cap.cranes / cap.berths) + 2);
    const rate = cap.movesPerCraneHour * scenario.productivityFactor * c.rng.uniform(0.9, 1.1);
    const workMs = Math.round((moves / (cranes * rate)) * (24 / WORK_HOURS_PER_DAY) * HOUR);

    const approach = c.service?.corridor.approach ?? 'western';
    const lane = INBOUND_LANE[approach];
    const laneEnd = lane[lane.length - 1]!;
    const harbour = HARBOUR[c.port];
    const frees = berthFree.get(c.terminal) ?? Array.from({ length: cap.berths }, () => -Infinity);
    berthFree.set(c.terminal, frees);
    let berth = 0;
    for (let i = 1; i < frees.length; i++) if (frees[i]! < frees[berth]!) berth = i;
    let spots = berthSpotsOf.get(c.terminal);
    if (!spots) berthSpotsOf.set(c.terminal, (spots = berthPositions(inputs, c.terminal)));
    const berthAt = spots[berth]!;
    const inner = [harbour.entrance, harbour.inner, berthAt];
    const transitMs = passageHours([harbour.pilot, ...inner], SPEED.harbour) * HOUR;
    const naturalBerth = c.arrivalMs + passageHours([laneEnd, harbour.pilot], SPEED.approach) * HOUR + transitMs;
    const berthedMs = Math.round(Math.max(frees[berth]!, naturalBerth));

    // The last 24–48 hours of the ocean passage at the service speed (seen by satellite AIS), then the approach
    // lane from the sea, timed to reach its inner end at arrivalMs.
    const seaSpeedKn = c.service?.serviceSpeedKn ?? 16;
    const ocean = oceanApproachFrom(approach, c.rng.derive('ocean').uniform(24, 48) * seaSpeedKn);
    const oceanMs = passageHours(ocean, seaSpeedKn) * HOUR;
    const laneMs = passageHours(lane, SPEED.lane) * HOUR;
    const track = new TrackBuilder(Math.round(c.arrivalMs - laneMs - oceanMs), ocean[0]!)
      .sailOffshore(ocean.slice(1), seaSpeedKn)
      .sail(lane.slice(1), SPEED.lane);
    let anchorage: ContainerCall['anchorage'] = null;
    if (berthedMs - naturalBerth > 3 * HOUR) {
      let spot: AnchorSpot | null = null;
      for (const s of anchorSpots) {
        if ((spotFree.get(s.id) ?? -Infinity) <= c.arrivalMs) {
          spot = s;
          break;
        }
      }
      let overflow = -1;
      if (!spot) {
        overflow = overflowFree.findIndex((t) => t <= c.arrivalMs);
        if (overflow < 0) overflow = overflowFree.push(0) - 1;
      }
      const at = spot?.position ?? overflowSpot(overflow);
      track.sail([at], SPEED.approach);
      const anchorStart = track.timeMs;
      const leaveMs = Math.round(berthedMs - transitMs - passageHours([at, harbour.pilot], SPEED.anchorage) * HOUR);
      const anchorEnd = Math.max(anchorStart, leaveMs);
      track.stay(anchorEnd, NAV.atAnchor);
      if (spot) spotFree.set(spot.id, anchorEnd);
      else overflowFree[overflow] = anchorEnd;
      anchorage = { zoneId: spot?.zoneId ?? 'outside', startMs: anchorStart, endMs: anchorEnd };
      track.sail([harbour.pilot], SPEED.anchorage);
    } else {
      track.sail([harbour.pilot], SPEED.approach);
    }
    // Waits at the pilot boarding area for the berth window, if it is a little early.
    track.stay(Math.round(berthedMs - transitMs), NAV.underWayEngine);
    const pilotOnMs = track.timeMs;
    track.sail(inner, SPEED.harbour, NAV.restricted);
    const arrivedMs = track.timeMs;
    const workStartMs = arrivedMs + Math.round(1.5 * HOUR);
    const workEndMs = workStartMs + workMs;
    const unberthMs = workEndMs + HOUR;
    frees[berth] = unberthMs + HOUR / 2;
    track.stay(unberthMs, NAV.moored);
    track.sail([harbour.inner, harbour.entrance, harbour.pilot], SPEED.harbour, NAV.restricted);
    const pilotOffMs = track.timeMs;
    const outbound = OUTBOUND_LANE[approach];
    track.sail(outbound.slice(0, 1), SPEED.approach);
    const departedMs = track.timeMs;
    track.sail(outbound.slice(1), SPEED.lane);

    const departedPreviousMs = Math.round(c.arrivalMs - (c.seaDistanceNm / seaSpeedKn) * HOUR);
    const laneEndToPilotMs = Math.round(passageHours([laneEnd, harbour.pilot], SPEED.approach) * HOUR);
    const masterEta: MasterEtaPlan = {
      key: c.rng.key,
      departedPreviousMs,
      plannedPilotMs: c.scheduledArrivalMs + laneEndToPilotMs,
      expectedPilotMs: c.arrivalMs + laneEndToPilotMs,
      anchoredMs: anchorage?.startMs ?? null,
      bookedPilotMs: pilotOnMs,
      berthedMs: arrivedMs,
    };
    tracks.push(track.build(c.vessel, c.port === 'USLAX' ? 'US LAX' : 'US LGB', masterEta));
    // Past the end of the run: only its ocean passage lies in the run (its track comes after every call's).
    if (c.arrivalMs >= scenario.endMs) continue;
    calls.push(
      Object.freeze({
        id: c.id,
        serviceId: c.service?.id ?? 'EXTRA',
        carrierScac: c.service?.carrierScac ?? c.carrierScac,
        voyage: c.voyage,
        port: c.port,
        terminal: c.terminal,
        berth,
        vessel: c.vessel,
        previousPort: c.previousPort,
        seaDistanceNm: c.seaDistanceNm,
        seaSpeedKn,
        departedPreviousMs,
        scheduledArrivalMs: c.scheduledArrivalMs,
        arrivalMs: c.arrivalMs,
        anchorage,
        pilotOnMs,
        berthedMs: arrivedMs,
        workStartMs,
        workEndMs,
        unberthMs,
        pilotOffMs,
        departedMs,
        dischargeTeu: Math.round(dischargeTeu * 100) / 100,
        loadTeu: Math.round(loadTeu * 100) / 100,
        moves,
        cranes,
        shorePower: c.vessel.shorePower,
        extraLoader: c.service === null,
      }),
    );
  }
  return { calls, tracks };
}
