/**
 * Simulated vessels: identity (MMSI with a flag-state MID, IMO number with its check digit, call sign,
 * name) and particulars plausible for the ship kind and size. Container-ship dimensions, installed power
 * and design speed are interpolated from typical ships of each size class (Panamax 4,500 TEU: 294 x 32 m,
 * ~36 MW, 24.5 kn; neo-Panamax 14,000 TEU: 366 x 51 m, ~70 MW; 20,000 TEU: 400 x 59 m, ~60 MW at 22.5 kn).
 * Power and speed come from the emissions estimate's own table (`emissions/typical-container-ship.ts`).
 */
import { interpolate, type PiecewiseLinear as Table } from '../domain/piecewise-linear.js';
import { typicalDesignSpeedKnOfTeu, typicalMcrKwOfTeu } from '../emissions/typical-container-ship.js';
import { imoCheckDigit } from '../domain/identifiers/imo-number.js';
import type { Prng } from './prng.js';
import type { Fuel } from './scenario.js';

export type VesselKind = 'container' | 'tanker' | 'passenger' | 'ferry' | 'tug' | 'pilot';

export interface SimVessel {
  readonly kind: VesselKind;
  readonly mmsi: number;
  readonly imo: string | null;
  readonly name: string;
  readonly callsign: string;
  /** AIS ship and cargo type (ITU-R M.1371-5 Table 53). */
  readonly aisShipType: number;
  readonly lengthM: number;
  readonly beamM: number;
  readonly draughtM: number;
  readonly teu: number | null;
  readonly installedPowerKw: number;
  readonly designSpeedKn: number;
  readonly fuel: Fuel;
  /** Shore power (AMP) fitted. */
  readonly shorePower: boolean;
}

const LENGTH: Table = [
  [1_000, 150],
  [2_500, 210],
  [4_500, 294],
  [8_000, 334],
  [10_000, 349],
  [14_000, 366],
  [20_000, 400],
];
const BEAM: Table = [
  [1_000, 23],
  [2_500, 32],
  [4_500, 32.2],
  [8_000, 42.8],
  [10_000, 45.6],
  [14_000, 51],
  [20_000, 59],
];
const DRAUGHT: Table = [
  [1_000, 8.5],
  [2_500, 12],
  [4_500, 13.5],
  [8_000, 14.5],
  [10_000, 15],
  [14_000, 15.5],
  [20_000, 16],
];

/** Maximum (design) draught of a container ship of `teu`, m, one decimal: what a carrier states as its particular. */
export function maxDraughtMOfTeu(teu: number): number {
  return Math.round(interpolate(DRAUGHT, teu) * 10) / 10;
}

/** Maritime identification digits of flags common on the transpacific trade. */
const MIDS = [636, 538, 477, 563, 351, 372, 215, 229, 255, 413, 440, 431, 416, 219, 265] as const;

const NAME_WORDS = [
  'HARMONY',
  'PIONEER',
  'TRIUMPH',
  'ORIENT',
  'PACIFIC',
  'HORIZON',
  'AURORA',
  'MERIDIAN',
  'VOYAGER',
  'CONCORD',
  'SPLENDOR',
  'FORTUNE',
  'LIBERTY',
  'PROSPER',
  'GALAXY',
  'ZENITH',
  'ENDEAVOR',
  'SERENITY',
  'VALOR',
  'UNITY',
];

const CARRIER_PREFIX: Readonly<Record<string, string>> = {
  MAEU: 'MAERSK',
  CMDU: 'CMA CGM',
  COSU: 'COSCO',
  EGLV: 'EVER',
  ONEY: 'ONE',
  YMLU: 'YM',
  HDMU: 'HYUNDAI',
  MSCU: 'MSC',
  OOLU: 'OOCL',
  ZIMU: 'ZIM',
  MATS: 'MATSON',
  HLCU: 'HAPAG',
};

/**
 * MMSI = MID + six digits; the six digits are a bijection of `uid` (7,919 is prime to 10^6), so vessels with
 * distinct uids (unique per run, below 10^6) never share an MMSI whatever their flags.
 */
function mmsiOf(mid: number, uid: number): number {
  return mid * 1_000_000 + ((uid * 7_919) % 1_000_000);
}

