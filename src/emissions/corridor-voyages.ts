/**
 * Voyages on the green corridors and the corridor figures (issue 15; docs/emissions.md "Green corridors"). Pure:
 * the reader (`api/corridors/corridor-reader.ts`) gathers what the product knows of each call — the previous and
 * next port (carrier schedule, else the port of loading of the boxes discharged, else the AIS destination,
 * flagged), the ship's length (AIS), the TEU discharged and loaded (equipment events) — and this module turns each
 * call into at most two corridor voyages (inbound from the partner port, outbound to it):
 *
 * - distance: the corridor's configured sea-route distance, else the great circle between the ports (flagged);
 * - speed: distance over the time between the schedule's departure and this arrival (or this departure and the
 *   next arrival), else the corridor's service speed;
 * - fuel: GHG4 (`computeGhg4Interval`, propeller law, SFC curve, Table 17 auxiliaries and boilers) over the leg at
 *   that speed, the main fuel from the particulars register, else the configured default (flagged `assumed`);
 * - well-to-wake intensity, g CO2e/MJ: FuelEU (`computeFuelEu`) over the leg's fuels;
 * - g CO2e/TEU-km: ISO 14083 (`computeCorridorIntensity`) with the TEU discharged (inbound) or loaded (outbound),
 *   else 70 % of the capacity (the Clean Cargo utilisation, flagged);
 * - low/zero-carbon: the main fuel's pathway WtW at or below the configured threshold.
 */
import { computeCorridorIntensity, CLEAN_CARGO_UTILISATION } from './corridor-intensity.js';
import { estimateContainerShip, pathwayOf } from './container-ship-estimate.js';
import { computeFuelEu } from './fueleu.js';
import { PATHWAY_FACTORS, tankToWakeGPerGFuel, type FuelPathway } from './fueleu-factors.js';
import { computeGhg4Interval } from './ghg4-interval.js';
import { greatCircleNm, KM_PER_NM } from './great-circle.js';
import { targetIn, type Corridor, type GreenCorridorConfig } from './green-corridor-config.js';

export type PortSource = 'carrier-schedule' | 'edifact-port-of-loading' | 'ais-destination';

export interface PortFact {
  readonly unLocode: string;
  readonly source: PortSource;
  /** Departure from the previous port / arrival at the next one, when the schedule states it (ISO 8601). */
  readonly at: string | null;
}

/** What the product knows of one vessel call at a San Pedro Bay port. */
export interface CallFacts {
  readonly callId: string;
  readonly imo: string | null;
  readonly vesselName: string | null;
  /** UN/LOCODE of the port called. */
  readonly port: string;
  readonly arrivedAt: string | null;
  readonly departedAt: string | null;
  readonly previousPort: PortFact | null;
  readonly nextPort: PortFact | null;
  readonly lengthM: number | null;
  readonly teuDischarged: number | null;
  readonly teuLoaded: number | null;
}

export type CorridorVoyage = {
  readonly corridorId: string;
  readonly callId: string;
  readonly imo: string | null;
  readonly vesselName: string | null;
  readonly direction: 'inbound' | 'outbound';
  readonly fromPort: string;
  readonly toPort: string;
  /** Arrival here (inbound) or departure from here (outbound). */
  readonly at: string;
  readonly month: string;
  readonly portSource: PortSource;
  /** The other end came from the AIS destination (typed by the crew, unchecked). */
  readonly portFlagged: boolean;
  readonly distanceNm: number;
  readonly distanceKm: number;
  readonly distanceSource: 'sea-route' | 'great-circle';
  readonly speedKn: number;
  readonly speedSource: 'schedule' | 'service-speed';
  readonly hours: number;
  readonly particulars: {
    readonly teu: number;
    readonly mainEngineMcrKw: number;
    readonly designSpeedKn: number;
    readonly builtYear: number;
    readonly source: 'register' | 'estimated';
    readonly estimated: readonly string[];
  };
  readonly fuel: FuelPathway;
  readonly fuelSource: 'register' | 'assumed';
  readonly fuelT: Readonly<Partial<Record<FuelPathway, number>>>;
  readonly energyMj: number;
  readonly wtwCo2eT: number;
  readonly wtwGCo2ePerMj: number;
  readonly lowZeroCarbon: boolean;
  readonly teuCarried: number;
  readonly teuSource: 'discharge-events' | 'load-events' | 'capacity-70pct';
  readonly teuKm: number;
  readonly wtwGCo2ePerTeuKm: number;
  readonly ttwGCo2ePerTeuKm: number;
};

