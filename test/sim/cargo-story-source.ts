/**
 * A small message source for the feeder tests, built from real parser fixtures (test/fixtures/cargo-story/, one
 * import box's story, see test/cargo/container-story.test.ts): carrier EGLV (DCSA events), terminal YTI
 * (SMDG YUSEN: EDIFACT COARRI and CODECO), customs broker (holds and releases CSV) and trucker SBTL
 * (appointment and gate transactions CSV), each a party of its own, sent an hour or so apart from `startMs`.
 * It stands in for the cargo flows of src/sim/cargo/ until they exist; the feeder only sees the interface.
 */
import type { SimMessage, SimMessageSource, SimParty } from '../../src/sim/sim-message.js';
import { fixture } from '../support/fixtures.js';

export const CARRIER: SimParty = { code: 'EGLV', name: 'Evergreen Line', role: 'carrier' };
export const TERMINAL: SimParty = { code: 'YUSEN', name: 'Yusen Terminals', role: 'terminal' };
export const BROKER: SimParty = { code: 'HCB', name: 'Harbor Customs Brokerage', role: 'customs_broker' };
export const TRUCKER: SimParty = { code: 'SBTL', name: 'South Bay Truck Lines', role: 'trucker' };

const STORY: readonly [hours: number, party: SimParty, format: string, file: string][] = [
  [0, CARRIER, 'dcsa-events', 'carrier-dcsa-events.json'],
  [1, BROKER, 'csv-holds', 'customs-holds.csv'],
  [2, TERMINAL, 'edifact-coarri', 'terminal-coarri-discharge.edi'],
  [3, BROKER, 'csv-holds', 'customs-releases.csv'],
  [4, TRUCKER, 'csv-truck-appointments', 'trucker-appointment.csv'],
  [5, TERMINAL, 'edifact-codeco', 'terminal-codeco-gate-out.edi'],
  [5.5, TRUCKER, 'csv-gate-transactions', 'trucker-gate-transactions.csv'],
];

export function cargoStorySource(startMs: number): SimMessageSource & { readonly all: readonly SimMessage[] } {
  const all: SimMessage[] = STORY.map(([hours, party, format, file]) => ({
    atMs: startMs + hours * 3_600_000,
    party,
    format,
    body: fixture(`cargo-story/${file}`).toString('utf8'),
  }));
  return {
    all,
    messagesIn: (fromMs, toMs) => all.filter((m) => m.atMs >= fromMs && m.atMs < toMs),
  };
}
