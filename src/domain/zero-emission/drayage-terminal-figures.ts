/**
 * Drayage figures per terminal from truck visits joined to the port drayage truck registry (docs/drayage.md): the
 * zero-emission share of visits (CAAP metric "ZE drayage share of truck visits", reference §5) and the Clean Truck
 * Fund over the loaded boxes those visits moved (`clean-truck-fund.ts`). Published aggregates name no truck or
 * trucker; a terminal with fewer than `MIN_DISCLOSED_VISITS` visits in the period is withheld (counted in
 * `suppressedTerminals`), and the port-wide figures add up the shown terminals only, so a withheld terminal cannot
 * be recovered by subtraction. Pure.
 */
import { cleanTruckFundTotal, lowNoxExemptOn, teuOf } from './clean-truck-fund.js';
import { isZeroEmissionTruck, type DrayageFuel } from './ze-classification.js';

/** Fewer visits than this in a group would let a reader single out one trucker's fleet. */
export const MIN_DISCLOSED_VISITS = 5;

export interface RegisteredTruck {
  readonly fuel: DrayageFuel;
  readonly lowNox: boolean;
}

export interface DrayageVisit {
  readonly terminal: string;
  /** The registry entry of the visit's truck; null when the plate is not registered (or the visit names none). */
  readonly truck: RegisteredTruck | null;
  readonly moves: readonly {
    readonly lengthFt: 20 | 40 | 45;
    readonly loaded: boolean;
    /** Local day of the move, `YYYY-MM-DD` (the low-NOx exemption's sunset is a day). */
    readonly day: string;
  }[];
}

export interface ZeShareFigures {
  readonly visits: number;
  /** Visits whose truck is in the registry. */
  readonly registeredVisits: number;
  readonly zeVisits: number;
  /** zeVisits / visits; an unregistered truck counts as not ZE. */
  readonly zeShare: number | null;
}

export interface CleanTruckFundFigures {
  readonly visits: number;
  readonly loadedTeu: number;
  /** Loaded TEU moved by exempt trucks (ZE, or low-NOx before the sunset). */
  readonly exemptTeu: number;
  readonly chargedTeu: number;
  readonly chargeUsd: number;
}

export interface ByTerminal<F> {
  readonly terminals: readonly (F & { readonly terminalCode: string })[];
  /** The shown terminals together. */
  readonly port: F;
  readonly suppressedTerminals: number;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function shown<F>(
  visits: readonly DrayageVisit[],
  figures: (group: readonly DrayageVisit[]) => F,
): ByTerminal<F> & { readonly kept: readonly DrayageVisit[] } {
  const groups = new Map<string, DrayageVisit[]>();
  for (const v of visits) groups.set(v.terminal, [...(groups.get(v.terminal) ?? []), v]);
  const terminals: (F & { terminalCode: string })[] = [];
  const kept: DrayageVisit[] = [];
  let suppressed = 0;
  for (const code of [...groups.keys()].sort()) {
    const group = groups.get(code)!;
    if (group.length < MIN_DISCLOSED_VISITS) {
      suppressed++;
      continue;
    }
    terminals.push({ terminalCode: code, ...figures(group) });
    kept.push(...group);
  }
  return { terminals, port: figures(kept), suppressedTerminals: suppressed, kept };
}

export function zeShareOf(group: readonly DrayageVisit[]): ZeShareFigures {
  const registered = group.filter((v) => v.truck !== null);
  const ze = registered.filter((v) => isZeroEmissionTruck(v.truck!.fuel)).length;
  return { visits: group.length, registeredVisits: registered.length, zeVisits: ze, zeShare: ratio(ze, group.length) };
}

export function cleanTruckFundOf(group: readonly DrayageVisit[]): CleanTruckFundFigures {
  const loaded = group.flatMap((visit) =>
    visit.moves
      .filter((move) => move.loaded)
      .map((move) => ({
        // A truck not in the registry cannot claim an exemption: it pays as diesel.
        fuel: visit.truck?.fuel ?? 'diesel',
        lowNoxExempt: visit.truck?.lowNox === true && lowNoxExemptOn(move.day),
        lengthFt: move.lengthFt,
        loaded: true,
      })),
  );
  const loadedTeu = loaded.reduce((sum, move) => sum + teuOf(move.lengthFt), 0);
  const { usd: chargeUsd, chargedTeu } = cleanTruckFundTotal(loaded);
  return { visits: group.length, loadedTeu, exemptTeu: loadedTeu - chargedTeu, chargedTeu, chargeUsd };
}

/** ZE share of truck visits per terminal, terminals under the disclosure floor withheld. */
export function zeShareByTerminal(visits: readonly DrayageVisit[]): ByTerminal<ZeShareFigures> {
  const { terminals, port, suppressedTerminals } = shown(visits, zeShareOf);
  return { terminals, port, suppressedTerminals };
}

/** Clean Truck Fund per terminal over the visits' loaded boxes, terminals under the disclosure floor withheld. */
export function cleanTruckFundByTerminal(visits: readonly DrayageVisit[]): ByTerminal<CleanTruckFundFigures> {
  const { terminals, port, suppressedTerminals } = shown(visits, cleanTruckFundOf);
  return { terminals, port, suppressedTerminals };
}
