/**
 * Bodies of a given size for every ingest format, for the memory benchmark: a header, a unit repeated with a
 * counter (so keys differ), and a trailer that may depend on the number of units (EDI envelope counts). A
 * `valid` body repeats the format's own test fixture (or generated rows); an `invalid` body repeats a unit that
 * every row / message / event of which is rejected, so the rejections are as many as the units.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { containerCheckDigit } from '../src/domain/identifiers/iso6346.js';
import { defaultParsers } from '../src/ingest/default-parsers.js';
import { encodePositionA, toSentences } from '../src/sim/ais/ais-encoder.js';

export type BodyKind = 'valid' | 'invalid';

export interface BodyTemplate {
  readonly format: string;
  /** File name suffix (`openpcs ingest` decompresses `.gz` only; the suffix is cosmetic otherwise). */
  readonly extension: string;
  readonly header: string;
  /** Unit `i` (with its line ending). */
  unit(i: number): string;
  /** After `units` units. */
  trailer(units: number): string;
  /** Separator between units (JSON arrays). */
  readonly separator?: string;
}

const MIB = 1024 * 1024;
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const fixture = (path: string): string => readFileSync(`${FIXTURES}${path}`, 'utf8');

const OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'OOLU', 'TGHU'];

function box(n: number): string {
  const owner = OWNERS[n % OWNERS.length]!;
  const serial = String(n % 1_000_000).padStart(6, '0');
  return `${owner}${serial}${containerCheckDigit(owner + serial)}`;
}

/** The same box with a wrong check digit. */
function badBox(n: number): string {
  const good = box(n);
  return `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}`;
}

function containerMaster(kind: BodyKind): BodyTemplate {
  const header = 'container_number,size_type,owner_scac,tare_kg,max_gross_kg,reefer,as_of';
  return {
    format: 'csv-container-master',
    extension: 'csv',
    header: `${header}\n`,
    trailer: () => '',
    unit(n) {
      const asOf = `2026-01-${String(1 + (Math.floor(n / 1_000_000) % 28)).padStart(2, '0')}T00:00:00Z`;
      if (kind === 'valid') return `${box(n)},45G1,${OWNERS[n % OWNERS.length]},3900,32500,N,${asOf}\n`;
      // Three kinds of bad rows, so the summary has several codes.
      switch (n % 3) {
        case 0:
          return `${badBox(n)},45G1,MSCU,3900,32500,N,${asOf}\n`;
        case 1:
          return `${box(n)},45G1,MSCU,abc,32500,N,${asOf}\n`;
        default:
          return `${box(n)},45G1,MSCU,3900,32500,N,yesterday\n`;
      }
    },
  };
}

