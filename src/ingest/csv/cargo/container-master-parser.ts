/**
 * Container master data as CSV (openpcs format `csv-container-master`, columns in docs/formats-dcsa-csv.md):
 * one row per container as an owner, lessor or terminal equipment file lists it — ISO 6346 number, ISO 6346
 * size/type code, owner and operator, tare and maximum gross mass (CSC plate), reefer, hazardous UN numbers.
 *
 * Each row becomes an openpcs extension EQUIPMENT event `MSTR` (src/domain/cargo-event-codes.ts),
 * classifier ACT, dated `as_of` (or the time the file was received), payload
 * `{ extension: 'openpcs', isoEquipmentCode, teu, lengthFt, ownerScac?, operatorScac?, tareKg?, maxGrossKg?,
 *    reefer, hazardousUnNumbers }`.
 */
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { CONTAINER_MASTER_DATA } from '../../../domain/cargo-event-codes.js';
import { validateContainerNumber } from '../../../domain/identifiers/iso6346.js';
import {
  isReeferSizeType,
  lengthFtOf,
  teuOf,
  validateSizeTypeCode,
} from '../../../domain/identifiers/iso6346-size-type.js';
import { validateScac } from '../../../domain/identifiers/scac.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import type { CsvRowReader } from './csv-row-reader.js';
import { rowKey } from './row-key.js';

export const CONTAINER_MASTER_FORMAT = 'csv-container-master';

const YES_NO = { Y: 'Y', YES: 'Y', TRUE: 'Y', '1': 'Y', N: 'N', NO: 'N', FALSE: 'N', '0': 'N' } as const;
/** UN numbers (UN Model Regulations, Dangerous Goods List) are 4 digits, 0004 to 3548 at revision 23. */
const UN_NUMBER = /^(?:UN)?\s?(\d{4})$/i;

interface MasterRow {
  readonly container: string;
  readonly sizeType: string;
  readonly ownerScac: string | undefined;
  readonly operatorScac: string | undefined;
  readonly tareKg: number | undefined;
  readonly maxGrossKg: number | undefined;
  readonly reefer: boolean;
  readonly hazardousUnNumbers: readonly string[];
  readonly asOf: string | undefined;
}

function unNumbers(r: CsvRowReader): string[] {
  const text = r.raw('hazardous_un_number');
  if (text === '') return [];
  const out: string[] = [];
  // Several UN numbers in one cell are separated by `|` or `/` (a `,` or `;` would be the delimiter).
  for (const part of text.split(/[|/]/).map((p) => p.trim())) {
    const m = UN_NUMBER.exec(part);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n < 4 || n > 3600) {
      r.fail(
        'PCS_CSV_BAD_VALUE',
        `hazardous_un_number "${part}" is not a UN number (UN0004 to UN3600)`,
        'hazardous_un_number',
      );
    } else {
      out.push(m[1]!);
    }
  }
  return [...new Set(out)].sort();
}

export const containerMasterParser = cargoCsvParser<MasterRow>({
  format: CONTAINER_MASTER_FORMAT,
  version: '1.0.0',
  description:
    'CSV container master data (container_number, size_type, owner_scac, tare_kg, max_gross_kg, reefer, hazardous_un_number)',
  requiredColumns: ['container_number', 'size_type'],
  readRow(r) {
    const container = r.identifier('container_number', validateContainerNumber, { required: true });
    const sizeType = r.identifier('size_type', validateSizeTypeCode, { required: true });
    const ownerScac = r.identifier('owner_scac', validateScac);
    const operatorScac = r.identifier('operator_scac', validateScac);
    // Tare of ISO containers runs from ~1,500 kg (10 ft) to ~5,500 kg (45 ft reefer); tanks and specials more.
    const tareKg = r.integer('tare_kg', { min: 500, max: 20_000 });
    // ISO 668 rating R: 24,000 to 36,000 kg for series 1; 45,000 bounds special equipment.
    const maxGrossKg = r.integer('max_gross_kg', { min: 1_000, max: 45_000 });
    const reeferFlag = r.choice('reefer', YES_NO);
    const hazardousUnNumbers = unNumbers(r);
    const asOf = r.dateTime('as_of');
    if (tareKg !== undefined && maxGrossKg !== undefined && tareKg >= maxGrossKg) {
      r.fail('PCS_CSV_INCONSISTENT_ROW', `tare_kg ${tareKg} is not below max_gross_kg ${maxGrossKg}`, 'tare_kg');
    }
    // A non-operating reefer (NOR) may be flagged N on a thermal type; a reefer flag on a dry type is an error.
    if (reeferFlag === 'Y' && sizeType && !isReeferSizeType(sizeType) && !/^..H/.test(sizeType)) {
      r.fail(
        'PCS_CSV_INCONSISTENT_ROW',
        `reefer "Y" but size_type ${sizeType} is not a thermal (R or H) type`,
        'reefer',
      );
    }
    if (!r.ok || !container || !sizeType) return undefined;
    return {
      container,
      sizeType,
      ownerScac,
      operatorScac,
      tareKg,
      maxGrossKg,
      reefer: reeferFlag === undefined ? isReeferSizeType(sizeType) : reeferFlag === 'Y',
      hazardousUnNumbers,
      asOf,
    };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(CONTAINER_MASTER_FORMAT, [row.container], row),
      eventType: 'EQUIPMENT',
      eventTypeCode: CONTAINER_MASTER_DATA,
      eventClassifierCode: 'ACT',
      eventDateTime: row.asOf ?? ctx.receivedAt,
      eventCreatedDateTime: ctx.receivedAt,
      references: {
        equipmentReference: row.container,
        ...(row.operatorScac ? { carrierCode: row.operatorScac } : {}),
      },
      payload: {
        extension: 'openpcs',
        isoEquipmentCode: row.sizeType,
        teu: teuOf(row.sizeType),
        lengthFt: lengthFtOf(row.sizeType),
        ...(row.ownerScac ? { ownerScac: row.ownerScac } : {}),
        ...(row.operatorScac ? { operatorScac: row.operatorScac } : {}),
        ...(row.tareKg !== undefined ? { tareKg: row.tareKg } : {}),
        ...(row.maxGrossKg !== undefined ? { maxGrossKg: row.maxGrossKg } : {}),
        reefer: row.reefer,
        hazardousUnNumbers: row.hazardousUnNumbers,
        sourceMessage: { format: CONTAINER_MASTER_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
