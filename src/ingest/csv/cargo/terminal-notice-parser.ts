/**
 * Restrictions and outages as CSV (openpcs format `csv-terminal-notices`, docs/formats-terminal-feeds.md): what a
 * terminal or the port authority announces — gate closed, system down, empties not accepted for a carrier (and
 * size/type), weather — with a validity window. A notice is re-stated under its id to change or end it
 * (`status` CANCELLED, or a new `valid_to`); the read model keeps the newest statement per sender × notice id.
 *
 * Each row becomes an openpcs extension TRANSPORT event `NOTC` (src/domain/cargo-event-codes.ts), classifier ACT,
 * dated `stated_at`. `terminal` empty = the whole port (`port`), or every port when that is empty too.
 */
import {
  NOTICE_STATUSES,
  NOTICE_TYPES,
  TERMINAL_NOTICE,
  type NoticeStatus,
  type NoticeType,
} from '../../../domain/cargo-event-codes.js';
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateSizeTypeCode } from '../../../domain/identifiers/iso6346-size-type.js';
import { validateScac } from '../../../domain/identifiers/scac.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';
import { DAY_MS, MAX_WINDOW_DAYS } from './terminal-feed-rows.js';

export const TERMINAL_NOTICES_FORMAT = 'csv-terminal-notices';

const identity = <T extends string>(values: readonly T[]): Readonly<Record<string, T>> =>
  Object.fromEntries(values.map((v) => [v, v]));
const NOTICE_TYPE_CELL: Readonly<Record<string, NoticeType>> = {
  ...identity(NOTICE_TYPES),
  GATE_CLOSURE: 'GATE_CLOSED',
  CLOSED: 'GATE_CLOSED',
  OUTAGE: 'SYSTEM_DOWN',
  SYSTEM_OUTAGE: 'SYSTEM_DOWN',
  NO_EMPTIES: 'EMPTIES_NOT_ACCEPTED',
  EMPTY_RESTRICTION: 'EMPTIES_NOT_ACCEPTED',
};
const STATUS_CELL: Readonly<Record<string, NoticeStatus>> = { ...identity(NOTICE_STATUSES), CANCELED: 'CANCELLED' };
const NOTICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const MAX_TEXT = 500;

interface NoticeRow {
  readonly noticeId: string;
  readonly noticeType: NoticeType;
  readonly status: NoticeStatus;
  readonly terminal: string | null;
  readonly port: string | undefined;
  readonly carrierScac: string | null;
  readonly isoEquipmentCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly text: string;
  readonly statedAt: string;
}

export const terminalNoticeParser = cargoCsvParser<NoticeRow>({
  format: TERMINAL_NOTICES_FORMAT,
  version: '1.0.0',
  description:
    'CSV terminal and port notices (notice_id, notice_type, terminal, carrier_scac, iso_type, valid_from, valid_to, status, text, stated_at)',
  requiredColumns: ['notice_id', 'notice_type', 'valid_from', 'text', 'stated_at'],
  readRow(r) {
    const id = r.text('notice_id', { required: true, maxLength: 64 });
    if (id !== undefined && !NOTICE_ID.test(id)) {
      r.fail('PCS_CSV_BAD_VALUE', `notice_id "${id}" is not 1-64 letters, digits or . _ : -`, 'notice_id');
    }
    const noticeType = r.choice('notice_type', NOTICE_TYPE_CELL, { required: true });
    const status = r.choice('status', STATUS_CELL, { fallback: 'ACTIVE' });
    const terminal = r.identifier('terminal', validateSmdgTerminalCode);
    const port = r.identifier('port', validateUnLocode);
    const carrierScac = r.identifier('carrier_scac', validateScac);
    const isoEquipmentCode = r.identifier('iso_type', validateSizeTypeCode);
    const validFrom = r.dateTime('valid_from', { required: true });
    const validTo = r.dateTime('valid_to');
    const text = r.text('text', { required: true, maxLength: MAX_TEXT });
    const statedAt = r.dateTime('stated_at', { required: true });
    if (validFrom && validTo) {
      const days = (Date.parse(validTo) - Date.parse(validFrom)) / DAY_MS;
      if (days <= 0) {
        r.fail('PCS_CSV_INCONSISTENT_ROW', `valid_to ${validTo} is not after valid_from ${validFrom}`, 'valid_to');
      } else if (days > MAX_WINDOW_DAYS) {
        r.fail(
          'PCS_CSV_INCONSISTENT_ROW',
          `the notice window is ${Math.round(days)} days: more than ${MAX_WINDOW_DAYS}`,
          'valid_to',
        );
      }
    }
    if ((carrierScac || isoEquipmentCode) && noticeType !== undefined && noticeType !== 'EMPTIES_NOT_ACCEPTED') {
      r.fail(
        'PCS_CSV_INCONSISTENT_ROW',
        `carrier_scac and iso_type narrow an EMPTIES_NOT_ACCEPTED notice only, not a ${noticeType}`,
        carrierScac ? 'carrier_scac' : 'iso_type',
      );
    }
    if (!r.ok || !id || !noticeType || !status || !validFrom || text === undefined || !statedAt) return undefined;
    return {
      noticeId: id,
      noticeType,
      status,
      terminal: terminal ?? null,
      port,
      carrierScac: carrierScac ?? null,
      isoEquipmentCode: isoEquipmentCode ?? null,
      validFrom,
      validTo: validTo ?? null,
      text,
      statedAt,
    };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(TERMINAL_NOTICES_FORMAT, [row.noticeId], row),
      eventType: 'TRANSPORT',
      eventTypeCode: TERMINAL_NOTICE,
      eventClassifierCode: 'ACT',
      eventDateTime: row.statedAt,
      eventCreatedDateTime: ctx.receivedAt,
      location: row.terminal
        ? terminalLocation(row.terminal, row.port)
        : row.port
          ? { unLocationCode: row.port }
          : undefined,
      references: row.carrierScac ? { carrierCode: row.carrierScac } : undefined,
      payload: {
        extension: 'openpcs',
        noticeId: row.noticeId,
        noticeType: row.noticeType,
        status: row.status,
        terminal: row.terminal,
        carrierScac: row.carrierScac,
        isoEquipmentCode: row.isoEquipmentCode,
        validFrom: row.validFrom,
        validTo: row.validTo,
        text: row.text,
        sourceMessage: { format: TERMINAL_NOTICES_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
