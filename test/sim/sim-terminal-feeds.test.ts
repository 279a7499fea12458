/**
 * The simulator's terminal feeds (src/sim/cargo/terminal-feeds.ts): appointment slots whose `booked` is the cargo
 * flows' own appointments for that terminal, type and slot as booked by the statement's time; capacity never
 * below it because the slot ledger admits no booking into a full slot (src/sim/cargo/slot-ledger.ts), the truckers
 * taking the next slot with room, and DUAL visits booked in DUAL slots; empty-return receivables that change within a shift; notices; every message parsing with zero
 * rejections; the same messages whatever the windows the run is asked for in.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';
import { parseSimMessage } from '../support/parser-under-test.js';
import { ENGINES } from '../support/engines.js';
import { operatesEveryTerminal, orgWithKey } from '../support/test-keys.js';
import { testPlatform } from '../support/test-platform.js';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import { callEvents } from '../../src/sim/cargo/cargo-events.js';
import { cargoMessageSource } from '../../src/sim/cargo/cargo-message-source.js';
import { allCallCargo } from '../../src/sim/cargo/slot-ledger.js';
import { bookingsOf, TERMINAL_FEED_FORMATS } from '../../src/sim/cargo/terminal-feeds.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import type { SimMessage } from '../../src/sim/sim-message.js';
import { simulate, type SimRun } from '../../src/sim/simulate.js';

const HOUR = 3_600_000;

function run(days: number): SimRun {
  const parsed = parseScenario({ seed: 7, days, start: '2018-03-06T08:00:00Z' });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return simulate(parsed.scenario, loadSimInputs());
}

function feedMessages(r: SimRun, windowHours: number, untilMs = r.scenario.endMs): SimMessage[] {
  const source = cargoMessageSource(r);
  const out: SimMessage[] = [];
  for (let t = r.scenario.startMs; t < untilMs; t += windowHours * HOUR) {
    const to = Math.min(untilMs, t + windowHours * HOUR);
    out.push(
      ...source.messagesIn(t, to).filter((m) => (TERMINAL_FEED_FORMATS as readonly string[]).includes(m.format)),
    );
  }
  return out;
}

const cargo = (r: SimRun) => allCallCargo(r.scenario.seed, r.calls);

/** Every booking of the run's cargo flows, recomputed from the slot ledger in another order than the source's. */
function allBookings(calls: ReturnType<typeof cargo>): Map<string, { from: number; until: number }[]> {
  const out = new Map<string, { from: number; until: number }[]>();
  for (const c of calls) {
    for (const b of bookingsOf(callEvents(c))) {
      const key = `${b.terminal}|${b.type}|${b.slotStartMs}`;
      out.set(key, [...(out.get(key) ?? []), { from: b.bookedMs, until: b.untilMs ?? Infinity }]);
    }
  }
  return out;
}

const rowsOf = (m: SimMessage): Record<string, string>[] => {
  const [header, ...lines] = m.body.trim().split('\n');
  const columns = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i]!, v])));
};

const r = run(3);
const messages = feedMessages(r, 1);

