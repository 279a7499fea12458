/**
 * The terminals' shore power sessions (`csv-shore-power`; docs/simulator.md "Shore power"): every container call
 * whose vessel is fitted for shore power (`ContainerCall.shorePower`; every terminal of the registry offers AMP at
 * its berths) is plugged in 45–90 minutes after berthing and unplugged 30–60 minutes before unberthing (cable
 * handling at each end; a call shorter than that stays on its engines). The terminal states each session twice,
 * as a terminal's system would: a row with an empty `disconnected_at` a few minutes after the connection, and the
 * closed session with its metered energy a few minutes after the disconnection. The meter reads the vessel's
 * hotelling auxiliary load (EPA 2022 container defaults by TEU, `emissions/epa-factors.ts`) × the connected hours
 * × a load ±15% (seeded). Pure and deterministic: the same windows in any partition give the same messages.
 */
import { containerEpaDefaults } from '../../emissions/epa-factors.js';
import { SHORE_POWER_COLUMNS, SHORE_POWER_FORMAT } from '../../ingest/csv/cargo/shore-power-parser.js';
import type { ContainerCall } from '../container-call.js';
import { Prng } from '../prng.js';
import type { SimMessage, SimMessageSource } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import { terminalParty } from './cargo-parties.js';
import { csv } from './csv-writer.js';
import { pacificIso } from './pacific-time.js';
import { MINUTE, HOUR } from '../../domain/time-units.js';

/** A connected session of one call, as the simulator's ground truth. */
export interface SimShorePowerSession {
  readonly callId: string;
  readonly connectedMs: number;
  readonly disconnectedMs: number;
  readonly energyKwh: number;
}

/** The session of a call, or null when the vessel is not fitted or the stay is too short to plug in. */
export function shorePowerSession(seed: number, call: ContainerCall): SimShorePowerSession | null {
  if (!call.shorePower) return null;
  const rng = new Prng(`openpcs-sim:${seed}/shore-power/${call.id}`);
  const connectedMs = call.berthedMs + Math.round(rng.uniform(45, 90)) * MINUTE;
  const disconnectedMs = call.unberthMs - Math.round(rng.uniform(30, 60)) * MINUTE;
  if (disconnectedMs - connectedMs < HOUR) return null;
  const auxKw = containerEpaDefaults(call.vessel.teu ?? 1_000).aux.hotelling;
  const hours = (disconnectedMs - connectedMs) / HOUR;
  const energyKwh = Math.round(auxKw * hours * rng.uniform(0.85, 1.15));
  return { callId: call.id, connectedMs, disconnectedMs, energyKwh };
}

function row(call: ContainerCall, s: SimShorePowerSession, closed: boolean, asOfMs: number): string[] {
  return [
    call.terminal,
    call.port,
    String(call.berth),
    call.vessel.imo ?? '',
    String(call.vessel.mmsi).padStart(9, '0'),
    pacificIso(s.connectedMs),
    closed ? pacificIso(s.disconnectedMs) : '',
    closed ? String(s.energyKwh) : '',
    pacificIso(asOfMs),
  ];
}

/** Each session's two statements, from the terminal of the call. */
export function shorePowerSource(run: SimRun): SimMessageSource {
  const seed = run.scenario.seed;
  const messages: SimMessage[] = [];
  for (const call of run.calls) {
    const s = shorePowerSession(seed, call);
    if (s === null) continue;
    const party = terminalParty(call.terminal);
    const openAt = s.connectedMs + 5 * MINUTE;
    const closedAt = s.disconnectedMs + 10 * MINUTE;
    messages.push(
      {
        atMs: openAt,
        party,
        format: SHORE_POWER_FORMAT,
        body: csv(SHORE_POWER_COLUMNS, [row(call, s, false, openAt)]),
      },
      {
        atMs: closedAt,
        party,
        format: SHORE_POWER_FORMAT,
        body: csv(SHORE_POWER_COLUMNS, [row(call, s, true, closedAt)]),
      },
    );
  }
  messages.sort((a, b) => a.atMs - b.atMs || a.body.localeCompare(b.body));
  return {
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      return messages.filter((m) => m.atMs >= fromMs && m.atMs < toMs);
    },
  };
}