function tagged(unixSeconds: number, sentence: string): string {
  const body = `c:${unixSeconds}`;
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\${sentence}`;
}

function aisNmea(kind: BodyKind): BodyTemplate {
  return {
    format: 'ais-nmea',
    extension: 'nmea',
    header: '',
    trailer: () => '',
    unit(n) {
      const [sentence] = toSentences(
        encodePositionA({
          type: 1,
          repeat: 0,
          mmsi: 366_000_000 + (n % 50_000),
          navStatus: 0,
          turn: 0,
          sog: 12.3,
          accuracy: true,
          lon: -118.25 + (n % 1000) / 10_000,
          lat: 33.7 + (n % 777) / 10_000,
          cog: 123.4,
          heading: 120,
          second: 30,
          maneuver: 0,
          raim: false,
          radio: 0,
        }),
      );
      const line = tagged(1_767_225_600 + Math.floor(n / 50_000) * 60, sentence!);
      // An invalid line: its NMEA checksum does not match.
      return `${kind === 'valid' ? line : `${line.slice(0, -2)}${line.endsWith('00') ? '01' : '00'}`}\n`;
    },
  };
}

function aisCsv(kind: BodyKind): BodyTemplate {
  return {
    format: 'ais-csv-marinecadastre',
    extension: 'csv',
    header:
      'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n',
    trailer: () => '',
    unit(n) {
      const at = new Date(Date.UTC(2022, 0, 3) + Math.floor(n / 50_000) * 60_000).toISOString().slice(0, 19);
      const lat = kind === 'valid' ? (33.7 + (n % 777) / 10_000).toFixed(5) : 'north';
      return `${366_000_000 + (n % 50_000)},${at},${lat},${(-118.25 + (n % 1000) / 10_000).toFixed(5)},12.3,123.4,120,BENCH ${n % 50_000},,,70,0,200,32,11.5,70,A\n`;
    },
  };
}

/**
 * A CSV fixture's rows, cycled; `vary` columns get `-<i>` appended (distinct ids: groups stay small), and in an
 * invalid body `spoil` is set to a value its parser refuses.
 */
function csvFixture(format: string, path: string, vary: readonly string[], spoil: string, kind: BodyKind) {
  const [headerLine = '', ...rows] = fixture(path)
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const columns = headerLine.split(',');
  const varied = vary.map((c) => columns.indexOf(c));
  const spoiled = columns.indexOf(spoil);
  if (varied.includes(-1) || spoiled < 0) throw new Error(`${path}: columns ${[...vary, spoil].join(', ')} expected`);
  const cells = rows.map((r) => r.split(','));
  return {
    format,
    extension: 'csv',
    header: `${headerLine}\n`,
    trailer: () => '',
    unit(i: number) {
      const row = [...cells[i % cells.length]!];
      const cycle = Math.floor(i / cells.length);
      for (const c of varied) if (row[c]) row[c] = `${row[c]}-${cycle}`;
      if (kind === 'invalid') row[spoiled] = 'not-a-value';
      return `${row.join(',')}\n`;
    },
  } satisfies BodyTemplate;
}

const PARSERS = defaultParsers();
const CONTEXT = { inboxId: 'bench', receivedAt: '2026-01-01T00:00:00Z', sourceOrg: 'bench', timeZone: 'UTC' };

/**
 * The units that parse without a rejection on their own (the EDI fixtures hold deliberately bad messages too:
 * a valid body keeps the good ones), or all of them when none does.
 */
function cleanUnits<U extends { readonly text: string }>(
  format: string,
  units: readonly U[],
  wrap: (unit: U) => string,
): U[] {
  const parser = PARSERS.get(format);
  if (!parser) throw new Error(`no parser ${format}`);
  const clean = units.filter((u) => parser.parse(Buffer.from(wrap(u)), CONTEXT).rejected.length === 0);
  // A fixture with no clean unit (IFTSTA: one message, with a bad check digit and an unknown status among its
  // good statuses) is repeated as it is.
  return clean.length > 0 ? clean : [...units];
}

/** An EDIFACT fixture's messages (UNH…UNT), repeated with new references; invalid: another message type. */
function edifactFixture(format: string, path: string, kind: BodyKind): BodyTemplate {
  const text = fixture(path);
  const first = text.indexOf('UNH+');
  const unz = text.indexOf('UNZ+'); // the first interchange only
  const all = [...text.slice(first, unz).matchAll(/UNH\+([^+']+)\+[\s\S]*?UNT\+\d+\+\1'\s*/g)].map((m) => ({
    text: m[0],
    ref: m[1]!,
  }));
  const control = /^UNZ\+\d+\+([^']*)'/.exec(text.slice(unz))?.[1] ?? '';
  const messages =
    kind === 'valid' ? cleanUnits(format, all, (m) => `${text.slice(0, first)}${m.text}UNZ+1+${control}'`) : all;
  return {
    format,
    extension: 'edi',
    header: text.slice(0, first),
    unit(i) {
      const m = messages[i % messages.length]!;
      let out = m.text
        .replace(`UNH+${m.ref}+`, `UNH+M${i}+`)
        .replace(new RegExp(`(UNT\\+\\d+\\+)${m.ref}'`), `$1M${i}'`);
      if (kind === 'invalid') out = out.replace(/^(UNH\+M\d+\+)[A-Z]{6}:/, '$1ZZZZZZ:');
      return out;
    },
    trailer: (units) => `UNZ+${units}+${control}'\n`,
  };
}