/** Speeds outside this range from a schedule are not believed (a missed call in between); the service speed is used. */
const MIN_BELIEVABLE_KN = 5;

/** The WtW intensity of a fuel pathway by its Annex II defaults, g CO2e/MJ (AR4). */
export function pathwayWtwGCo2ePerMj(pathway: FuelPathway): number {
  const f = PATHWAY_FACTORS[pathway];
  return f.wttGCo2ePerMj + tankToWakeGPerGFuel(f, 'AR4') / f.lcvMjPerG;
}

function corridorOf(config: GreenCorridorConfig, home: string, other: string): Corridor | undefined {
  return config.corridors.find((c) => c.homePorts.includes(home) && c.partnerPorts.includes(other));
}

/** The corridor voyages of one call: inbound from a partner port, outbound to one (zero, one or two). */
export function corridorVoyagesOf(config: GreenCorridorConfig, call: CallFacts): CorridorVoyage[] {
  const voyages: CorridorVoyage[] = [];
  const legs = [
    { direction: 'inbound' as const, other: call.previousPort, at: call.arrivedAt },
    { direction: 'outbound' as const, other: call.nextPort, at: call.departedAt },
  ];
  for (const leg of legs) {
    if (!leg.other || !leg.at) continue;
    const corridor = corridorOf(config, call.port, leg.other.unLocode);
    if (!corridor) continue;
    voyages.push(voyageOn(config, corridor, call, leg.direction, leg.other, leg.at));
  }
  return voyages;
}

