/**
 * Every cargo message of a simulated day parses through the product's own parsers (src/ingest/default-parsers.ts,
 * the registry `POST /ingest/{format}` uses) with zero rejections, and each box move becomes the canonical
 * event the standard names: DCSA T&T 2.2 equipment codes DISC/LOAD/GTIN/GTOT, SMDG COARRI BGM 98/270, SMDG
 * CODECO BGM 34/36, X12 322 Q5 AL/UR (ramp activity).
 */
import { describe, expect, it } from 'vitest';
import { payloadFields, type NewCanonicalEvent } from '../../src/domain/canonical-event.js';
import { defaultParsers } from '../../src/ingest/default-parsers.js';
import { cargoMessageSource, CARGO_FORMATS } from '../../src/sim/cargo/cargo-message-source.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import type { SimMessage } from '../../src/sim/sim-message.js';
import { simulate } from '../../src/sim/simulate.js';
import { parseSimMessage } from '../support/parser-under-test.js';

const HOUR = 3_600_000;

function simulatedDay(): { messages: SimMessage[]; startMs: number; endMs: number } {
  const parsed = parseScenario({ seed: 7, days: 1, start: '2018-03-06T08:00:00Z' });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const run = simulate(parsed.scenario, loadSimInputs());
  const source = cargoMessageSource(run);
  const messages: SimMessage[] = [];
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    messages.push(...source.messagesIn(t, t + HOUR));
  }
  return { messages, startMs: parsed.scenario.startMs, endMs: parsed.scenario.endMs };
}

interface Parsed {
  readonly rejected: string[];
  readonly byCode: Map<string, number>;
  readonly events: (NewCanonicalEvent & { readonly format: string })[];
}

/** Every message through the registry's parser for its format, as `POST /ingest/{format}` runs it. */
function parseAll(messages: readonly SimMessage[]): Parsed {
  const registry = defaultParsers();
  const rejected: string[] = [];
  const byCode = new Map<string, number>();
  const events: Parsed['events'] = [];
  for (const [i, m] of messages.entries()) {
    const parser = registry.get(m.format);
    if (!parser) throw new Error(`no parser for ${m.format}`);
    const result = parseSimMessage(parser, m, i);
    for (const r of result.rejected) rejected.push(`${m.format} from ${m.party.code}: ${r.code} ${r.message}`);
    if (result.events.length === 0) rejected.push(`${m.format} from ${m.party.code}: no events`);
    for (const e of result.events) {
      byCode.set(e.eventTypeCode, (byCode.get(e.eventTypeCode) ?? 0) + 1);
      events.push({ ...e, format: m.format });
    }
  }
  return { rejected: rejected.slice(0, 20), byCode, events };
}

describe('simulated cargo messages through the product parsers', () => {
  const day = simulatedDay();
  const parsed = parseAll(day.messages);

  it('should produce thousands of messages a day, in time order, in every cargo format', () => {
    expect(day.messages.length).toBeGreaterThan(1_000);
    expect(day.messages.length).toBeLessThan(20_000);
    for (let i = 1; i < day.messages.length; i++) {
      expect(day.messages[i]!.atMs).toBeGreaterThanOrEqual(day.messages[i - 1]!.atMs);
    }
    expect(day.messages.every((m) => m.atMs >= day.startMs && m.atMs < day.endMs)).toBe(true);
    expect(new Set(day.messages.map((m) => m.format))).toEqual(new Set(CARGO_FORMATS));
  });

  it('should parse every message with zero rejections', () => {
    const { rejected, byCode } = parsed;
    expect(rejected).toEqual([]);
    for (const code of ['ARRI', 'DEPA', 'DISC', 'LOAD', 'GTIN', 'GTOT', 'HOLD', 'RELS']) {
      expect(byCode.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('should date a move alike in every format that reports it (EDI local times read in the port zone)', () => {
    // The same box move reported by the carrier (DCSA, offset in the text), the terminal (COARRI/CODECO
    // DTM 203: local time to the minute, no zone) and the trucker (CSV with offset) is one minute.
    const seen = new Map<string, Map<string, string>>();
    for (const e of parsed.events) {
      if (!['DISC', 'LOAD', 'GTIN', 'GTOT'].includes(e.eventTypeCode)) continue;
      const box = e.references?.equipmentReference;
      if (!box) continue;
      const key = `${box}|${e.eventTypeCode}`;
      const bySource = seen.get(key) ?? new Map<string, string>();
      bySource.set(e.format, e.eventDateTime);
      seen.set(key, bySource);
    }
    let compared = 0;
    for (const [key, bySource] of seen) {
      if (bySource.size < 2) continue;
      compared++;
      const instants = new Set([...bySource.values()].map((t) => Math.floor(Date.parse(t) / 60_000)));
      expect(instants.size, `${key}: ${JSON.stringify([...bySource])}`).toBe(1);
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it('should never gate a box out while a hold reported on it is open', () => {
    const open = new Map<string, Set<string>>();
    const sorted = [...parsed.events].sort((a, b) => Date.parse(a.eventDateTime) - Date.parse(b.eventDateTime));
    let gateOuts = 0;
    for (const e of sorted) {
      const box = e.references?.equipmentReference;
      if (!box) continue;
      const holdType = payloadFields(e)['holdType'];
      if (e.eventTypeCode === 'HOLD' && typeof holdType === 'string') {
        open.set(box, new Set([...(open.get(box) ?? []), holdType]));
      } else if (e.eventTypeCode === 'RELS' && typeof holdType === 'string') {
        open.get(box)?.delete(holdType);
      } else if (e.eventTypeCode === 'GTOT' && payloadFields(e)['emptyIndicatorCode'] !== 'EMPTY') {
        gateOuts++;
        expect([...(open.get(box) ?? [])], `${box} gated out at ${e.eventDateTime}`).toEqual([]);
      }
    }
    expect(gateOuts).toBeGreaterThan(500);
  });
});
