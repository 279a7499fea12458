/**
 * Cargo pipeline throughput per format (messages/s): inbox → parse → canonical events → event store, through
 * `IngestPipeline.ingest` one message at a time as a sender would post them, on PGlite (on disk) and on
 * PostgreSQL (DATABASE_URL, or the local server if it answers; a scratch database is created and dropped).
 * The projection catch-up of the events those messages produced (container status, truck visits, KPIs…)
 * is timed separately and reported as `cargo-pipeline.<format>.<engine>.projections`.
 * Each message carries 10 containers; every container number has a valid ISO 6346 check digit.
 */
import { InProcessEventBus } from '../src/bus/in-process-event-bus.js';
import { containerCheckDigit } from '../src/domain/identifiers/iso6346.js';
import { defaultParsers } from '../src/ingest/default-parsers.js';
import { IngestPipeline } from '../src/ingest/ingest-pipeline.js';
import { defaultProjections } from '../src/projections/default-projections.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { DeadLetterRepository } from '../src/store/dead-letter-repository.js';
import { EventStore } from '../src/store/event-store.js';
import { InboxRepository } from '../src/store/inbox-repository.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { Database } from '../src/store/open-database.js';
import { onEachEngine } from './bench-stores.js';
import type { BenchSuite, Emit } from './bench-record.js';

const PER_MESSAGE = 10;
const OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'OOLU', 'TGHU'];

function box(n: number): string {
  const owner = OWNERS[n % OWNERS.length]!;
  const serial = String(n % 1_000_000).padStart(6, '0');
  return `${owner}${serial}${containerCheckDigit(owner + serial)}`;
}

/** Local (PST) date-time parts for message m, container k: a minute apart, days apart per message. */
function stamp(m: number, k: number): { ymd: string; hm: string; iso: string } {
  const t = new Date(Date.UTC(2026, 0, 5, 16, 0) + m * 3_600_000 + k * 60_000);
  const ymd = t.toISOString().slice(0, 10).replaceAll('-', '');
  const hm = t.toISOString().slice(11, 16).replace(':', '');
  return { ymd, hm, iso: t.toISOString() };
}

const boxes = (m: number): number[] => Array.from({ length: PER_MESSAGE }, (_, k) => m * PER_MESSAGE + k);

const GENERATORS: Readonly<Record<string, (m: number) => string>> = {
  'dcsa-events': (m) =>
    JSON.stringify(
      boxes(m).map((n, k) => ({
        eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        eventType: 'EQUIPMENT',
        eventCreatedDateTime: stamp(m, k).iso,
        eventClassifierCode: 'ACT',
        eventDateTime: stamp(m, k).iso,
        equipmentEventTypeCode: 'DISC',
        equipmentReference: box(n),
        ISOEquipmentCode: '45G1',
        emptyIndicatorCode: 'LADEN',
        transportCall: {
          transportCallID: `USLAX-WBCT-${m}`,
          exportVoyageNumber: '0021E',
          UNLocationCode: 'USLAX',
          facilityCode: 'WBCT',
          facilityCodeListProvider: 'SMDG',
          facilityTypeCode: 'POTE',
          modeOfTransport: 'VESSEL',
          vessel: { vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK', vesselOperatorCarrierCode: 'MAEU' },
        },
        documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: `MAEU${900000 + n}` }],
      })),
    ),
  'edifact-coarri': (m) => {
    const segs = [
      `UNH+M${m}+COARRI:D:95B:UN:ITG12'`,
      `BGM+98+DIS${m}+9'`,
      `TDT+20+0021E+1+13+MAEU:172:20+++9321483:146:11:EMMA MAERSK'`,
      `LOC+165+USLAX:139:6+WBCT:TER:306'`,
      ...boxes(m).flatMap((n, k) => [
        `EQD+CN+${box(n)}+45G1:102:5++3+5'`,
        `DTM+203:${stamp(m, k).ymd}${stamp(m, k).hm}:203'`,
      ]),
    ];
    return `UNB+UNOA:2+WBCT+OPENPCS+260105:0800+C${m}'\n${segs.join('\n')}\nUNT+${segs.length + 1}+M${m}'\nUNZ+1+C${m}'\n`;
  },
  'edifact-codeco': (m) => {
    const segs = [
      `UNH+M${m}+CODECO:D:95B:UN:ITG14'`,
      `BGM+36+GO${m}+9'`,
      ...boxes(m).flatMap((n, k) => [
        `EQD+CN+${box(n)}+45G1:102:5++3+5'`,
        `DTM+7:${stamp(m + 48, k).ymd}${stamp(m + 48, k).hm}:203'`,
        `LOC+165+USLAX:139:6+WBCT:TER:306'`,
      ]),
    ];
    return `UNB+UNOC:3+WBCT+OPENPCS+260105:0800+G${m}'\n${segs.join('\n')}\nUNT+${segs.length + 1}+M${m}'\nUNZ+1+G${m}'\n`;
  },
  'x12-322': (m) => {
    const st = [
      `ST*322*0001~`,
      `Q5*OA*${stamp(m + 48, 0).ymd}*${stamp(m + 48, 0).hm}*LT~`,
      ...boxes(m).flatMap((n) => {
        const b = box(n);
        return [`N7*${b.slice(0, 4)}*${b.slice(4, 10)}*********CN*MAEU******${b.slice(10)}****45G1~`];
      }),
      `R4*5*UN*USLAX*LOS ANGELES*US*WBCT~`,
    ];
    const ctrl = String(m + 1).padStart(9, '0');
    return [
      `ISA*00*          *00*          *ZZ*WBCT           *ZZ*OPENPCS        *260105*0800*U*00401*${ctrl}*0*P*>~`,
      `GS*SO*WBCT*OPENPCS*20260105*0800*${m + 1}*X*004010~`,
      ...st,
      `SE*${st.length + 1}*0001~`,
      `GE*1*${m + 1}~`,
      `IEA*1*${ctrl}~`,
      '',
    ].join('\n');
  },
  'csv-gate-transactions': (m) =>
    [
      'transaction_id,visit_id,terminal,direction,timestamp,trucking_company_scac,truck_plate,container_number,size_type,empty_full',
      ...boxes(m).flatMap((n, k) => {
        const t = new Date(Date.UTC(2026, 0, 7, 16, 0) + m * 3_600_000 + k * 60_000);
        const out = new Date(t.getTime() + (30 + k) * 60_000);
        const at = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
        return [
          `GI-${n},V-${n},WBCT,IN,${at(t)},SBTL,7ABC${k}00,,,`,
          `GO-${n},V-${n},WBCT,OUT,${at(out)},SBTL,7ABC${k}00,${box(n)},45G1,F`,
        ];
      }),
      '',
    ].join('\n'),
  'csv-holds': (m) =>
    [
      'container_number,hold_type,action,timestamp,authority,terminal',
      ...boxes(m).flatMap((n, k) => [
        `${box(n)},CUSTOMS,HOLD,${stamp(m, k).iso},CBP,WBCT`,
        `${box(n)},CUSTOMS,RELEASE,${new Date(Date.parse(stamp(m, k).iso) + 86_400_000).toISOString()},CBP,WBCT`,
      ]),
      '',
    ].join('\n'),
};

