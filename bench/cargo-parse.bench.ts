/**
 * Parse-only throughput of the cargo EDI parsers (messages/s: X12 transaction sets or EDIFACT UNH messages
 * per second), on generated interchanges shaped like real traffic: 315s with N9/Q2/R4/DTM loops, 322s with two
 * N7 loops, CODECO/COARRI with two containers per message, IFTSTA with two STS groups, BAPLIE with 40 cells.
 * Every container number carries a valid ISO 6346 check digit, so the numbers measure the happy path.
 * The store leg (append) is measured by event-append.bench.ts.
 */
import { performance } from 'node:perf_hooks';
import { containerCheckDigit } from '../src/domain/identifiers/iso6346.js';
import type { MessageParser, ParseContext } from '../src/ingest/message-parser.js';
import { edifactBaplieParser } from '../src/ingest/edifact/edifact-baplie-parser.js';
import { edifactCoarriParser } from '../src/ingest/edifact/edifact-coarri-parser.js';
import { edifactCodecoParser } from '../src/ingest/edifact/edifact-codeco-parser.js';
import { edifactIftstaParser } from '../src/ingest/edifact/edifact-iftsta-parser.js';
import { x12315Parser } from '../src/ingest/x12/x12-315-parser.js';
import { x12322Parser } from '../src/ingest/x12/x12-322-parser.js';
import type { BenchSuite } from './bench-record.js';

const CTX: ParseContext = {
  inboxId: 'bench',
  receivedAt: '2024-03-01T00:00:00Z',
  sourceOrg: 'bench',
  timeZone: 'America/Los_Angeles',
};
const OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'OOLU', 'TGHU'];

function container(i: number): { owner: string; serial: string; check: string; full: string } {
  const owner = OWNERS[i % OWNERS.length]!;
  const serial = String(i % 1_000_000).padStart(6, '0');
  const check = String(containerCheckDigit(owner + serial));
  return { owner, serial, check, full: owner + serial + check };
}

const isa = (ctrl: string) =>
  `ISA*00*          *00*          *02*MAEU           *ZZ*OPENPCS        *240301*0800*U*00401*${ctrl}*0*P*>~\n`;
const time = (i: number) => `${String(Math.floor(i / 60) % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}`;

function x12(setId: string, group: string, count: number, body: (i: number) => string[]): string {
  const out = [isa('000000001'), `GS*${group}*MAEU*OPENPCS*20240301*0800*1*X*004010~\n`];
  for (let i = 0; i < count; i++) {
    const ctrl = String(i + 1).padStart(4, '0');
    const segs = [`ST*${setId}*${ctrl}`, ...body(i)];
    out.push(segs.map((s) => `${s}~\n`).join(''), `SE*${segs.length + 1}*${ctrl}~\n`);
  }
  out.push(`GE*${count}*1~\n`, 'IEA*1*000000001~\n');
  return out.join('');
}

const STATUS_315 = ['UV', 'AE', 'OA', 'I', 'CT'];
const gen315 = (n: number) =>
  x12('315', 'QO', n, (i) => {
    const c = container(i);
    return [
      `B4***${STATUS_315[i % STATUS_315.length]}*20240301*${time(i)}*WBCT*${c.owner}*${c.serial}*L*45G1*USLAX*UN*${c.check}`,
      `N9*BM*MAEU24${String(i).padStart(7, '0')}`,
      `N9*BN*24${String(i).padStart(7, '0')}`,
      'Q2*9811000*PA*20240220*20240301*20240301****047E***L*EVER GIVEN',
      'R4*L*UN*CNSHA*SHANGHAI*CN',
      'DTM*140*20240215*2130*LT',
      'R4*D*UN*USLAX*LOS ANGELES*US*WEST BASIN CONTAINER TERM',
      'DTM*140*20240301*0545*LT',
    ];
  });

const gen322 = (n: number) =>
  x12('322', 'SO', n, (i) => {
    const a = container(2 * i);
    const b = container(2 * i + 1);
    const n7 = (c: typeof a) => `N7*${c.owner}*${c.serial}*********CN*MAEU******${c.check}****45G1`;
    return [
      `Q5*${i % 2 === 0 ? 'I' : 'AL'}*20240301*${time(i)}*LT**WILMINGTON*CA*US`,
      n7(a),
      'M7*WB123456',
      'R4*5*UN*USLAX*LOS ANGELES*US*WEST BASIN CONTAINER TERMINAL',
      n7(b),
      'R4*5*UN*USLAX*LOS ANGELES*US*WEST BASIN CONTAINER TERMINAL',
    ];
  });

function edifact(type: string, count: number, body: (i: number) => string[]): string {
  const out = ["UNA:+.? '\n", "UNB+UNOC:3+WBCT+OPENPCS+240301:0800+BENCH1'\n"];
  for (let i = 0; i < count; i++) {
    const segs = [`UNH+${i + 1}+${type}`, ...body(i)];
    out.push(segs.map((s) => `${s}'\n`).join(''), `UNT+${segs.length + 1}+${i + 1}'\n`);
  }
  out.push(`UNZ+${count}+BENCH1'\n`);
  return out.join('');
}