describe('simulated terminal feeds', () => {
  const byFormat = (format: string) => messages.filter((m) => m.format === format);

  it('should state booked slots as the cargo flows booked them, never above capacity, full ones pushing truckers on', () => {
    const calls = cargo(r);
    const bookings = allBookings(calls);
    let rows = 0;
    let booked = 0;
    let full = 0;
    let dual = 0;
    for (const m of byFormat('csv-appointment-slots')) {
      for (const row of rowsOf(m)) {
        rows++;
        const capacity = Number(row['capacity']);
        const b = Number(row['booked']);
        const statedMs = Date.parse(row['stated_at']!);
        const key = `${row['terminal']}|${row['transaction_type']}|${Date.parse(row['slot_start']!)}`;
        const expected = (bookings.get(key) ?? []).filter((b) => b.from <= statedMs && statedMs < b.until).length;
        expect(b, key).toBe(expected);
        expect(b).toBeLessThanOrEqual(capacity);
        expect(Number(row['free'])).toBe(capacity - b);
        if (row['transaction_type'] === 'DUAL') dual += b;
        booked += b;
        if (capacity > 0 && b === capacity) full++;
      }
    }
    expect(rows).toBeGreaterThan(1_000);
    expect(booked).toBeGreaterThan(1_000);
    expect(full).toBeGreaterThan(0);
    expect(dual).toBeGreaterThan(100);
    // Truckers who found their slot full took a later one: their visit moved with the slot.
    const visits = calls.flatMap((c) => [
      ...c.imports.flatMap((b) => (b.leaves.mode === 'truck' ? [b.leaves.visit, b.leaves.emptyReturn] : [])),
      ...c.exports.flatMap((b) => (b.arrived.mode === 'truck' ? [b.arrived.visit] : [])),
    ]);
    const moved = visits.filter((v) => v.movedForCapacity);
    expect(moved.length).toBeGreaterThan(100);
    for (const v of moved) {
      expect(v.slotStartMs).toBeGreaterThan(v.wantedSlotMs);
      expect(v.arriveMs).toBeGreaterThanOrEqual(v.slotStartMs);
    }
    // A DUAL visit drops one box at its in-gate and picks up another at its out-gate.
    const duals = visits.filter((v) => v.move === 'DUAL');
    expect(duals.length).toBeGreaterThan(100);
  }, 600_000);

  it('should change empty-return receivables during a shift as empties come back', () => {
    const series = new Map<string, { at: number; remaining: number; accepting: string }[]>();
    for (const m of byFormat('csv-empty-returns').filter((x) => x.party.role === 'terminal')) {
      for (const row of rowsOf(m)) {
        const key = `${row['location']}|${row['carrier_scac']}|${row['iso_type']}`;
        series.set(key, [
          ...(series.get(key) ?? []),
          {
            at: Date.parse(row['stated_at']!),
            remaining: Number(row['remaining_capacity']),
            accepting: row['accepting']!,
          },
        ]);
      }
    }
    expect(series.size).toBeGreaterThan(20);
    let falls = 0;
    let closes = 0;
    for (const points of series.values()) {
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1]!, points[i]!];
        if (b.at - a.at === HOUR && b.remaining < a.remaining && b.remaining > 0) falls++;
        if (b.at - a.at === HOUR && a.accepting === 'Y' && b.accepting === 'N') closes++;
      }
    }
    expect(falls).toBeGreaterThan(10);
    expect(closes).toBeGreaterThan(0);
  });

  it('should have each carrier state its own empties, for its own SCAC only, sometimes closing what the terminal takes', () => {
    const own = byFormat('csv-empty-returns').filter((m) => m.party.role === 'carrier');
    expect(own.length).toBeGreaterThan(10);
    /** The terminal's newest word per location|carrier|iso before each instant. */
    const terminalWords = byFormat('csv-empty-returns')
      .filter((m) => m.party.role === 'terminal')
      .flatMap((m) => rowsOf(m).map((row) => ({ at: m.atMs, row })));
    let disagreements = 0;
    let closed = 0;
    for (const m of own) {
      for (const row of rowsOf(m)) {
        expect(row['carrier_scac']).toBe(m.party.code);
        expect(row['remaining_capacity']).toBe('');
        if (row['accepting'] !== 'N') continue;
        closed++;
        const key = `${row['location']}|${row['carrier_scac']}|${row['iso_type']}`;
        const before = terminalWords.filter(
          (w) => w.at <= m.atMs && `${w.row['location']}|${w.row['carrier_scac']}|${w.row['iso_type']}` === key,
        );
        if (before.at(-1)?.row['accepting'] === 'Y') disagreements++;
      }
    }
    expect(closed).toBeGreaterThan(0);
    expect(disagreements).toBeGreaterThan(0);
  });

  it('should parse every feed message with zero rejections, with notices among them', () => {
    const registry = defaultParsers();
    const rejected: string[] = [];
    for (const [i, m] of messages.entries()) {
      const result = parseSimMessage(registry.get(m.format)!, m, i);
      for (const x of result.rejected) rejected.push(`${m.format}: ${x.code} ${x.message}`);
      expect(result.events.length).toBeGreaterThan(0);
    }
    expect(rejected.slice(0, 10)).toEqual([]);
    expect(new Set(messages.map((m) => m.format))).toEqual(new Set(TERMINAL_FEED_FORMATS));
  }, 600_000);

  it('should give the same messages whatever windows the run is read in', () => {
    // The first 28 hours in 7-hour windows against the same hours read hour by hour.
    const untilMs = r.scenario.startMs + 28 * HOUR;
    const other = feedMessages(r, 7, untilMs);
    const first = messages.filter((m) => m.atMs < untilMs);
    expect(other.length).toBe(first.length);
    expect(other.map((m) => `${m.atMs}|${m.format}|${m.party.code}|${m.body}`)).toEqual(
      first.map((m) => `${m.atMs}|${m.format}|${m.party.code}|${m.body}`),
    );
  }, 600_000);
});

