/**
 * Latency of the dwell and turn time forecast routes' readers (issue 16, docs/forecast.md "Dwell and turn time
 * routes"), which fit their model from the read models: `dwell-terminal-read` (`GET /forecasts/dwell?terminal=`)
 * and `turn-time-read` (`GET /forecasts/turn-time?terminal=`), milliseconds per answer (median of 5) with a fit
 * each time (`cache: 'refit'`, a new reader: the first request after start), from the fitted model within its minute
 * (`cache: 'fitted model'`) and the first request of each later minute (`cache: 'first request of a later minute'`:
 * the older model answers while the refit runs in the background; each refit is awaited between samples), on a
 * synthetic read model of a port-sized window: 100,000 import boxes that left in the last 28 days over 12
 * terminals (10% with a customs hold) and 60,000 truck visits in the last 14 days (`--quick`: a fifth of each).
 * Both engines (PostgreSQL when a server answers).
 */
import { DwellReader } from '../src/api/forecasts/dwell-reader.js';
import { TurnTimeReader } from '../src/api/forecasts/turn-time-reader.js';
import { loadTerminalRegistry } from '../src/geo/load-terminal-registry.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { Database } from '../src/store/open-database.js';
import { Prng } from '../src/sim/prng.js';
import type { BenchSuite, Emit } from './bench-record.js';
import { onEachEngine, type BenchEngine } from './bench-stores.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 1_000;

async function fill(database: Database, boxes: number, visits: number, now: number): Promise<string[]> {
  const db = database.db;
  const terminals = loadTerminalRegistry().terminals.map((t) => t.smdgCode);
  const rng = new Prng('forecast-readers-bench');
  for (let from = 0; from < boxes; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(boxes, from + BATCH); i++) {
      const left = now - rng.uniform(0, 28) * DAY;
      const dwellH = 12 + rng.uniform(0, 1) ** 2 * 200;
      const discharged = left - dwellH * HOUR;
      const held = rng.uniform(0, 1) < 0.1;
      rows.push({
        equipment_reference: `BNCH${String(i).padStart(7, '0')}`,
        size_teu: 2,
        direction: 'IMPORT',
        status: 'GATED_OUT',
        holds: JSON.stringify(
          held
            ? [
                {
                  holdType: 'CUSTOMS',
                  placedAt: new Date(discharged).toISOString(),
                  releasedAt: new Date(discharged + dwellH * 0.6 * HOUR).toISOString(),
                },
              ]
            : [],
        ),
        holds_open: [],
        available: false,
        terminal_code: terminals[i % terminals.length]!,
        discharged_at: new Date(discharged),
        gated_out_at: new Date(left),
        carrier_codes: [],
        transport_document_references: [],
        carrier_booking_references: [],
        owner_orgs: [],
        last_event_seq: '1',
      });
    }
    await db.insertInto('container_status').values(rows).execute();
  }
  for (let from = 0; from < visits; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(visits, from + BATCH); i++) {
      const gateIn = now - rng.uniform(0.1, 14) * DAY;
      const turn = 20 + rng.uniform(0, 90);
      rows.push({
        visit_key: `BV${i}`,
        visit_id: `BV${i}`,
        terminal_code: terminals[i % terminals.length]!,
        un_location_code: null,
        trucking_company: null,
        truck_plate: null,
        appointment_id: null,
        appointment_ids: [],
        appointment_status: null,
        slot_start: null,
        slot_end: null,
        gate_in_at: new Date(gateIn),
        gate_out_at: new Date(gateIn + turn * 60_000),
        turn_time_minutes: turn,
        transactions: JSON.stringify([]),
        last_event_seq: '1',
      });
    }
    await db.insertInto('truck_visit').values(rows).execute();
  }
  return terminals;
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Number(times[2]!.toFixed(2));
}

async function benchEngine(emit: Emit, engine: BenchEngine, database: Database, quick: boolean): Promise<void> {
  await migrateToLatest(database.db);
  const boxes = quick ? 20_000 : 100_000;
  const visits = quick ? 12_000 : 60_000;
  const now = new Date();
  const terminals = await fill(database, boxes, visits, now.getTime());
  const registry = loadTerminalRegistry();
  // Cold: a new reader each time, so every answer refits; warm: the same reader within the model's minute.
  const warmDwell = new DwellReader(database.db, registry);
  const warmTurn = new TurnTimeReader(database.db, registry);
  for (const [bench, size, cold, warm, later, idle] of [
    [
      'dwell-terminal-read',
      { boxes },
      () => new DwellReader(database.db, registry).terminal(terminals[0]!, now),
      () => warmDwell.terminal(terminals[0]!, now),
      (at: Date) => warmDwell.terminal(terminals[0]!, at),
      () => warmDwell.refitsIdle(),
    ],
    [
      'turn-time-read',
      { visits },
      () => new TurnTimeReader(database.db, registry).terminal(terminals[0]!, now),
      () => warmTurn.terminal(terminals[0]!, now),
      (at: Date) => warmTurn.terminal(terminals[0]!, at),
      () => warmTurn.refitsIdle(),
    ],
  ] as const) {
    emit({ bench, engine, ...size, cache: 'refit', unit: 'ms per answer (median of 5)', value: await medianMs(cold) });
    await warm();
    emit({
      bench,
      engine,
      ...size,
      cache: 'fitted model',
      unit: 'ms per answer (median of 5)',
      value: await medianMs(warm),
    });
    const times: number[] = [];
    for (let k = 1; k <= 5; k++) {
      const t0 = performance.now();
      await later(new Date(now.getTime() + k * 61_000));
      times.push(performance.now() - t0);
      await idle();
    }
    times.sort((a, b) => a - b);
    emit({
      bench,
      engine,
      ...size,
      cache: 'first request of a later minute',
      unit: 'ms per answer (median of 5)',
      value: Number(times[2]!.toFixed(2)),
    });
  }
}

const suite: BenchSuite = async (emit, { quick }) => {
  await onEachEngine('forecast-readers', (engine, database) => benchEngine(emit, engine, database, quick));
};

export default suite;