function voyageOn(
  config: GreenCorridorConfig,
  corridor: Corridor,
  call: CallFacts,
  direction: 'inbound' | 'outbound',
  other: PortFact,
  at: string,
): CorridorVoyage {
  const registered = call.imo ? config.vessels.find((v) => v.imo === call.imo) : undefined;
  const fuel = registered?.fuel ?? config.defaultFuel;
  const est = estimateContainerShip({
    lengthM: call.lengthM,
    teu: registered?.teu,
    mainEngineMcrKw: registered?.mainEngineMcrKw,
    designSpeedKn: registered?.designSpeedKn,
    builtYear: registered?.builtYear,
    fuel,
  });
  const here = config.ports[call.port];
  const there = config.ports[other.unLocode];
  const seaRoute = corridor.seaDistanceNm !== undefined;
  const distanceNm = corridor.seaDistanceNm ?? (here && there ? greatCircleNm(here, there) : 0);
  const ship = est.ship;

  let speedKn = corridor.serviceSpeedKn;
  let speedSource: CorridorVoyage['speedSource'] = 'service-speed';
  if (other.at) {
    const hours = Math.abs(Date.parse(at) - Date.parse(other.at)) / 3_600_000;
    const scheduled = hours > 0 ? distanceNm / hours : Number.POSITIVE_INFINITY;
    if (scheduled >= MIN_BELIEVABLE_KN && scheduled <= ship.designSpeedKn) {
      speedKn = scheduled;
      speedSource = 'schedule';
    }
  }
  speedKn = Math.min(speedKn, ship.designSpeedKn);
  const hours = distanceNm / speedKn;
  const leg = computeGhg4Interval(ship, { hours, speedOverGroundKn: speedKn, phase: 'sea' });
  const fuelT: Partial<Record<FuelPathway, number>> = {};
  for (const g of leg.groups) {
    if (g.fuelG <= 0) continue;
    const p = pathwayOf(g.fuel, fuel);
    fuelT[p] = (fuelT[p] ?? 0) + g.fuelG / 1e6;
  }
  const fuels = Object.entries(fuelT).map(([pathway, massT]) => ({ pathway: pathway as FuelPathway, massT }));
  const year = Math.min(2050, Math.max(2025, new Date(at).getUTCFullYear()));
  const fuelEu = computeFuelEu({
    method: 'fueleu',
    year,
    fuels: fuels.map((f) => ({ ...f, scopePct: 100 })),
    shorePowerMj: 0,
    shorePowerWttGCo2ePerMj: 0,
    windRewardFactor: 1,
    consecutiveDeficitYears: 1,
    gwp: 'AR4',
  });
  const teuFromEvents = direction === 'inbound' ? call.teuDischarged : call.teuLoaded;
  const teuCarried =
    teuFromEvents !== null && teuFromEvents > 0 ? teuFromEvents : Math.round((ship.teu ?? 0) * CLEAN_CARGO_UTILISATION);
  const distanceKm = distanceNm * KM_PER_NM;
  const intensity = computeCorridorIntensity({
    method: 'corridor-intensity',
    fuels,
    distanceKm,
    teuCarried,
    gwp: 'AR4',
    shipments: [],
  });
  return {
    corridorId: corridor.id,
    callId: call.callId,
    imo: call.imo,
    vesselName: call.vesselName,
    direction,
    fromPort: direction === 'inbound' ? other.unLocode : call.port,
    toPort: direction === 'inbound' ? call.port : other.unLocode,
    at,
    month: at.slice(0, 7),
    portSource: other.source,
    portFlagged: other.source === 'ais-destination',
    distanceNm,
    distanceKm,
    distanceSource: seaRoute ? 'sea-route' : 'great-circle',
    speedKn,
    speedSource,
    hours,
    particulars: {
      teu: ship.teu ?? 0,
      mainEngineMcrKw: ship.mainEngineMcrKw,
      designSpeedKn: ship.designSpeedKn,
      builtYear: ship.builtYear,
      source: est.estimated.length === 0 ? 'register' : 'estimated',
      estimated: est.estimated,
    },
    fuel,
    fuelSource: registered ? 'register' : 'assumed',
    fuelT,
    energyMj: fuelEu.energyMj,
    wtwCo2eT: intensity.wtwCo2eG / 1e6,
    wtwGCo2ePerMj: fuelEu.ghgIntensityGCo2ePerMj,
    lowZeroCarbon: pathwayWtwGCo2ePerMj(fuel) <= config.lowZeroCarbonMaxWtwGCo2ePerMj,
    teuCarried,
    teuSource:
      teuFromEvents !== null && teuFromEvents > 0
        ? direction === 'inbound'
          ? 'discharge-events'
          : 'load-events'
        : 'capacity-70pct',
    teuKm: intensity.transportActivityTeuKm,
    wtwGCo2ePerTeuKm: intensity.wtwGCo2ePerTeuKm,
    ttwGCo2ePerTeuKm: intensity.ttwGCo2ePerTeuKm,
  };
}

export type CorridorFigures = {
  readonly voyages: number;
  readonly inbound: number;
  readonly outbound: number;
  readonly fuelMix: readonly {
    readonly fuel: FuelPathway;
    readonly voyages: number;
    readonly energyMj: number;
    readonly energySharePct: number;
  }[];
  readonly lowZeroCarbonVoyages: number;
  readonly lowZeroCarbonSharePct: number | null;
  readonly energyMj: number;
  readonly wtwCo2eT: number;
  /** Energy-weighted WtW intensity of the voyages (Σ CO2e / Σ MJ), g CO2e/MJ. */
  readonly wtwGCo2ePerMj: number | null;
  readonly teuKm: number;
  /** Σ WtW CO2e / Σ TEU·km of the voyages. */
  readonly wtwGCo2ePerTeuKm: number | null;
};

