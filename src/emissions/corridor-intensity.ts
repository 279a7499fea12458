/**
 * Per-container intensity of a voyage leg after ISO 14083:2023 / GLEC Framework v3 (../shared/reference/
 * emissions-methods.md §4.4): emissions of the transport operation = fuel × WtW factor (FuelEU Annex II pathways);
 * intensity = emissions / transport activity (TEU·km); a shipment's share = intensity × its TEU·km. With a nominal
 * capacity, the Clean Cargo-style factor `Σ / (capacity · km · 0.7)` (70 % utilisation adjustment, [S] §4.4).
 */
import type { CorridorIntensityRequest } from './corridor-intensity-schema.js';
import { PATHWAY_FACTORS, tankToWakeGPerGFuel } from './fueleu-factors.js';

export const CLEAN_CARGO_UTILISATION = 0.7;

export interface CorridorIntensityResult {
  readonly method: 'corridor-intensity';
  readonly gwp: string;
  readonly fuels: readonly {
    readonly pathway: string;
    readonly massT: number;
    readonly energyMj: number;
    readonly ttwCo2eG: number;
    readonly wtwCo2eG: number;
  }[];
  readonly ttwCo2eG: number;
  readonly wtwCo2eG: number;
  readonly transportActivityTeuKm: number;
  readonly ttwGCo2ePerTeuKm: number;
  readonly wtwGCo2ePerTeuKm: number;
  readonly cleanCargoWtwGCo2ePerTeuKm: number | null;
  readonly shipments: readonly {
    readonly id: string;
    readonly teu: number;
    readonly distanceKm: number;
    readonly teuKm: number;
    readonly ttwCo2eG: number;
    readonly wtwCo2eG: number;
  }[];
}

export function computeCorridorIntensity(request: CorridorIntensityRequest): CorridorIntensityResult {
  const fuels = request.fuels.map((use) => {
    const f = PATHWAY_FACTORS[use.pathway];
    const massG = use.massT * 1e6;
    const energyMj = massG * f.lcvMjPerG;
    const ttwCo2eG = massG * tankToWakeGPerGFuel(f, request.gwp);
    return {
      pathway: use.pathway,
      massT: use.massT,
      energyMj,
      ttwCo2eG,
      wtwCo2eG: ttwCo2eG + energyMj * (use.wttGCo2ePerMj ?? f.wttGCo2ePerMj),
    };
  });
  const ttwCo2eG = fuels.reduce((s, f) => s + f.ttwCo2eG, 0);
  const wtwCo2eG = fuels.reduce((s, f) => s + f.wtwCo2eG, 0);
  const activity = request.teuCarried * request.distanceKm;
  const ttwI = ttwCo2eG / activity;
  const wtwI = wtwCo2eG / activity;
  return {
    method: 'corridor-intensity',
    gwp: request.gwp,
    fuels,
    ttwCo2eG,
    wtwCo2eG,
    transportActivityTeuKm: activity,
    ttwGCo2ePerTeuKm: ttwI,
    wtwGCo2ePerTeuKm: wtwI,
    cleanCargoWtwGCo2ePerTeuKm:
      request.nominalCapacityTeu === undefined
        ? null
        : wtwCo2eG / (request.nominalCapacityTeu * request.distanceKm * CLEAN_CARGO_UTILISATION),
    shipments: request.shipments.map((s) => {
      const distanceKm = s.distanceKm ?? request.distanceKm;
      const teuKm = s.teu * distanceKm;
      return { id: s.id, teu: s.teu, distanceKm, teuKm, ttwCo2eG: ttwI * teuKm, wtwCo2eG: wtwI * teuKm };
    }),
  };
}
