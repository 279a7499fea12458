/**
 * The carriers' vessel particulars (`csv-vessel-particulars`; docs/simulator.md "Vessel particulars"): each carrier
 * operating a simulated service, as its own organisation, states the particulars of the container ships it brings
 * to the port (`sim/vessel-particulars.ts`: TEU, installed main-engine power, design speed, maximum draught, fuel,
 * shore power fitted) once, a minute apart in SCAC order, from the 30th minute of the run on, so the per-call
 * emissions of those calls use stated particulars. What the simulator does not model (DWT, GT, auxiliary power,
 * build year, sulphur, ZE capability) is left empty, and the product estimates it. A vessel of several carriers'
 * calls is stated by the carrier of its first call. Pure and deterministic.
 */
import {
  VESSEL_PARTICULARS_COLUMNS,
  VESSEL_PARTICULARS_FORMAT,
} from '../../ingest/csv/vessel-particulars/vessel-particulars-parser.js';
import type { Fuel } from '../scenario.js';
import type { SimMessage, SimMessageSource } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import { maxDraughtMOfTeu, type SimVessel } from '../vessel-particulars.js';
import { carrierParty } from './cargo-parties.js';
import { csv } from './csv-writer.js';
import { pacificIso } from './pacific-time.js';
import { MINUTE } from '../../domain/time-units.js';

/** The simulator's fuels as the feed names them; ammonia has no row in the emission methods, so it is not stated. */
const FUEL_CELL: Readonly<Record<Fuel, string>> = {
  HFO: 'HFO',
  VLSFO: 'VLSFO',
  MGO: 'MGO',
  LNG: 'LNG',
  methanol: 'METHANOL',
  ammonia: '',
};

function row(v: SimVessel, asOfMs: number): (string | number)[] {
  const teu = v.teu ?? 0;
  return [
    v.imo ?? '',
    String(v.mmsi).padStart(9, '0'),
    v.name,
    'container',
    teu,
    '',
    '',
    v.installedPowerKw,
    '',
    v.designSpeedKn,
    maxDraughtMOfTeu(teu),
    // GHG4 has no two-stroke LNG engine row: an LNG ship's engine is left to the product's estimate.
    v.fuel === 'LNG' ? '' : 'SSD',
    2,
    FUEL_CELL[v.fuel],
    '',
    '',
    v.shorePower ? 'Y' : 'N',
    '',
    pacificIso(asOfMs),
  ];
}

export function vesselParticularsSource(run: SimRun): SimMessageSource {
  const byCarrier = new Map<string, Map<string, SimVessel>>();
  const stated = new Set<string>();
  for (const call of [...run.calls].sort((a, b) => a.arrivalMs - b.arrivalMs || a.id.localeCompare(b.id))) {
    const v = call.vessel;
    if (v.kind !== 'container' || v.imo === null || v.teu === null || stated.has(v.imo)) continue;
    stated.add(v.imo);
    const fleet = byCarrier.get(call.carrierScac) ?? new Map<string, SimVessel>();
    fleet.set(v.imo, v);
    byCarrier.set(call.carrierScac, fleet);
  }
  const messages: SimMessage[] = [...byCarrier.keys()].sort().map((scac, i) => {
    const atMs = run.scenario.startMs + (30 + i) * MINUTE;
    const fleet = [...byCarrier.get(scac)!.values()].sort((a, b) => (a.imo! < b.imo! ? -1 : 1));
    return {
      atMs,
      party: carrierParty(scac),
      format: VESSEL_PARTICULARS_FORMAT,
      body: csv(
        VESSEL_PARTICULARS_COLUMNS,
        fleet.map((v) => row(v, atMs)),
      ),
    };
  });
  return {
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      return messages.filter((m) => m.atMs >= fromMs && m.atMs < toMs);
    },
  };
}