export function corridorFigures(voyages: readonly CorridorVoyage[]): CorridorFigures {
  const mix = new Map<FuelPathway, { voyages: number; energyMj: number }>();
  let energyMj = 0;
  let co2eG = 0;
  let teuKm = 0;
  let low = 0;
  for (const v of voyages) {
    const m = mix.get(v.fuel) ?? { voyages: 0, energyMj: 0 };
    m.voyages++;
    m.energyMj += v.energyMj;
    mix.set(v.fuel, m);
    energyMj += v.energyMj;
    co2eG += v.wtwGCo2ePerMj * v.energyMj;
    teuKm += v.teuKm;
    if (v.lowZeroCarbon) low++;
  }
  const wtwCo2eT = voyages.reduce((s, v) => s + v.wtwCo2eT, 0);
  return {
    voyages: voyages.length,
    inbound: voyages.filter((v) => v.direction === 'inbound').length,
    outbound: voyages.filter((v) => v.direction === 'outbound').length,
    fuelMix: [...mix.entries()]
      .sort((a, b) => b[1].energyMj - a[1].energyMj || a[0].localeCompare(b[0]))
      .map(([fuel, m]) => ({
        fuel,
        voyages: m.voyages,
        energyMj: m.energyMj,
        energySharePct: energyMj > 0 ? (100 * m.energyMj) / energyMj : 0,
      })),
    lowZeroCarbonVoyages: low,
    lowZeroCarbonSharePct: voyages.length > 0 ? (100 * low) / voyages.length : null,
    energyMj,
    wtwCo2eT,
    wtwGCo2ePerMj: energyMj > 0 ? co2eG / energyMj : null,
    teuKm,
    wtwGCo2ePerTeuKm: teuKm > 0 ? (wtwCo2eT * 1e6) / teuKm : null,
  };
}

export type TargetCheck = {
  readonly target: number;
  readonly targetFromYear: number;
  readonly attained: number | null;
  /** null when there is nothing to judge (no voyage that year). */
  readonly met: boolean | null;
};

export type CorridorProgress = {
  readonly year: number;
  readonly voyages: number;
  readonly wtwIntensity: TargetCheck | null;
  readonly lowZeroCarbonShare: TargetCheck | null;
};

/** Progress of each year with voyages (and the current target year, if given) against the corridor pathway. */
export function corridorProgress(
  corridor: Corridor,
  voyages: readonly CorridorVoyage[],
  years: readonly number[],
): CorridorProgress[] {
  const all = new Set<number>(years);
  for (const v of voyages) all.add(new Date(v.at).getUTCFullYear());
  return [...all]
    .sort((a, b) => a - b)
    .map((year) => {
      const figures = corridorFigures(voyages.filter((v) => new Date(v.at).getUTCFullYear() === year));
      const intensity = targetIn(corridor.pathway, year, 'maxWtwGCo2ePerMj');
      const share = targetIn(corridor.pathway, year, 'minLowZeroCarbonSharePct');
      return {
        year,
        voyages: figures.voyages,
        wtwIntensity: intensity && {
          target: intensity.value,
          targetFromYear: intensity.fromYear,
          attained: figures.wtwGCo2ePerMj,
          met: figures.wtwGCo2ePerMj === null ? null : figures.wtwGCo2ePerMj <= intensity.value,
        },
        lowZeroCarbonShare: share && {
          target: share.value,
          targetFromYear: share.fromYear,
          attained: figures.lowZeroCarbonSharePct,
          met: figures.lowZeroCarbonSharePct === null ? null : figures.lowZeroCarbonSharePct >= share.value,
        },
      };
    });
}

/** Figures per month (by the voyage's `at`), oldest first. */
export function corridorTrend(voyages: readonly CorridorVoyage[]): (CorridorFigures & { readonly month: string })[] {
  const months = [...new Set(voyages.map((v) => v.month))].sort();
  return months.map((month) => ({ month, ...corridorFigures(voyages.filter((v) => v.month === month)) }));
}
