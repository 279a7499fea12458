/**
 * The community members the cargo flows speak for, each its own organisation (SimParty): ocean carriers by
 * SCAC (the operators of the model's services), terminals by SMDG code (the shared registry's San Pedro Bay
 * list), a pool of drayage motor carriers (made-up SCACs, California plates), customs brokers filing with CBP,
 * and the beneficial cargo owners the import boxes are consigned to.
 */
import { SAN_PEDRO_BAY_TERMINALS } from '../../domain/identifiers/smdg-terminal-code.js';
import type { Prng } from '../prng.js';
import type { SimParty } from '../sim-message.js';

const party = (code: string, name: string, role: SimParty['role']): SimParty => Object.freeze({ code, name, role });

const CARRIER_NAMES: Readonly<Record<string, string>> = {
  MAEU: 'Maersk',
  CMDU: 'CMA CGM',
  COSU: 'COSCO Shipping Lines',
  EGLV: 'Evergreen Marine',
  ONEY: 'Ocean Network Express',
  YMLU: 'Yang Ming Marine Transport',
  HDMU: 'Hyundai Merchant Marine',
  MATS: 'Matson Navigation',
  OOLU: 'Orient Overseas Container Line',
  MSCU: 'Mediterranean Shipping Company',
  ZIMU: 'ZIM Integrated Shipping Services',
  HLCU: 'Hapag-Lloyd',
};

const carriers = new Map<string, SimParty>();

export function carrierParty(scac: string): SimParty {
  let p = carriers.get(scac);
  if (!p) {
    p = party(scac, CARRIER_NAMES[scac] ?? scac, 'carrier');
    carriers.set(scac, p);
  }
  return p;
}

const terminals = new Map<string, SimParty>(
  SAN_PEDRO_BAY_TERMINALS.map((t) => [t.smdgCode, party(t.smdgCode, t.name, 'terminal')]),
);

export function terminalParty(smdgCode: string): SimParty {
  const p = terminals.get(smdgCode);
  if (!p) throw new Error(`terminal ${smdgCode} is not in the San Pedro Bay list`);
  return p;
}

/** Drayage motor carriers (made-up names and SCACs). */
export const TRUCKERS: readonly SimParty[] = [
  ['SBTL', 'South Bay Transload Lines'],
  ['HRZD', 'Harbor Reach Drayage'],
  ['QCTR', 'Quay City Trucking'],
  ['PCDY', 'Pacific Coast Drayage'],
  ['WLMT', 'Wilmington Motor Transport'],
  ['TIXP', 'Terminal Island Express'],
  ['CRSN', 'Carson Intermodal'],
  ['ALMD', 'Alameda Corridor Haulers'],
  ['GDNA', 'Gardena Freight'],
  ['CMPT', 'Compton Container Lines'],
  ['ONTX', 'Ontario Transfer'],
  ['IEDR', 'Inland Empire Drayage'],
  ['SGBV', 'San Gabriel Valley Cartage'],
  ['LNGB', 'Long Beach Port Trucking'],
  ['DMHZ', 'Dominguez Hills Transport'],
  ['RVSD', 'Riverside Intermodal'],
  ['VRNN', 'Vernon Drayage'],
  ['CMRC', 'City of Commerce Haulage'],
  ['SNPD', 'San Pedro Cartage'],
  ['FNTN', 'Fontana Freightways'],
].map(([code, name]) => party(code!, name!, 'trucker'));

/** Truckers' shares of the visits: a few large fleets and a long tail of small ones. */
export const TRUCKER_WEIGHTS: Readonly<Record<string, number>> = Object.fromEntries(
  TRUCKERS.map((t, i) => [t.code, 1 / (1 + i * 0.35)]),
);

export function truckerParty(code: string): SimParty {
  const p = TRUCKERS.find((t) => t.code === code);
  if (!p) throw new Error(`unknown trucker ${code}`);
  return p;
}

/** Customs brokers (made up) filing entries with CBP; CBP holds and releases reach the port through them. */
export const CUSTOMS_BROKERS: readonly SimParty[] = [
  ['BRK-PACIFIC', 'Pacific Customs Brokerage'],
  ['BRK-HARBOR', 'Harbor Entry Services'],
  ['BRK-TRANSPAC', 'Transpac Clearance'],
  ['BRK-GATEWAY', 'Gateway Customs House Brokers'],
  ['BRK-SPB', 'San Pedro Bay Customs Brokers'],
].map(([code, name]) => party(code!, name!, 'customs_broker'));

/** Beneficial cargo owners (made-up importers and exporters of the Los Angeles basin and beyond). */
export const BCOS: readonly SimParty[] = [
  ['BCO-MESA', 'Mesa Home Furnishings'],
  ['BCO-SUNCREST', 'Suncrest Retail Group'],
  ['BCO-ORCHARD', 'Orchard Valley Foods'],
  ['BCO-KESTREL', 'Kestrel Electronics'],
  ['BCO-TIDELINE', 'Tideline Apparel'],
  ['BCO-REDWOOD', 'Redwood Hardware Supply'],
  ['BCO-LUMEN', 'Lumen Lighting Imports'],
  ['BCO-PRAIRIE', 'Prairie Hay Exporters'],
  ['BCO-CASCADE', 'Cascade Toys'],
  ['BCO-MERIDIAN', 'Meridian Auto Parts'],
].map(([code, name]) => party(code!, name!, 'bco'));

/** A California truck plate: digit, three letters, three digits (`7ABC123`). */
export function truckPlate(rng: Prng): string {
  const letter = (): string => String.fromCharCode(65 + rng.int(0, 25));
  return `${rng.int(1, 9)}${letter()}${letter()}${letter()}${String(rng.int(0, 999)).padStart(3, '0')}`;
}
