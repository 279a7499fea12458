/**
 * MarineCadastre AIS CSV (NOAA Office for Coastal Management / BOEM, "AIS Data Dictionary", daily files
 * `AIS_YYYY_MM_DD.csv` from 2018 on; format id `ais-csv-marinecadastre`). Columns: MMSI, BaseDateTime (UTC,
 * ISO 8601 without zone), LAT, LON, SOG, COG, Heading, VesselName, IMO ("IMO" + 7 digits), CallSign,
 * VesselType, Status, Length, Width, Draft, Cargo, TransceiverClass. Values follow ITU-R M.1371-5.
 *
 * Each row becomes
 *  - a `VESSEL`/`POSN` event, key `ais-pos:<mmsi>:<UTC minute>` (`positionIdempotencyKey`): the store keeps
 *    one position per vessel per minute; within one message the first row of a minute wins and later ones
 *    are dropped here already;
 *  - a `VESSEL`/`STAT` event when the row carries any static field, key
 *    `ais-static:<mmsi>:<sha256 of the normalised static payload>`, so an unchanged static record (repeated
 *    on every row of the file) is stored once.
 * Every numeric cell is checked against the values its field can take (`NUMERIC_COLUMNS`): a row with a
 * fraction where a whole number belongs (VesselType 70.5) or a value out of range is rejected with the column
 * as pointer, so no value reaches a read model whose column cannot hold it.
 * Parsing is by hand (no CSV library) because a daily file holds millions of rows.
 */
import type { NewCanonicalEvent } from '../../domain/canonical-event.js';
import { validateImoNumber } from '../../domain/identifiers/imo-number.js';
import {
  positionIdempotencyKey,
  VESSEL_POSITION,
  VESSEL_STATIC,
  type VesselPositionPayload,
  type VesselStaticPayload,
} from '../../domain/vessel-observation.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import type { AisCsvErrorCode } from '../../domain/errors/ais-csv-errors.js';
import { splitCsvLine } from './split-csv-line.js';
import { aisStaticKey } from '../ais-static-key.js';

export const MARINECADASTRE_FORMAT = 'ais-csv-marinecadastre';

const REQUIRED = ['mmsi', 'basedatetime', 'lat', 'lon'] as const;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;
const MMSI = /^\d{9}$/;
/** "IMO" and a number as MarineCadastre writes it (or the bare digits). */
const IMO = /^(?:IMO)?\d+$/i;
const decoder = new TextDecoder('utf-8', { fatal: true });

type Columns = Readonly<Record<string, number>>;

const reject = (code: AisCsvErrorCode, message: string, line?: number, pointer?: string): Rejection => ({
  code,
  message,
  line,
  pointer,
});

/** Plain decimal notation only: no hex, exponent, `Infinity` or thousands separators. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** Number or null for an empty cell; undefined when the cell is not a number. */
function num(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === '') return null;
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The numeric columns and the values each may take (ITU-R M.1371-5 message 1/5/18/19 field widths, in the
 * decoded units MarineCadastre publishes). A value outside them cannot be a report, and a fraction where the
 * read model keeps an integer (`vessel.ship_type`, `vessel_position.nav_status`) would poison the projection.
 */
interface NumericColumn {
  readonly key: string;
  readonly pointer: string;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** A "not available" value outside min..max. */
  readonly notAvailable?: number;
}

const NUMERIC_COLUMNS: readonly NumericColumn[] = [
  // 10 bits of 0.1 kn, 102.3 = not available. Negative values (down to -51.2) are class B reports decoded
  // as signed numbers, which MarineCadastre publishes: read as not available.
  { key: 'sog', pointer: 'SOG', integer: false, min: -51.2, max: 102.3 },
  // 12 bits of 0.1°, 360 = not available; negative values down to -204.8 as for SOG.
  { key: 'cog', pointer: 'COG', integer: false, min: -204.8, max: 360 },
  { key: 'heading', pointer: 'Heading', integer: true, min: 0, max: 359, notAvailable: 511 },
  { key: 'status', pointer: 'Status', integer: true, min: 0, max: 15 },
  // Ship and cargo type, 8 bits: 0 = not available, 1–99 defined, 100–199 regional, 200–255 reserved (the
  // US-wide extract of 2022-01-03 carries 200 on 9 rows: kept, as the position is good).
  { key: 'vesseltype', pointer: 'VesselType', integer: true, min: 0, max: 255 },
  // Dimensions to the reference point: A + B (9 bits each), C + D (6 bits each); draught 8 bits of 0.1 m.
  { key: 'length', pointer: 'Length', integer: false, min: 0, max: 1022 },
  { key: 'width', pointer: 'Width', integer: false, min: 0, max: 126 },
  { key: 'draft', pointer: 'Draft', integer: false, min: 0, max: 25.5 },
];

