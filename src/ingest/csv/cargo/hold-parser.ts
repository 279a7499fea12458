/**
 * Customs, freight, terminal and USDA holds and releases as CSV (openpcs format `csv-holds`, columns in
 * docs/formats-dcsa-csv.md), as a terminal operating system or the port's community system exports them:
 * one row per hold placed or released on a container or on a bill of lading.
 *
 * Each row becomes an openpcs extension SHIPMENT event `HOLD` or `RELS` (src/domain/cargo-event-codes.ts;
 * DCSA T&T 2.2 lists HOLD/RELS as shipmentEventTypeCodes for documents, openpcs applies them to the
 * container or B/L), classifier ACT, payload `{ extension: 'openpcs', holdType, holdReason?, authority? }`.
 */
import { HOLD_TYPES, type HoldType } from '../../../domain/cargo-event-codes.js';
import { validateContainerNumber } from '../../../domain/identifiers/iso6346.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';

export const HOLDS_FORMAT = 'csv-holds';

/** Accepted spellings → hold type. `CBP` (US Customs and Border Protection) and `LINE` (carrier) are common. */
const HOLD_TYPE_CHOICES: Readonly<Record<string, HoldType>> = {
  ...Object.fromEntries(HOLD_TYPES.map((t) => [t, t])),
  CBP: 'CUSTOMS',
  LINE: 'FREIGHT',
  CARRIER: 'FREIGHT',
  APHIS: 'USDA',
};
const ACTION_CHOICES = { HOLD: 'HOLD', PLACED: 'HOLD', RELEASE: 'RELS', RELEASED: 'RELS', RELS: 'RELS' } as const;

interface HoldRow {
  readonly holdId: string | undefined;
  readonly container: string | undefined;
  readonly billOfLading: string | undefined;
  readonly holdType: HoldType;
  readonly code: 'HOLD' | 'RELS';
  readonly at: string;
  readonly authority: string | undefined;
  readonly reason: string | undefined;
  readonly terminal: string | undefined;
  readonly port: string | undefined;
}

export const holdParser = cargoCsvParser<HoldRow>({
  format: HOLDS_FORMAT,
  version: '1.0.0',
  description:
    'CSV holds and releases (container_number or bill_of_lading, hold_type, action, timestamp, authority, reason)',
  requiredColumns: ['hold_type', 'action', 'timestamp'],
  readRow(r) {
    const container = r.identifier('container_number', validateContainerNumber);
    const billOfLading = r.text('bill_of_lading', { maxLength: 20 });
    if (!r.raw('container_number') && !billOfLading) {
      r.fail(
        'PCS_CSV_MISSING_VALUE',
        'container_number and bill_of_lading are both empty: one is required',
        'container_number',
      );
    }
    const holdType = r.choice('hold_type', HOLD_TYPE_CHOICES, { required: true });
    const code = r.choice('action', ACTION_CHOICES, { required: true });
    const at = r.dateTime('timestamp', { required: true });
    const terminal = r.identifier('terminal', validateSmdgTerminalCode);
    const port = r.identifier('port', validateUnLocode);
    const holdId = r.text('hold_id', { maxLength: 50 });
    const authority = r.text('authority', { maxLength: 50 });
    const reason = r.text('reason', { maxLength: 250 });
    if (!r.ok || !holdType || !code || !at) return undefined;
    return { holdId, container, billOfLading, holdType, code, at, authority, reason, terminal, port };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(HOLDS_FORMAT, [row.container ?? row.billOfLading ?? '', row.code], row),
      eventType: 'SHIPMENT',
      eventTypeCode: row.code,
      eventClassifierCode: 'ACT',
      eventDateTime: row.at,
      eventCreatedDateTime: ctx.receivedAt,
      location: row.terminal ? terminalLocation(row.terminal, row.port) : undefined,
      references: {
        ...(row.container ? { equipmentReference: row.container } : {}),
        ...(row.billOfLading ? { transportDocumentReference: row.billOfLading } : {}),
      },
      payload: {
        extension: 'openpcs',
        holdType: row.holdType,
        ...(row.reason ? { holdReason: row.reason } : {}),
        ...(row.authority ? { authority: row.authority } : {}),
        ...(row.holdId ? { holdId: row.holdId } : {}),
        sourceMessage: { format: HOLDS_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
