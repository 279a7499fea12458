/**
 * One equipment group (EQD and the segments that belong to it) → the facts every container message shares:
 * EQD (8053 qualifier `CN`, C237 8260 id, C224 8155 ISO size/type, 8077 supplier, 8249 status,
 * 8169 full/empty: 4 empty, 5 full), RFF (1153 `BM` bill of lading, `BN` booking), SEL (9308 seal),
 * MEA (6311 `AAE`/`WT`, C502 6313 `G` gross / `VGM` verified gross mass, C174 6411 unit, 6314 value),
 * DGS (8273 `IMD`, C205 8351 class, C234 7124 UN number), LOC+147 stowage cell.
 */
import type { Rejection } from '../message-parser.js';
import { validateContainerNumber } from '../../domain/identifiers/iso6346.js';
import { validateSizeTypeCode } from '../../domain/identifiers/iso6346-size-type.js';
import type { EmptyIndicator } from '../../domain/cargo-event-codes.js';
import { comp } from './edifact-element.js';
import type { EdifactSegment } from './edifact-types.js';

export interface EdifactEquipment {
  readonly container: string;
  readonly eqd: EdifactSegment;
  readonly isoEquipmentCode?: string | undefined;
  readonly emptyIndicator?: EmptyIndicator | undefined;
  readonly billOfLading?: string | undefined;
  readonly booking?: string | undefined;
  readonly seals: readonly string[];
  readonly stowageLocation?: string | undefined;
  readonly grossWeightKg?: number | undefined;
  readonly verifiedGrossMassKg?: number | undefined;
  readonly dangerousGoods: readonly { readonly unNumber: string; readonly imoClass?: string | undefined }[];
}

const KG_PER: Readonly<Record<string, number>> = { KGM: 1, TNE: 1000, LBR: 0.45359237 };

export function edifactEquipment(
  group: readonly EdifactSegment[],
  eqd: EdifactSegment | undefined,
  where: string,
): { equipment: EdifactEquipment } | { rejection: Rejection } {
  if (!eqd) {
    return { rejection: { code: 'PCS_EDIFACT_MISSING_SEGMENT', message: `${where}: no EQD`, line: group[0]?.ordinal } };
  }
  const id = comp(eqd, 2, 0);
  if (id === '') {
    return {
      rejection: { code: 'PCS_EDIFACT_MISSING_ELEMENT', message: `${where}: EQD has no id`, line: eqd.ordinal },
    };
  }
  const container = validateContainerNumber(id);
  if (!container.ok) {
    return {
      rejection: {
        code: container.code,
        message: `${where}: ${container.reason}`,
        line: eqd.ordinal,
        pointer: 'EQD/C237',
      },
    };
  }
  const sizeType = validateSizeTypeCode(comp(eqd, 3, 0));
  const fullEmpty = comp(eqd, 6);
  const rff = (q: string) => group.find((s) => s.tag === 'RFF' && comp(s, 1, 0) === q);
  const weight = (kinds: string[]): number | undefined => {
    // D.95B: MEA+AAE+G+KGM:23700 (6313 in C502); SMDG BAPLIE 2.x: MEA+WT++KGM:24000, MEA+VGM++KGM:24500
    const mea = group.find((s) => s.tag === 'MEA' && (kinds.includes(comp(s, 2, 0)) || kinds.includes(comp(s, 1))));
    if (!mea) return undefined;
    const factor = KG_PER[comp(mea, 3, 0)];
    const value = Number(comp(mea, 3, 1));
    return factor !== undefined && Number.isFinite(value) && comp(mea, 3, 1) !== ''
      ? Math.round(value * factor * 10) / 10
      : undefined;
  };
  const stowage = group.find((s) => s.tag === 'LOC' && comp(s, 1) === '147');
  return {
    equipment: {
      container: container.value,
      eqd,
      isoEquipmentCode: sizeType.ok ? sizeType.value : undefined,
      emptyIndicator: fullEmpty === '4' ? 'EMPTY' : fullEmpty === '5' ? 'LADEN' : undefined,
      billOfLading: rff('BM') ? comp(rff('BM')!, 1, 1) : undefined,
      booking: rff('BN') ? comp(rff('BN')!, 1, 1) : undefined,
      seals: group
        .filter((s) => s.tag === 'SEL')
        .map((s) => comp(s, 1))
        .filter(Boolean),
      stowageLocation: stowage ? comp(stowage, 2, 0) || undefined : undefined,
      grossWeightKg: weight(['G', 'AAB', 'WT']),
      verifiedGrossMassKg: weight(['VGM']),
      dangerousGoods: group
        .filter((s) => s.tag === 'DGS' && comp(s, 3, 0) !== '')
        .map((s) => ({ unNumber: comp(s, 3, 0), imoClass: comp(s, 2, 0) || undefined })),
    },
  };
}
