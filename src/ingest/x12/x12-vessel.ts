/**
 * Vessel identity from a 315 Q2 or 322 V1 segment: vessel code (element 597) qualified by element 897 —
 * `L` = Lloyd's Register of Shipping number, which since 1987 is the IMO number — plus name and voyage.
 */
import { validateImoNumber } from '../../domain/identifiers/imo-number.js';

export interface X12Vessel {
  readonly imo?: string | undefined;
  readonly vesselCode?: string | undefined;
  readonly name?: string | undefined;
  readonly voyage?: string | undefined;
}

export function x12Vessel(code: string, qualifier: string, name: string, voyage: string): X12Vessel | undefined {
  if (code === '' && name === '' && voyage === '') return undefined;
  const imo = code !== '' && (qualifier === 'L' || qualifier === '') ? validateImoNumber(code) : null;
  return {
    imo: imo?.ok ? imo.value : undefined,
    vesselCode: code || undefined,
    name: name || undefined,
    voyage: voyage || undefined,
  };
}
