/**
 * FuelEU Maritime well-to-wake GHG intensity, compliance balance and penalty (Regulation (EU) 2023/1805 Annex I and
 * IV as summarised in ../shared/reference/emissions-methods.md §4.1–4.2):
 * `GHGIE = f_wind · (WtT + TtW)`, both over `Σ M_i·LCV_i·RWD_i + Σ E_k`; `CB = (target − GHGIE) · E_total`;
 * penalty `|CB| / (GHGIE · 41,000) · 2,400 EUR · (1 + (n − 1)/10)` for the n-th consecutive deficit year.
 */
import {
  FUELEU_PENALTY_EUR_PER_T_VLSFO,
  FUELEU_REFERENCE_GPERMJ,
  fuelEuReductionPct,
  type FuelPathway,
  PATHWAY_FACTORS,
  RFNBO_REWARD_FACTOR,
  tankToWakeGPerGFuel,
  VLSFO_MJ_PER_T,
} from './fueleu-factors.js';
import type { FuelEuRequest } from './fueleu-schema.js';

export interface FuelEuFuelResult {
  readonly pathway: FuelPathway;
  readonly massT: number;
  readonly scopePct: number;
  readonly lcvMjPerG: number;
  readonly energyMj: number;
  readonly rewardFactor: number;
  readonly wttGCo2ePerMj: number;
  readonly ttwGCo2ePerGFuel: number;
  readonly ttwGCo2ePerMj: number;
  readonly wtwGCo2ePerMj: number;
  readonly wttCo2eG: number;
  readonly ttwCo2eG: number;
}

export interface FuelEuResult {
  readonly method: 'fueleu';
  readonly year: number;
  readonly gwp: string;
  readonly fuels: readonly FuelEuFuelResult[];
  readonly shorePowerMj: number;
  readonly energyMj: number;
  readonly rewardedEnergyMj: number;
  readonly wttGCo2ePerMj: number;
  readonly ttwGCo2ePerMj: number;
  readonly windRewardFactor: number;
  readonly ghgIntensityGCo2ePerMj: number;
  readonly referenceGCo2ePerMj: number;
  readonly reductionPct: number;
  readonly targetGCo2ePerMj: number;
  /** Positive: surplus; negative: deficit. g CO2e. */
  readonly complianceBalanceGCo2e: number;
  readonly complianceBalanceTCo2e: number;
  readonly penaltyMultiplier: number;
  readonly penaltyEur: number;
}

export function computeFuelEu(request: FuelEuRequest): FuelEuResult {
  const reductionPct = fuelEuReductionPct(request.year) ?? 0;
  const targetGCo2ePerMj = FUELEU_REFERENCE_GPERMJ * (1 - reductionPct / 100);
  const fuels = request.fuels.map((use): FuelEuFuelResult => {
    const f = PATHWAY_FACTORS[use.pathway];
    const massG = use.massT * 1e6 * (use.scopePct / 100);
    const energyMj = massG * f.lcvMjPerG;
    const wtt = use.wttGCo2ePerMj ?? f.wttGCo2ePerMj;
    const ttwPerG = tankToWakeGPerGFuel(f, request.gwp);
    return {
      pathway: use.pathway,
      massT: use.massT,
      scopePct: use.scopePct,
      lcvMjPerG: f.lcvMjPerG,
      energyMj,
      rewardFactor: f.rfnbo && request.year <= 2033 ? RFNBO_REWARD_FACTOR : 1,
      wttGCo2ePerMj: wtt,
      ttwGCo2ePerGFuel: ttwPerG,
      ttwGCo2ePerMj: ttwPerG / f.lcvMjPerG,
      wtwGCo2ePerMj: wtt + ttwPerG / f.lcvMjPerG,
      wttCo2eG: energyMj * wtt,
      ttwCo2eG: massG * ttwPerG,
    };
  });
  const energyMj = fuels.reduce((s, f) => s + f.energyMj, 0) + request.shorePowerMj;
  const rewardedEnergyMj = fuels.reduce((s, f) => s + f.energyMj * f.rewardFactor, 0) + request.shorePowerMj;
  const wttG = fuels.reduce((s, f) => s + f.wttCo2eG, 0) + request.shorePowerMj * request.shorePowerWttGCo2ePerMj;
  const ttwG = fuels.reduce((s, f) => s + f.ttwCo2eG, 0);
  const wtt = rewardedEnergyMj > 0 ? wttG / rewardedEnergyMj : 0;
  const ttw = rewardedEnergyMj > 0 ? ttwG / rewardedEnergyMj : 0;
  const intensity = request.windRewardFactor * (wtt + ttw);
  const cb = (targetGCo2ePerMj - intensity) * energyMj;
  const multiplier = 1 + (request.consecutiveDeficitYears - 1) / 10;
  const penaltyEur =
    cb < 0 && intensity > 0 ? (-cb / (intensity * VLSFO_MJ_PER_T)) * FUELEU_PENALTY_EUR_PER_T_VLSFO * multiplier : 0;
  return {
    method: 'fueleu',
    year: request.year,
    gwp: request.gwp,
    fuels,
    shorePowerMj: request.shorePowerMj,
    energyMj,
    rewardedEnergyMj,
    wttGCo2ePerMj: wtt,
    ttwGCo2ePerMj: ttw,
    windRewardFactor: request.windRewardFactor,
    ghgIntensityGCo2ePerMj: intensity,
    referenceGCo2ePerMj: FUELEU_REFERENCE_GPERMJ,
    reductionPct,
    targetGCo2ePerMj,
    complianceBalanceGCo2e: cb,
    complianceBalanceTCo2e: cb / 1e6,
    penaltyMultiplier: multiplier,
    penaltyEur,
  };
}