async function benchEngine(emit: Emit, engine: string, database: Database, quick: boolean): Promise<void> {
  await migrateToLatest(database.db);
  const messages = quick ? 30 : 300;
  const bus = new InProcessEventBus();
  const events = new EventStore(database, bus);
  const pipeline = new IngestPipeline({
    db: database.db,
    inbox: new InboxRepository(database.db),
    deadLetters: new DeadLetterRepository(database.db),
    events,
    parsers: defaultParsers(),
    defaultTimeZone: 'America/Los_Angeles',
  });
  const runner = new ProjectionRunner(database.db, events, defaultProjections());
  await runner.catchUpAll();
  for (const [format, generate] of Object.entries(GENERATORS)) {
    const bodies = Array.from({ length: messages }, (_, m) => Buffer.from(generate(m)));
    let appended = 0;
    let rejected = 0;
    const started = process.hrtime.bigint();
    for (const body of bodies) {
      const outcome = await pipeline.ingest({ format, body, channel: 'bench', sourceOrg: 'local' });
      appended += outcome.appended;
      rejected += outcome.deadLetters.length;
    }
    const ingestS = Number(process.hrtime.bigint() - started) / 1e9;
    if (rejected > 0) throw new Error(`cargo-pipeline: ${format} generator produced ${rejected} rejections`);
    const projStarted = process.hrtime.bigint();
    await runner.catchUpAll();
    const projS = Number(process.hrtime.bigint() - projStarted) / 1e9;
    const details = { engine, format, messages, containersPerMessage: PER_MESSAGE, events: appended };
    emit({
      bench: `cargo-pipeline.${format}.${engine}`,
      unit: 'messages/s',
      value: Math.round(messages / ingestS),
      eventsPerSecond: Math.round(appended / ingestS),
      ...details,
    });
    emit({
      bench: `cargo-pipeline.${format}.${engine}.projections`,
      unit: 'messages/s',
      value: Math.round(messages / projS),
      eventsPerSecond: Math.round(appended / projS),
      ...details,
    });
  }
  await pipeline.drain();
  await bus.close();
}

const suite: BenchSuite = async (emit, { quick }) => {
  await onEachEngine('cargo-pipeline', (engine, database) => benchEngine(emit, engine, database, quick));
};

export default suite;
