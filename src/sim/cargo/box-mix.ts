/**
 * ISO 6346 size/type codes of the simulated boxes, drawn to the model's box mix (port-model.ts: 22% 20',
 * 70% 40', 8% 45' → 1.8 TEU per move): 20' general purpose `22G1` or reefer `22R1`; 40' standard `42G1`,
 * high cube `45G1` or high-cube reefer `45R1`; 45' high cube `L5G1`. Reefer shares: about 1 in 10 import
 * boxes from Asia (fruit, seafood), more outbound (US meat, produce). Tare and maximum gross mass are
 * typical values for each type (kg).
 */
import type { Prng } from '../prng.js';

export interface BoxType {
  readonly sizeType: string;
  /** TEU of one box: 1 (20'), 2 (40'), 2.25 (45'). */
  readonly teu: number;
  readonly reefer: boolean;
  readonly tareKg: number;
  readonly maxGrossKg: number;
}

const T = (sizeType: string, teu: number, reefer: boolean, tareKg: number, maxGrossKg: number): BoxType =>
  Object.freeze({ sizeType, teu, reefer, tareKg, maxGrossKg });

export const BOX_TYPES = Object.freeze({
  '22G1': T('22G1', 1, false, 2_200, 30_480),
  '22R1': T('22R1', 1, true, 3_050, 30_480),
  '42G1': T('42G1', 2, false, 3_750, 30_480),
  '45G1': T('45G1', 2, false, 3_900, 32_500),
  '45R1': T('45R1', 2, true, 4_800, 34_000),
  L5G1: T('L5G1', 2.25, false, 4_800, 32_500),
});

/** Shares of the box lengths (port-model.ts TEU_PER_MOVE = 1.8 = 0.22·1 + 0.70·2 + 0.08·2.25). */
export const LENGTH_SHARES = Object.freeze({ '20': 0.22, '40': 0.7, '45': 0.08 });

export function drawBoxType(rng: Prng, reeferShare: number): BoxType {
  const length = rng.weighted(LENGTH_SHARES);
  const reefer = rng.chance(reeferShare);
  if (length === '20') return reefer ? BOX_TYPES['22R1'] : BOX_TYPES['22G1'];
  if (length === '45') return BOX_TYPES.L5G1;
  if (reefer) return BOX_TYPES['45R1'];
  return rng.chance(0.75) ? BOX_TYPES['45G1'] : BOX_TYPES['42G1'];
}