/** An X12 fixture's transaction sets (ST…SE), repeated with new control numbers; invalid: another set id. */
function x12Fixture(format: string, path: string, kind: BodyKind): BodyTemplate {
  const text = fixture(path);
  const first = text.indexOf('ST*');
  const ge = text.indexOf('GE*'); // the first interchange only
  const all = [...text.slice(first, ge).matchAll(/ST\*(\d+)\*(\d+)~[\s\S]*?SE\*\d+\*\2~\s*/g)].map((m) => ({
    text: m[0],
    control: m[2]!,
  }));
  const groupControl = /^GE\*\d+\*(\d+)~/.exec(text.slice(ge))?.[1] ?? '1';
  const ieaAt = text.indexOf('IEA*');
  const iea = `${text.slice(ieaAt, text.indexOf('~', ieaAt) + 1)}\n`;
  const sets =
    kind === 'valid'
      ? cleanUnits(format, all, (u) => `${text.slice(0, first)}${u.text}GE*1*${groupControl}~\n${iea}`)
      : all;
  return {
    format,
    extension: 'edi',
    header: text.slice(0, first),
    unit(i) {
      const s = sets[i % sets.length]!;
      const control = String(i + 1).padStart(9, '0');
      let out = s.text
        .replace(/^ST\*(\d+)\*\d+~/, `ST*$1*${control}~`)
        .replace(new RegExp(`(SE\\*\\d+\\*)${s.control}~`), `$1${control}~`);
      if (kind === 'invalid') out = out.replace(/^ST\*\d+\*/, 'ST*999*');
      return out;
    },
    trailer: (units) => `GE*${units}*${groupControl}~\n${iea}`,
  };
}

/** The DCSA fixture page's events, repeated with new eventIDs; invalid: an event type DCSA does not have. */
function dcsaFixture(kind: BodyKind): BodyTemplate {
  const events = JSON.parse(fixture('dcsa/events-page.json')) as Record<string, unknown>[];
  return {
    format: 'dcsa-events',
    extension: 'json',
    header: '[\n',
    separator: ',\n',
    unit(i) {
      const hex = i.toString(16).padStart(12, '0');
      const event: Record<string, unknown> = {
        ...events[i % events.length]!,
        eventID: `5e51e72c-d872-11ea-811c-${hex}`,
      };
      if (kind === 'invalid') event['eventType'] = 'BOGUS';
      return JSON.stringify(event);
    },
    trailer: () => '\n]\n',
  };
}

/** Every format the server ingests, with a body template per kind. */
export function bodyTemplates(kind: BodyKind): BodyTemplate[] {
  return [
    aisNmea(kind),
    aisCsv(kind),
    csvFixture('csv-vessel-schedule', 'csv-vessel-schedule/schedule-good.csv', ['voyage'], 'eta', kind),
    csvFixture('csv-truck-appointments', 'csv-cargo/truck-appointments.csv', ['appointment_id'], 'slot_start', kind),
    csvFixture(
      'csv-gate-transactions',
      'csv-cargo/gate-transactions.csv',
      ['transaction_id', 'visit_id'],
      'timestamp',
      kind,
    ),
    csvFixture('csv-holds', 'csv-cargo/holds.csv', ['hold_id'], 'timestamp', kind),
    containerMaster(kind),
    dcsaFixture(kind),
    x12Fixture('x12-315', 'x12/315-discharge-release-outgate.edi', kind),
    x12Fixture('x12-322', 'x12/322-terminal-ramp.edi', kind),
    edifactFixture('edifact-iftsta', 'edifact/iftsta-status.edi', kind),
    edifactFixture('edifact-coarri', 'edifact/coarri-discharge-load.edi', kind),
    edifactFixture('edifact-codeco', 'edifact/codeco-gate-in-out.edi', kind),
    edifactFixture('edifact-baplie', 'edifact/baplie-ever-given.edi', kind),
  ];
}

/** Writes a body of at most `bytes` bytes; returns the number of units. */
export async function writeBody(path: string, t: BodyTemplate, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> | undefined =>
    out.write(text) ? undefined : new Promise((resolve) => out.once('drain', () => resolve()));
  const separator = t.separator ?? '';
  // The trailer grows with the count; leave room for its longest form.
  const budget = bytes - Buffer.byteLength(t.header) - Buffer.byteLength(t.trailer(99_999_999)) - 16;
  let size = 0;
  let units = 0;
  let chunk = t.header;
  for (;;) {
    const unit = `${units > 0 ? separator : ''}${t.unit(units)}`;
    const length = Buffer.byteLength(unit);
    if (size + length > budget) break;
    size += length;
    units++;
    chunk += unit;
    if (chunk.length > MIB) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk + t.trailer(units));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return units;
}
