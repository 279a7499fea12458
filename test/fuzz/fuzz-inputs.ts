/**
 * What the ingest fuzzers post: per format, seeds (the fixtures the parsers' own tests use) and a fast-check
 * arbitrary that mutates them (bit flips, truncation, NUL / 0xFF / UTF-16 / invalid UTF-8 / unpaired-surrogate
 * insertions, huge numbers, wrong JSON types, duplicated and dropped segments) or gives pure random bytes, each
 * posted in sync or async mode. Shared by `ingest-fuzz.test.ts` (small, in `npm test`) and the campaign
 * (`npm run fuzz`).
 */
import fc from 'fast-check';
import { fixture } from '../support/fixtures.js';

export interface FuzzInput {
  readonly body: Buffer;
  readonly async: boolean;
}

export interface FuzzTarget {
  readonly format: string;
  readonly seeds: readonly Buffer[];
  /**
   * Who posts it when not the fuzzing terminal (format-senders.ts): a trucker, or a carrier linked to one SCAC
   * (`MAEU`), so its rows for other SCACs go the carrier-SCAC rule's way (access/carrier-scacs.ts).
   */
  readonly sender?: 'trucker' | 'carrier';
}

/** The target's name in test titles and JSON lines: its format, and the sender when not the fuzzing terminal's. */
export const fuzzLabel = (t: FuzzTarget): string => (t.sender === 'carrier' ? `${t.format}@carrier` : t.format);

/** The SCAC the fuzzing carrier speaks for. */
export const FUZZ_CARRIER_SCAC = 'MAEU';

const AIS_CSV_SEED = Buffer.from(
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n' +
    '367000001,2022-01-03T00:00:05,33.7,-118.2,1,10,10,EVER ACE,IMO9893890,3E123,70,0,400,61,14.5,70,A\n' +
    '367000001,2022-01-03T00:01:55,33.71,-118.21,1.2,12,11,EVER ACE,IMO9893890,3E123,70,0,400,61,14.5,70,A\n',
);

/** Seeds per format: the fixtures the parsers' own tests use (the large NMEA sample cut to its first 4 KiB). */
export const TARGETS: readonly FuzzTarget[] = [
  {
    format: 'ais-nmea',
    seeds: [
      fixture('ais/gatehouse.nmea'),
      fixture('ais/messages.ais'),
      fixture('ais/mixed.txt'),
      fixture('ais/nmea_data_sample.txt').subarray(0, 4096),
    ],
  },
  { format: 'ais-csv-marinecadastre', seeds: [AIS_CSV_SEED] },
  {
    format: 'csv-vessel-schedule',
    seeds: [fixture('csv-vessel-schedule/schedule-good.csv'), fixture('csv-vessel-schedule/schedule-bad-rows.csv')],
  },
  {
    format: 'csv-container-master',
    seeds: [fixture('csv-cargo/container-master.csv'), fixture('csv-cargo/container-master-bad.csv')],
  },
  {
    format: 'csv-gate-transactions',
    seeds: [
      fixture('csv-cargo/gate-transactions.csv'),
      fixture('csv-cargo/gate-transactions-bad.csv'),
      fixture('cargo-story/trucker-gate-transactions.csv'),
    ],
  },
  {
    format: 'csv-holds',
    seeds: [
      fixture('csv-cargo/holds.csv'),
      fixture('csv-cargo/holds-bad.csv'),
      fixture('cargo-story/customs-holds.csv'),
    ],
  },
  {
    format: 'csv-availability',
    seeds: [
      fixture('csv-cargo/availability.csv'),
      fixture('csv-cargo/availability-bad.csv'),
      fixture('cargo-story/terminal-availability-0317.csv'),
    ],
  },
  {
    format: 'csv-appointment-slots',
    seeds: [fixture('csv-cargo/appointment-slots.csv'), fixture('csv-cargo/appointment-slots-bad.csv')],
  },
  {
    format: 'csv-empty-returns',
    seeds: [fixture('csv-cargo/empty-returns.csv'), fixture('csv-cargo/empty-returns-bad.csv')],
  },
  {
    format: 'csv-empty-returns',
    seeds: [fixture('csv-cargo/empty-returns.csv'), fixture('csv-cargo/empty-returns-bad.csv')],
    sender: 'carrier',
  },
  {
    format: 'csv-terminal-notices',
    seeds: [fixture('csv-cargo/terminal-notices.csv'), fixture('csv-cargo/terminal-notices-bad.csv')],
  },
  {
    format: 'csv-shore-power',
    seeds: [fixture('csv-cargo/shore-power.csv'), fixture('csv-cargo/shore-power-bad.csv')],
  },
  {
    format: 'csv-vessel-particulars',
    seeds: [
      fixture('vessel-particulars/vessel-particulars.csv'),
      fixture('vessel-particulars/vessel-particulars-bad.csv'),
    ],
    sender: 'carrier',
  },
  {
    format: 'csv-drayage-trucks',
    seeds: [fixture('drayage/drayage-trucks.csv'), fixture('drayage/drayage-trucks-bad.csv')],
    sender: 'trucker',
  },
  {
    format: 'csv-truck-appointments',
    seeds: [fixture('csv-cargo/truck-appointments.csv'), fixture('csv-cargo/truck-appointments-bad.csv')],
  },
  {
    format: 'dcsa-events',
    seeds: [
      fixture('dcsa/single-event.json'),
      fixture('dcsa/events-page.json'),
      fixture('dcsa/events-with-errors.json'),
      fixture('cargo-story/carrier-dcsa-events.json'),
    ],
  },
  {
    format: 'x12-315',
    seeds: [
      fixture('x12/315-discharge-release-outgate.edi'),
      fixture('x12/315-errors-custom-delimiters.edi'),
      fixture('x12/315-resent-crlf-bom.edi'),
    ],
  },
  { format: 'x12-322', seeds: [fixture('x12/322-terminal-ramp.edi')] },
  { format: 'edifact-iftsta', seeds: [fixture('edifact/iftsta-status.edi')] },
  {
    format: 'edifact-coarri',
    seeds: [fixture('edifact/coarri-discharge-load.edi'), fixture('cargo-story/terminal-coarri-discharge.edi')],
  },
  {
    format: 'edifact-codeco',
    seeds: [fixture('edifact/codeco-gate-in-out.edi'), fixture('cargo-story/terminal-codeco-gate-out.edi')],
  },
  { format: 'edifact-baplie', seeds: [fixture('edifact/baplie-ever-given.edi')] },
  {
    format: 'equipment-telemetry',
    seeds: [fixture('equipment-telemetry/telemetry.ndjson'), fixture('equipment-telemetry/telemetry-bad.ndjson')],
  },
];