/** Cells kept as text. */
const TEXT_COLUMNS = [
  ['vesselname', 'VesselName'],
  ['callsign', 'CallSign'],
  ['transceiverclass', 'TransceiverClass'],
] as const;

function describeRange(c: NumericColumn): string {
  const range = `${c.integer ? 'a whole number' : 'a number'} from ${c.min} to ${c.max}`;
  return c.notAvailable === undefined ? range : `${range} (or ${c.notAvailable}, not available)`;
}

function text(value: string | undefined): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
}

/** ITU-R M.1371-5 Table 1 "not available" values as MarineCadastre publishes them (decoded units). */
function sogKn(v: number | null): number | null {
  return v === null || v < 0 || v >= 102.3 ? null : v;
}
function cogDeg(v: number | null): number | null {
  // 360 = not available; MarineCadastre also publishes negative COGs from some class B units: unusable.
  return v === null || v < 0 || v >= 360 ? null : v;
}
function headingDeg(v: number | null): number | null {
  return v === null || v === 511 || v < 0 || v >= 360 ? null : v;
}
function positive(v: number | null): number | null {
  return v === null || v <= 0 ? null : v;
}

interface RowResult {
  readonly events: NewCanonicalEvent[];
  readonly errors?: readonly Rejection[];
}

function parseRow(
  cells: readonly string[],
  col: Columns,
  line: number,
  ctx: ParseContext,
  seen: Set<string>,
  memo: Map<string, string>,
): RowResult {
  const cell = (name: string): string | undefined => {
    const i = col[name];
    return i === undefined ? undefined : cells[i];
  };
  const mmsi = (cell('mmsi') ?? '').trim();
  if (!MMSI.test(mmsi)) {
    return { events: [], errors: [reject('PCS_AISCSV_BAD_MMSI', `MMSI "${mmsi}" is not 9 digits`, line, 'MMSI')] };
  }
  const dt = (cell('basedatetime') ?? '').trim();
  const m = DATETIME.exec(dt);
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  const instant = Number.isNaN(ms) ? null : new Date(ms).toISOString();
  if (!m || instant === null || instant.slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`) {
    return {
      events: [],
      errors: [
        reject('PCS_AISCSV_BAD_DATETIME', `BaseDateTime "${dt}" is not YYYY-MM-DDTHH:MM:SS`, line, 'BaseDateTime'),
      ],
    };
  }
  const lat = num(cell('lat'));
  const lon = num(cell('lon'));
  // 91 / 181 = "not available" (M.1371-5 Table 1, message 1 fields 8-9).
  if (lat == null || lon == null || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    const pointer = lat == null || Math.abs(lat) > 90 ? 'LAT' : 'LON';
    return {
      events: [],
      errors: [
        reject(
          'PCS_AISCSV_BAD_POSITION',
          `no usable position (LAT "${cell('lat') ?? ''}", LON "${cell('lon') ?? ''}")`,
          line,
          pointer,
        ),
      ],
    };
  }
  const numbers: Record<string, number | null> = {};
  const errors: Rejection[] = [];
  for (const column of NUMERIC_COLUMNS) {
    const raw = cell(column.key) ?? '';
    const v = num(raw);
    if (v === undefined) {
      errors.push(reject('PCS_AISCSV_BAD_NUMBER', `${column.pointer} "${raw}" is not a number`, line, column.pointer));
    } else if (
      v !== null &&
      v !== column.notAvailable &&
      ((column.integer && !Number.isInteger(v)) || v < column.min || v > column.max)
    ) {
      errors.push(
        reject(
          'PCS_AISCSV_OUT_OF_RANGE',
          `${column.pointer} "${raw.trim()}" is not ${describeRange(column)}`,
          line,
          column.pointer,
        ),
      );
    }
    numbers[column.key] = v ?? null;
  }
  // PostgreSQL text and jsonb cannot hold U+0000: such a cell would fail the whole message's append.
  for (const [key, pointer] of TEXT_COLUMNS) {
    if (cell(key)?.includes('\u0000')) {
      errors.push(reject('PCS_AISCSV_BAD_TEXT', `${pointer} contains a NUL character`, line, pointer));
    }
  }
  const imoText = text(cell('imo'));
  if (imoText !== null && !IMO.test(imoText)) {
    errors.push(reject('PCS_AISCSV_BAD_IMO', `IMO "${imoText}" is not "IMO" and a number`, line, 'IMO'));
  }
  if (errors.length > 0) return { events: [], errors };
  // A number that is no IMO number (8-10 digits on 726 rows of the US-wide extract of 2022-01-03, or a failed
  // check digit: the field is typed in by crews) is kept as "no IMO number"; the row's report is good.
  const imo = imoText ? validateImoNumber(imoText) : null;
  const events: NewCanonicalEvent[] = [];
  const references = { vesselMMSI: mmsi, ...(imo?.ok ? { vesselIMONumber: imo.value } : {}) };
  const posKey = positionIdempotencyKey(mmsi, instant);
  if (!seen.has(posKey)) {
    seen.add(posKey);
    const status = numbers['status'] ?? null;
    const position: VesselPositionPayload & { readonly transceiverClass: string | null } = {
      mmsi,
      lat,
      lon,
      sogKn: sogKn(numbers['sog'] ?? null),
      cogDeg: cogDeg(numbers['cog'] ?? null),
      headingDeg: headingDeg(numbers['heading'] ?? null),
      navStatus: status,
      aisType: null,
      transceiverClass: text(cell('transceiverclass')),
    };
    events.push({
      idempotencyKey: posKey,
      eventType: 'VESSEL',
      eventTypeCode: VESSEL_POSITION,
      eventClassifierCode: 'ACT',
      eventDateTime: instant,
      eventCreatedDateTime: ctx.receivedAt,
      location: { latitude: lat, longitude: lon },
      references,
      payload: { ...position },
    });
  }
  const shipType = numbers['vesseltype'] ?? null;
  const stat: VesselStaticPayload = {
    mmsi,
    imo: imo?.ok ? imo.value : null,
    callSign: text(cell('callsign')),
    name: text(cell('vesselname')),
    shipType: shipType !== null && shipType > 0 ? shipType : null,
    lengthM: positive(numbers['length'] ?? null),
    beamM: positive(numbers['width'] ?? null),
    draughtM: positive(numbers['draft'] ?? null),
    destination: null,
  };
  const hasStatic = [stat.imo, stat.callSign, stat.name, stat.shipType, stat.lengthM, stat.beamM, stat.draughtM].some(
    (v) => v !== null,
  );
  if (hasStatic) {
    const key = aisStaticKey(stat, memo);
    if (!seen.has(key)) {
      seen.add(key);
      events.push({
        idempotencyKey: key,
        eventType: 'VESSEL',
        eventTypeCode: VESSEL_STATIC,
        eventClassifierCode: 'ACT',
        eventDateTime: instant,
        eventCreatedDateTime: ctx.receivedAt,
        references,
        payload: { ...stat },
      });
    }
  }
  return { events };
}

function parse(body: Uint8Array, ctx: ParseContext): ParseResult {
  let content: string;
  try {
    content = decoder.decode(body);
  } catch {
    return { events: [], rejected: [reject('PCS_AISCSV_UNREADABLE', 'the body is not valid UTF-8 text')] };
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  const lines = content.split('\n');
  const header = splitCsvLine((lines[0] ?? '').replace(/\r$/, ''));
  if (!header || header.length < 2) {
    return { events: [], rejected: [reject('PCS_AISCSV_UNREADABLE', 'the CSV has no header line', 1)] };
  }
  const col: Record<string, number> = {};
  header.forEach((name, i) => (col[name.trim().toLowerCase()] = i));
  const missing = REQUIRED.filter((name) => col[name] === undefined);
  if (missing.length > 0) {
    return {
      events: [],
      rejected: [reject('PCS_AISCSV_MISSING_COLUMN', `missing column(s): ${missing.join(', ')}`, 1)],
    };
  }
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const memo = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    let raw = lines[i]!;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw);
    if (!cells) {
      rejected.push(reject('PCS_AISCSV_BAD_QUOTING', 'a quoted cell is not closed on this line', i + 1));
      continue;
    }
    const row = parseRow(cells, col, i + 1, ctx, seen, memo);
    if (row.errors) rejected.push(...row.errors);
    for (const event of row.events) events.push(event);
  }
  return { events, rejected };
}

export const marineCadastreCsvParser: MessageParser = {
  format: MARINECADASTRE_FORMAT,
  version: '1.0.0',
  description:
    'MarineCadastre (NOAA/BOEM) AIS CSV: one row per position report with static data; POSN + STAT vessel events',
  parse,
};