describe.each(ENGINES)('simulated terminal feeds posted to /ingest on $name', (engine) => {
  // The first messages of each feed, from each kind of sender (terminals, the port authority).
  const picked = TERMINAL_FEED_FORMATS.flatMap((f) => messages.filter((m) => m.format === f).slice(0, 2));
  const authority = messages.find((m) => m.party.role === 'port_authority');
  const carrier = messages.find((m) => m.party.role === 'carrier');
  const sample = [...picked, ...[authority, carrier].filter((m): m is SimMessage => !!m && !picked.includes(m))];
  let platform: Platform;
  let server: Server;
  beforeAll(async () => {
    platform = await testPlatform(engine);
    server = await buildServer({ platform, logLevel: 'silent' });
  }, 180_000);
  afterAll(async () => {
    await server?.shutdown();
    await platform?.close();
  });

  it('should store every feed message of every party whole, with no dead letter', async () => {
    expect(new Set(sample.map((m) => m.format))).toEqual(new Set(TERMINAL_FEED_FORMATS));
    const keys = new Map<string, string>();
    for (const m of sample) {
      const org = m.party.code.toLowerCase();
      let authorization = keys.get(org);
      if (!authorization) {
        keys.set(org, (authorization = (await orgWithKey(platform, org, m.party.role)).authorization));
        if (m.party.role === 'terminal') await operatesEveryTerminal(platform, org);
        // As the simulator's party keys do: a carrier party speaks for its own SCAC.
        if (m.party.role === 'carrier') await platform.carrierScacs.replace(org, [m.party.code], 'test');
      }
      const res = await server.app.inject({
        method: 'POST',
        url: `/ingest/${m.format}`,
        payload: m.body,
        headers: { 'content-type': 'text/csv', authorization },
      });
      expect(res.statusCode, `${m.format} from ${m.party.code}: ${res.body.slice(0, 300)}`).toBe(202);
      expect(res.json<{ rejected: number }>().rejected).toBe(0);
    }
    expect(await platform.deadLetters.list({ status: 'open' })).toEqual([]);
    await platform.projections.catchUpAll();
    const slots = await platform.database.db.selectFrom('appointment_slot').select('visibility').execute();
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((s) => s.visibility))).toEqual(new Set(['community']));
    // The carrier's receivables are stored as its own word, beside the terminal's.
    const words = await platform.database.db
      .selectFrom('event')
      .select(sql<string>`payload->>'statedBy'`.as('statedBy'))
      .where('event_type_code', '=', 'ERCV')
      .execute();
    expect(new Set(words.map((w) => w.statedBy))).toEqual(new Set(['CARRIER', 'LOCATION']));
  }, 600_000);
});
