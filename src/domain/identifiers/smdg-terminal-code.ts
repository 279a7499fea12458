/**
 * SMDG Terminal Code List (TCL). SMDG is a UN/CEFACT child code-list agency; a terminal code is a child of
 * a UN/LOCODE, so a terminal is identified by the pair (UN/LOCODE, terminal code), e.g. (USLAX, WBCT).
 * In EDIFACT it appears as `LOC+…+USLAX:139:6+WBCT:72:306` (306 = SMDG); in DCSA Track & Trace as
 * `facilityCode` with `facilityCodeListProvider: 'SMDG'`.
 *
 * Format rule: 1 to 6 characters from A-Z and 0-9. Source: DCSA T&T 2.2 `facilitySMDGCode` (maxLength 6)
 * and the published TCL, whose codes are 3 to 6 upper-case alphanumerics (e.g. `B58`, `K1718`, `SSAPCT`).
 *
 * `SAN_PEDRO_BAY_TERMINALS` is taken from the SMDG Terminal Code List as published in the
 * github.com/smdg-org/Terminal-Code-List repository (`SMDG Terminal Code List.csv`, rows USLAX and USLGB;
 * CC BY 4.0, attribution: SMDG Secretariat). Not in that list, so left out: Pasha Stevedoring & Terminals
 * (Port of LA berths 174-181) and the Port of LA Yang Ming berths, which the TCL files under WBCT.
 */
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type SmdgTerminalCode = string & { readonly __brand: 'SmdgTerminalCode' };

const FORMAT = /^[A-Z0-9]{1,6}$/;

export interface SmdgTerminal {
  readonly unLocode: string;
  readonly smdgCode: string;
  readonly name: string;
  readonly berths: string;
}

export const SAN_PEDRO_BAY_TERMINALS: readonly SmdgTerminal[] = [
  { unLocode: 'USLAX', smdgCode: 'APMT', name: 'APM Terminals Los Angeles Pier 400', berths: '401-406' },
  { unLocode: 'USLAX', smdgCode: 'ETS', name: 'Everport Container Terminal', berths: '226-236' },
  { unLocode: 'USLAX', smdgCode: 'EAGLE', name: 'Fenix Marine Services', berths: '302-305' },
  { unLocode: 'USLAX', smdgCode: 'TRAP', name: 'TraPac Container Terminal', berths: '136-147' },
  { unLocode: 'USLAX', smdgCode: 'WBCT', name: 'West Basin Container Terminal', berths: '97-109, 121-131' },
  { unLocode: 'USLAX', smdgCode: 'YUSEN', name: 'Yusen Terminals (YTI)', berths: '212-225' },
  { unLocode: 'USLGB', smdgCode: 'ITS', name: 'ITS Long Beach (Pier G)', berths: 'G226-G236' },
  { unLocode: 'USLGB', smdgCode: 'LBCT', name: 'Long Beach Container Terminal (Pier E)', berths: 'E24-E26' },
  {
    unLocode: 'USLGB',
    smdgCode: 'SSAPCT',
    name: 'Pacific Container Terminal (Pier J)',
    berths: 'J243-J247, J266-J270',
  },
  { unLocode: 'USLGB', smdgCode: 'SSATA', name: 'SSA Terminal A (Pier A)', berths: 'A88-A96' },
  { unLocode: 'USLGB', smdgCode: 'MATU', name: 'SSA Terminal C (Matson, Pier C)', berths: 'C60-C62' },
  { unLocode: 'USLGB', smdgCode: 'TTI', name: 'Total Terminals International (Pier T)', berths: 'T132-T140' },
];

export function validateSmdgTerminalCode(input: string): IdentifierResult<SmdgTerminalCode> {
  const s = input.trim().toUpperCase();
  if (!FORMAT.test(s)) {
    return identifierError('PCS_ID_SMDG_TERMINAL_FORMAT', `"${input}" is not an SMDG terminal code (1-6 A-Z/0-9)`);
  }
  return identifierOk(s as SmdgTerminalCode);
}

export function isSmdgTerminalCode(value: unknown): value is SmdgTerminalCode {
  return typeof value === 'string' && FORMAT.test(value);
}

/** The San Pedro Bay terminal with this (UN/LOCODE, SMDG code), if the TCL lists one. */
export function findSanPedroBayTerminal(unLocode: string, smdgCode: string): SmdgTerminal | undefined {
  const loc = unLocode.trim().toUpperCase();
  const code = smdgCode.trim().toUpperCase();
  return SAN_PEDRO_BAY_TERMINALS.find((t) => t.unLocode === loc && t.smdgCode === code);
}
