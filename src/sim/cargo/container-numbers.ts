/**
 * ISO 6346 container numbers for the simulated boxes: owner code (3 letters, BIC-registered prefixes of the
 * carrier's own fleet) + equipment category `U` + 6-digit serial + check digit. The check digit is computed
 * here from ISO 6346:1995 Annex A (letter values A=10 … Z=38 skipping multiples of 11; Σ value·2^position
 * mod 11, 10 → 0), independently of the product's validator, which the tests use to check these numbers.
 */
import type { Prng } from '../prng.js';

/** Owner prefixes (category U included) of each simulated carrier's fleet (BIC codes these carriers own). */
export const OWNER_PREFIXES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  MAEU: ['MSKU', 'MRKU', 'MRSU'],
  CMDU: ['CMAU', 'CGMU', 'APZU'],
  COSU: ['CSNU', 'CBHU', 'CCLU'],
  EGLV: ['EGHU', 'EISU', 'EMCU'],
  ONEY: ['ONEU', 'NYKU', 'MOLU'],
  YMLU: ['YMLU', 'YMMU'],
  HDMU: ['HDMU', 'KOCU'],
  MATS: ['MATU'],
  OOLU: ['OOLU', 'OOCU'],
  MSCU: ['MSCU', 'MEDU', 'MSDU'],
  ZIMU: ['ZIMU', 'ZCSU'],
  HLCU: ['HLXU', 'HLBU'],
});

/** Lessors whose boxes carriers lease (TEX Textainer, TRIU Triton, CAIU CAI, TGHU Textainer, FCIU Florens). */
export const LESSOR_PREFIXES: readonly string[] = ['TGHU', 'TRIU', 'CAIU', 'FCIU', 'TCNU'];

function letterValue(ch: string): number {
  let value = 10;
  for (let c = 65; c < ch.charCodeAt(0); c++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

const LETTERS: ReadonlyMap<string, number> = new Map(
  Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)).map((c) => [c, letterValue(c)]),
);

/** ISO 6346 Annex A check digit of owner code + category + serial (`CSQU305438` → 3). */
export function iso6346CheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const v = i < 4 ? LETTERS.get(ch)! : ch.charCodeAt(0) - 48;
    sum += v * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** A container number for a prefix and serial (0–999,999). */
export function containerNumber(prefix: string, serial: number): string {
  const first10 = `${prefix}${String(serial).padStart(6, '0')}`;
  return `${first10}${iso6346CheckDigit(first10)}`;
}

/** Box slots reserved for one call: more than the largest call exchanges (discharge + load). */
export const SLOTS_PER_CALL = 20_000;
const SERIALS = 1_000_000;

/** A fixed bijection of [0, 10^6): the multiplier is odd and not a multiple of 5, so coprime with 10^6. */
const scramble = (x: number): number => (x * 738_083 + 91_457) % SERIALS;

/** Where a call's boxes are numbered from: its position among all calls and among its carrier's calls. */
export interface CallNumbering {
  readonly callIndex: number;
  readonly carrierCallIndex: number;
}

/**
 * The number of box `slot` (< SLOTS_PER_CALL) of a call: 85% from the carrier's own prefixes, 15% leased.
 * Slots are blocks per call over the prefixes' serial space, so two boxes in port at the same time never
 * share a number: a carrier's own numbers repeat only after `prefixes × 50` of its calls (months), the
 * lessors' after 250 calls of the port (about 40 days), longer than any box stays.
 */
export function drawContainerNumber(rng: Prng, carrierScac: string, at: CallNumbering, slot: number): string {
  const own = OWNER_PREFIXES[carrierScac];
  const leased = !own || rng.chance(0.15);
  const prefixes = leased ? LESSOR_PREFIXES : own;
  const index = leased ? at.callIndex : at.carrierCallIndex;
  const n = (index * SLOTS_PER_CALL + (slot % SLOTS_PER_CALL)) % (prefixes.length * SERIALS);
  return containerNumber(prefixes[Math.floor(n / SERIALS)]!, scramble(n % SERIALS));
}
