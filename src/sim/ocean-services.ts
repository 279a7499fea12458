/**
 * The weekly ocean services calling San Pedro Bay: one loop per row, calling one terminal of the shared
 * registry once a week. The corridor table holds the origin ports with their sea distance to the San Pedro
 * Bay approaches (nautical miles, rounded, from standard port-distance tables: approximate) and which
 * approach the ships take (transpacific loops come in through the western TSS, Panama loops through the
 * southern TSS). Counts per port are sized on the 2018 call counts (POLA about 1,200 and POLB about 1,040
 * container calls a year: 23 and 20 weekly loops; see docs/simulator.md).
 */
import type { SimPort } from './teu-calibration.js';

export type Approach = 'western' | 'southern';

export interface Corridor {
  readonly unLocode: string;
  readonly name: string;
  /** Sea distance to the TSS entrance, nautical miles (approximate). */
  readonly distanceNm: number;
  readonly approach: Approach;
}

export const CORRIDORS: readonly Corridor[] = [
  { unLocode: 'CNSHA', name: 'Shanghai', distanceNm: 5_700, approach: 'western' },
  { unLocode: 'SGSIN', name: 'Singapore', distanceNm: 7_650, approach: 'western' },
  { unLocode: 'JPTYO', name: 'Tokyo', distanceNm: 4_830, approach: 'western' },
  { unLocode: 'JPYOK', name: 'Yokohama', distanceNm: 4_840, approach: 'western' },
  { unLocode: 'JPNGO', name: 'Nagoya', distanceNm: 5_000, approach: 'western' },
  { unLocode: 'CNCAN', name: 'Guangzhou (Nansha)', distanceNm: 6_420, approach: 'western' },
  { unLocode: 'KRPUS', name: 'Busan', distanceNm: 5_260, approach: 'western' },
  { unLocode: 'TWKHH', name: 'Kaohsiung', distanceNm: 6_280, approach: 'western' },
  { unLocode: 'SEGOT', name: 'Gothenburg (via the Panama Canal)', distanceNm: 8_250, approach: 'southern' },
];

export interface OceanService {
  readonly id: string;
  readonly name: string;
  readonly carrierScac: string;
  readonly corridor: Corridor;
  readonly port: SimPort;
  /** SMDG code of the terminal it calls (registry). */
  readonly terminal: string;
  /** Vessel size class, TEU (the fleet of the loop lies within it). */
  readonly teuMin: number;
  readonly teuMax: number;
  /** Commercial (slow-steaming) speed on the ocean leg, knots. */
  readonly serviceSpeedKn: number;
  /** Scheduled arrival at the TSS within the week: hours after Monday 00:00 UTC. */
  readonly weeklyArrivalHour: number;
  /** Ships in rotation (round trip in weeks). */
  readonly fleetSize: number;
}

interface Loop {
  readonly corridor: string;
  readonly port: SimPort;
  readonly terminal: string;
  readonly carrier: string;
  readonly teu: readonly [number, number];
  readonly speed?: number;
}

const ASIA: readonly [number, number] = [8_000, 14_000];
const BIG: readonly [number, number] = [13_000, 18_500];
const PANAMA: readonly [number, number] = [4_200, 5_100];