const genCodeco = (n: number) =>
  edifact('CODECO:D:95B:UN:ITG14', n, (i) => [
    `BGM+${i % 2 === 0 ? '34' : '36'}+G${i}+9`,
    'NAD+MS+WBCT:160:ZZZ',
    ...[2 * i, 2 * i + 1].flatMap((k) => [
      `EQD+CN+${container(k).full}+45G1:102:5++2+5`,
      `RFF+BN:BKG${k}`,
      `DTM+7:20240301${time(k)}:203`,
      'LOC+165+USLAX:139:6+WBCT:TER:306',
      'SEL+WB123456+CA',
      'TDT+1++3+31++++:146::7ABC123',
    ]),
    'CNT+16:2',
  ]);

const genCoarri = (n: number) =>
  edifact('COARRI:D:95B:UN:ITG12', n, (i) => [
    `BGM+${i % 2 === 0 ? '98' : '270'}+C${i}+9`,
    'DTM+137:202403010800:203',
    'TDT+20+047E+1+13+EGLV:172:20+++9811000:146:11:EVER GIVEN',
    'LOC+165+USLGB:139:6+LBCT:TER:306',
    ...[2 * i, 2 * i + 1].flatMap((k) => [
      `EQD+CN+${container(k).full}+45G1:102:5++3+5`,
      `RFF+BM:MAEU${k}`,
      `DTM+203:20240301${time(k)}:203`,
      `LOC+147+0${String(k % 99).padStart(2, '0')}0284::5`,
      'LOC+9+CNSHA:139:6',
      'LOC+11+USLGB:139:6',
      'MEA+AAE+VGM+KGM:24500',
    ]),
    'CNT+16:2',
  ]);

const genIftsta = (n: number) =>
  edifact('IFTSTA:D:99B:UN', n, (i) => [
    `BGM+23+S${i}+9`,
    'DTM+137:202403010800:203',
    `CNI+1+MAEU24${String(i).padStart(7, '0')}`,
    'STS+1+UV',
    `DTM+334:20240301${time(i)}:203`,
    'LOC+175+USLAX:139:6+WBCT:TER:306',
    'TDT+20+047E+1++MAEU:172:20+++9811000:146:11:EVER GIVEN',
    `EQD+CN+${container(i).full}+45G1:102:5+++5`,
    'STS+1+CT',
    `DTM+334:20240302${time(i)}:203`,
    'LOC+175+USLAX:139:6',
    `EQD+CN+${container(i).full}`,
  ]);

const genBaplie = (n: number) =>
  edifact('BAPLIE:D:95B:UN:SMDG21', n, (i) => [
    `BGM++BP${i}+9`,
    'DTM+137:202402150200:203',
    'TDT+20+047E+++EGLV:172:20+++9811000:146:11:EVER GIVEN',
    'LOC+5+CNSHA:139:6',
    'LOC+61+USLAX:139:6',
    'DTM+132:202403010545:203',
    ...Array.from({ length: 40 }, (_, k) => [
      `LOC+147+0${String(k).padStart(2, '0')}0284::5`,
      'MEA+VGM++KGM:24500',
      'LOC+9+CNSHA:139:6',
      `LOC+11+${k % 4 === 0 ? 'USOAK' : 'USLAX'}:139:6`,
      `EQD+CN+${container(i * 40 + k).full}+45G1+++5`,
      'NAD+CA+EGLV:172:20',
    ]).flat(),
  ]);

const CASES: [string, MessageParser, (n: number) => string, number][] = [
  ['x12-315', x12315Parser, gen315, 500],
  ['x12-322', x12322Parser, gen322, 500],
  ['edifact-codeco', edifactCodecoParser, genCodeco, 500],
  ['edifact-coarri', edifactCoarriParser, genCoarri, 500],
  ['edifact-iftsta', edifactIftstaParser, genIftsta, 500],
  ['edifact-baplie', edifactBaplieParser, genBaplie, 50],
];

const suite: BenchSuite = async (emit, { quick }) => {
  const budgetMs = quick ? 300 : 2000;
  for (const [format, parser, generate, messages] of CASES) {
    const bytes = new TextEncoder().encode(generate(messages));
    const warm = parser.parse(bytes, CTX); // warm-up, and a sanity check that the input is realistic
    if (warm.rejected.length > 0 || warm.events.length === 0) {
      throw new Error(`${format}: generated input rejected: ${JSON.stringify(warm.rejected.slice(0, 3))}`);
    }
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < budgetMs) {
      parser.parse(bytes, CTX);
      runs++;
    }
    const seconds = (performance.now() - start) / 1000;
    emit({
      bench: `parse.${format}`,
      unit: 'messages/s',
      value: Math.round((runs * messages) / seconds),
      eventsPerMessage: Math.round((warm.events.length / messages) * 100) / 100,
      inputBytes: bytes.length,
      messagesPerInput: messages,
      runs,
      engine: `node ${process.version}`,
    });
    await Promise.resolve();
  }
};

export default suite;
