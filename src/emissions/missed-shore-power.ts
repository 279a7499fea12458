/**
 * Missed shore-power connections (docs/emissions.md "Shore power capability"): a call at a berth that offers shore
 * power, by a ship its particulars statement says is fitted for it (`shore_power = Y`), that left the berth without
 * connecting, is a **missed connection** — the measure of the CARB At-Berth regulation (17 CCR §93130: a visit of a
 * capable vessel at an equipped terminal is to connect), and the port's shore-power connection rate is connected
 * calls / (connected + missed). What a missed call could have avoided is its whole hotelling auxiliary energy and the
 * CO2 of the auxiliary fuel it burned for it (ref §2.5, as `call-emissions.ts` moves connected hours to the grid);
 * the grid side is applied when answering (`gridCo2`), as for connected calls. Pure.
 */
import type { CallEmissionsResult } from './call-emissions.js';
import { FUEL_PROPERTIES } from './fuels.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';

export interface ShorePowerUseInput {
  /** The particulars statement's `shore_power`; null when no statement was used or it left the column empty. */
  readonly capable: boolean | null;
  /** Whether the call's berth offers shore power; null when unknown (no berth, or a berth no terminal is known at). */
  readonly berthEquipped: boolean | null;
  /** The ship left the berth (the stay is over: it can no longer connect). */
  readonly berthDeparted: boolean;
}

export interface ShorePowerUse {
  readonly capable: boolean | null;
  readonly berthEquipped: boolean | null;
  readonly connected: boolean;
  /** Capable ship, equipped berth, stay over, never connected. */
  readonly missed: boolean;
  /** Hotelling auxiliary energy a missed call could have taken from shore, kWh (0 unless missed). */
  readonly missedShorePowerKwh: number;
  /** Ship (auxiliary-engine) CO2 of that energy, g (0 unless missed). */
  readonly missedAvoidableCo2G: number;
}

/** The auxiliary fuel GHG4 burns for a ship (`ghg4-interval.ts`: the main fuel, MDO for methanol ships). */
const auxFuelOf = (ship: Ghg4Ship) => ship.auxFuel ?? (ship.fuel === 'METHANOL' ? 'MDO' : ship.fuel);

export function shorePowerUse(input: ShorePowerUseInput, ship: Ghg4Ship, result: CallEmissionsResult): ShorePowerUse {
  const hotel = result.modes.find((m) => m.mode === 'hotelling');
  const connected = result.shorePower.connectedHours > 0;
  const missed =
    input.capable === true &&
    input.berthEquipped === true &&
    input.berthDeparted &&
    !connected &&
    hotel !== undefined &&
    hotel.hours > 0;
  return {
    capable: input.capable,
    berthEquipped: input.berthEquipped,
    connected,
    missed,
    missedShorePowerKwh: missed ? hotel.energyKwh.auxiliary : 0,
    missedAvoidableCo2G: missed ? hotel.fuelG.auxiliary * FUEL_PROPERTIES[auxFuelOf(ship)].cfCo2TPerT : 0,
  };
}

/**
 * Whether a berth zone offers shore power: yes when a terminal of the registry lies in it (every registered
 * terminal is a San Pedro Bay container terminal, all of which offer shore power at their container berths: CARB
 * At-Berth regulation; ref §5, LA/LB–Shanghai progress "100 % shore-power capability" [S]) or when a terminal stated
 * a session for the call; unknown (null) when the call never berthed or berthed where no terminal is known.
 */
export function berthOffersShorePower(
  registeredTerminals: number,
  sessionsUsed: number,
  berthed: boolean,
): boolean | null {
  if (!berthed) return null;
  return registeredTerminals > 0 || sessionsUsed > 0 ? true : null;
}