/** 23 POLA loops + 20 POLB loops: corridor, terminal, operating carrier (SCAC), size class. */
const LOOPS: readonly Loop[] = [
  // Port of Los Angeles
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'APMT', carrier: 'MAEU', teu: BIG },
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'APMT', carrier: 'MAEU', teu: ASIA },
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'EAGLE', carrier: 'CMDU', teu: BIG },
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'WBCT', carrier: 'COSU', teu: ASIA },
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'WBCT', carrier: 'COSU', teu: BIG },
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'ETS', carrier: 'EGLV', teu: ASIA },
  { corridor: 'CNSHA', port: 'USLAX', terminal: 'YUSEN', carrier: 'ONEY', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLAX', terminal: 'APMT', carrier: 'MAEU', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLAX', terminal: 'EAGLE', carrier: 'CMDU', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLAX', terminal: 'WBCT', carrier: 'YMLU', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLAX', terminal: 'TRAP', carrier: 'ONEY', teu: ASIA },
  { corridor: 'KRPUS', port: 'USLAX', terminal: 'APMT', carrier: 'HDMU', teu: ASIA },
  { corridor: 'KRPUS', port: 'USLAX', terminal: 'EAGLE', carrier: 'CMDU', teu: ASIA },
  { corridor: 'KRPUS', port: 'USLAX', terminal: 'YUSEN', carrier: 'ONEY', teu: ASIA },
  { corridor: 'TWKHH', port: 'USLAX', terminal: 'ETS', carrier: 'EGLV', teu: ASIA },
  { corridor: 'TWKHH', port: 'USLAX', terminal: 'WBCT', carrier: 'YMLU', teu: ASIA },
  { corridor: 'TWKHH', port: 'USLAX', terminal: 'EAGLE', carrier: 'CMDU', teu: ASIA },
  { corridor: 'SGSIN', port: 'USLAX', terminal: 'APMT', carrier: 'MAEU', teu: ASIA },
  { corridor: 'SGSIN', port: 'USLAX', terminal: 'TRAP', carrier: 'ONEY', teu: ASIA },
  { corridor: 'JPTYO', port: 'USLAX', terminal: 'YUSEN', carrier: 'ONEY', teu: ASIA },
  { corridor: 'JPYOK', port: 'USLAX', terminal: 'TRAP', carrier: 'ONEY', teu: ASIA },
  { corridor: 'JPNGO', port: 'USLAX', terminal: 'ETS', carrier: 'EGLV', teu: ASIA },
  { corridor: 'SEGOT', port: 'USLAX', terminal: 'APMT', carrier: 'MAEU', teu: PANAMA },
  // Port of Long Beach
  { corridor: 'CNSHA', port: 'USLGB', terminal: 'MATU', carrier: 'MATS', teu: [2_600, 3_600], speed: 22 },
  { corridor: 'CNSHA', port: 'USLGB', terminal: 'LBCT', carrier: 'OOLU', teu: BIG },
  { corridor: 'CNSHA', port: 'USLGB', terminal: 'LBCT', carrier: 'COSU', teu: ASIA },
  { corridor: 'CNSHA', port: 'USLGB', terminal: 'SSAPCT', carrier: 'MSCU', teu: BIG },
  { corridor: 'CNSHA', port: 'USLGB', terminal: 'TTI', carrier: 'HDMU', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLGB', terminal: 'SSAPCT', carrier: 'MSCU', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLGB', terminal: 'ITS', carrier: 'ONEY', teu: ASIA },
  { corridor: 'CNCAN', port: 'USLGB', terminal: 'LBCT', carrier: 'OOLU', teu: ASIA },
  { corridor: 'KRPUS', port: 'USLGB', terminal: 'TTI', carrier: 'HDMU', teu: ASIA },
  { corridor: 'KRPUS', port: 'USLGB', terminal: 'SSAPCT', carrier: 'MSCU', teu: ASIA },
  { corridor: 'KRPUS', port: 'USLGB', terminal: 'SSATA', carrier: 'ZIMU', teu: ASIA },
  { corridor: 'TWKHH', port: 'USLGB', terminal: 'ITS', carrier: 'EGLV', teu: ASIA },
  { corridor: 'TWKHH', port: 'USLGB', terminal: 'SSATA', carrier: 'YMLU', teu: ASIA },
  { corridor: 'SGSIN', port: 'USLGB', terminal: 'TTI', carrier: 'MSCU', teu: ASIA },
  { corridor: 'SGSIN', port: 'USLGB', terminal: 'SSAPCT', carrier: 'CMDU', teu: ASIA },
  { corridor: 'JPTYO', port: 'USLGB', terminal: 'ITS', carrier: 'ONEY', teu: ASIA },
  { corridor: 'JPYOK', port: 'USLGB', terminal: 'LBCT', carrier: 'OOLU', teu: ASIA },
  { corridor: 'JPYOK', port: 'USLGB', terminal: 'SSATA', carrier: 'ZIMU', teu: ASIA },
  { corridor: 'JPNGO', port: 'USLGB', terminal: 'TTI', carrier: 'HDMU', teu: ASIA },
  { corridor: 'SEGOT', port: 'USLGB', terminal: 'SSAPCT', carrier: 'MSCU', teu: PANAMA },
];

const corridorOf = (unLocode: string): Corridor => {
  const c = CORRIDORS.find((x) => x.unLocode === unLocode);
  if (!c) throw new Error(`unknown corridor ${unLocode}`);
  return c;
};

/**
 * The services, with their weekly arrival hour spread over the week per terminal (terminals book berth
 * windows so their loops do not arrive together) and a fleet large enough for the round trip.
 */
export function oceanServices(): readonly OceanService[] {
  const perTerminal = new Map<string, number>();
  for (const l of LOOPS) perTerminal.set(l.terminal, (perTerminal.get(l.terminal) ?? 0) + 1);
  const seen = new Map<string, number>();
  const terminalOffsetH = (code: string): number => [...code].reduce((s, c) => s + c.charCodeAt(0), 0) % 24;
  return LOOPS.map((l, i) => {
    const corridor = corridorOf(l.corridor);
    const nth = seen.get(l.terminal) ?? 0;
    seen.set(l.terminal, nth + 1);
    const slots = perTerminal.get(l.terminal) ?? 1;
    const weeklyArrivalHour = (Math.round((nth * 168) / slots) + terminalOffsetH(l.terminal)) % 168;
    const speed = l.speed ?? (corridor.approach === 'southern' ? 17 : 16);
    const roundTripDays = (2 * corridor.distanceNm) / speed / 24 + 14;
    const id = `${l.port === 'USLAX' ? 'LA' : 'LB'}${String(i + 1).padStart(2, '0')}-${l.carrier}-${corridor.unLocode}`;
    return Object.freeze({
      id,
      name: `${corridor.name} – ${l.port === 'USLAX' ? 'Los Angeles' : 'Long Beach'} (${l.carrier})`,
      carrierScac: l.carrier,
      corridor,
      port: l.port,
      terminal: l.terminal,
      teuMin: l.teu[0],
      teuMax: l.teu[1],
      serviceSpeedKn: speed,
      weeklyArrivalHour,
      fleetSize: Math.max(2, Math.ceil(roundTripDays / 7)),
    });
  });
}