/** Byte strings that break naive text handling: NUL, 0xFF, UTF-16, invalid and overlong UTF-8, escapes. */
const NASTY: readonly Buffer[] = [
  Buffer.from([0x00]),
  Buffer.from([0xff]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from('A\0B\0C\0', 'latin1'),
  Buffer.from('ISA', 'utf16le'),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xc0, 0x80]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from('\\u0000'),
  Buffer.from('\\ud800'),
  Buffer.from('"\\udc00x"'),
  Buffer.from('\r'),
  Buffer.from("?'"),
];

const HUGE: readonly string[] = [
  '9'.repeat(400),
  '18446744073709551616',
  '-9223372036854775809',
  '1e999',
  '-0',
  'NaN',
  '0x7fffffff',
  '2147483648',
  '99999999999999999999.99999999999',
];

type Mutation = (body: Buffer) => Buffer;

/** Message units: lines for CSV/NMEA/X12-with-newlines, segments for EDIFACT (') and X12 (~). */
function units(body: Buffer): Buffer[] {
  const text = body.toString('latin1');
  const separator = text.includes("'") ? "'" : text.includes('~') ? '~' : '\n';
  return text
    .split(separator)
    .map((part, i, all) => Buffer.from(i < all.length - 1 ? part + separator : part, 'latin1'));
}

function replaceJsonLeaf(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const pick = entries[head! % entries.length]![0];
  if (Array.isArray(value)) {
    return (value as unknown[]).map((v, i) => (i === pick ? replaceJsonLeaf(v, rest, replacement) : v));
  }
  return { ...value, [pick]: replaceJsonLeaf((value as Record<string, unknown>)[pick], rest, replacement) };
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]): Mutation => (b) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    out[at % out.length]! ^= 1 << bit;
    return out;
  }),
  fc.nat().map(
    (at): Mutation =>
      (b) =>
        b.subarray(0, at % (b.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...NASTY)).map(([at, bytes]): Mutation => (b) => {
    const i = at % (b.length + 1);
    return Buffer.concat([b.subarray(0, i), bytes, b.subarray(i)]);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...HUGE)).map(([n, huge]): Mutation => (b) => {
    const text = b.toString('latin1');
    const runs = [...text.matchAll(/\d+(\.\d+)?/g)];
    if (runs.length === 0) return b;
    const run = runs[n % runs.length]!;
    return Buffer.from(text.slice(0, run.index) + huge + text.slice(run.index + run[0].length), 'latin1');
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 50 })).map(([from, to, times]): Mutation => (b) => {
    const parts = units(b);
    const copy = parts[from % parts.length]!;
    parts.splice(to % (parts.length + 1), 0, ...Array<Buffer>(times).fill(copy));
    return Buffer.concat(parts);
  }),
  fc.nat().map((n): Mutation => (b) => {
    const parts = units(b);
    parts.splice(n % parts.length, 1);
    return Buffer.concat(parts);
  }),
  fc
    .tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }))
    .map(([path, value]): Mutation => (b) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(b.toString('utf8'));
      } catch {
        return b;
      }
      return Buffer.from(JSON.stringify(replaceJsonLeaf(parsed, path, value)) ?? 'null');
    }),
);

export function inputs(seeds: readonly Buffer[]): fc.Arbitrary<FuzzInput> {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([seed, ms]) => ms.reduce((b, m) => m(b), seed));
  const random = fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((a) => Buffer.from(a));
  return fc.record({
    body: fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 1, arbitrary: random }),
    async: fc.boolean(),
  });
}