/** A 7-digit IMO ship identification number (9 + five drawn digits + check digit) as `IMO` text digits. */
function drawImo(rng: Prng): string {
  const six = `9${String(rng.int(0, 99_999)).padStart(5, '0')}`;
  return `${six}${imoCheckDigit(six)}`;
}

function drawCallsign(rng: Prng): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  let s = rng.pick(['V7', '9V', 'VR', 'D5', 'H3', '3E', 'A8', '9H', 'C6']);
  for (let i = 0; i < 4; i++) s += i < 2 ? letters[rng.int(0, letters.length - 1)] : String(rng.int(0, 9));
  return s;
}

export interface ContainerShipSpec {
  readonly uid: number;
  readonly carrierScac: string;
  readonly teuMin: number;
  readonly teuMax: number;
  readonly fuelMix: Readonly<Partial<Record<Fuel, number>>>;
}

/** A container ship of the size class; `uid` (unique within a run) keeps MMSIs distinct. */
export function containerShip(rng: Prng, spec: ContainerShipSpec): SimVessel {
  const teu = Math.round(rng.uniform(spec.teuMin, spec.teuMax) / 10) * 10;
  const fuel = rng.weighted(spec.fuelMix as Record<Fuel, number>);
  const prefix = CARRIER_PREFIX[spec.carrierScac] ?? spec.carrierScac;
  return Object.freeze({
    kind: 'container',
    mmsi: mmsiOf(rng.pick(MIDS), spec.uid),
    imo: drawImo(rng),
    name: `${prefix} ${rng.pick(NAME_WORDS)} ${spec.uid}`.slice(0, 20),
    callsign: drawCallsign(rng),
    aisShipType: 70,
    lengthM: Math.round(interpolate(LENGTH, teu)),
    beamM: Math.round(interpolate(BEAM, teu) * 10) / 10,
    draughtM: Math.round(interpolate(DRAUGHT, teu) * rng.uniform(0.78, 0.95) * 10) / 10,
    teu,
    installedPowerKw: Math.round((typicalMcrKwOfTeu(teu) * rng.uniform(0.92, 1.08)) / 100) * 100,
    designSpeedKn: Math.round(typicalDesignSpeedKnOfTeu(teu) * 10) / 10,
    fuel,
    shorePower: rng.chance(teu >= 8_000 ? 0.8 : 0.5),
  });
}

export interface CraftSpec {
  readonly kind: Exclude<VesselKind, 'container'>;
  readonly uid: number;
  readonly name: string;
}

const CRAFT: Readonly<
  Record<
    CraftSpec['kind'],
    {
      type: number;
      length: [number, number];
      beam: number;
      draught: number;
      kw: number;
      kn: number;
      imo: boolean;
      mid: number;
    }
  >
> = {
  tanker: { type: 80, length: [180, 250], beam: 42, draught: 13, kw: 13_000, kn: 15, imo: true, mid: 538 },
  passenger: { type: 60, length: [270, 330], beam: 37, draught: 8.3, kw: 60_000, kn: 21, imo: true, mid: 311 },
  ferry: { type: 60, length: [30, 45], beam: 9, draught: 2, kw: 4_000, kn: 30, imo: false, mid: 367 },
  tug: { type: 52, length: [24, 32], beam: 11, draught: 5, kw: 5_000, kn: 12, imo: false, mid: 367 },
  pilot: { type: 50, length: [16, 20], beam: 5.5, draught: 1.5, kw: 1_200, kn: 24, imo: false, mid: 367 },
};

/** A non-container ship or harbour craft (US-flagged craft get MID 367); `uid` unique within the run. */
export function harbourCraft(rng: Prng, spec: CraftSpec): SimVessel {
  const c = CRAFT[spec.kind];
  return Object.freeze({
    kind: spec.kind,
    mmsi: mmsiOf(c.mid, spec.uid),
    imo: c.imo ? drawImo(rng) : null,
    name: spec.name.slice(0, 20),
    callsign: drawCallsign(rng),
    aisShipType: c.type,
    lengthM: Math.round(rng.uniform(c.length[0], c.length[1])),
    beamM: c.beam,
    draughtM: c.draught,
    teu: null,
    installedPowerKw: c.kw,
    designSpeedKn: c.kn,
    fuel: spec.kind === 'passenger' && rng.chance(0.2) ? 'LNG' : 'MGO',
    shorePower: spec.kind === 'passenger' || spec.kind === 'tanker' ? rng.chance(0.6) : false,
  });
}
