/**
 * One call's berth queue (the ETA model's `BerthQueue`, eta/vessel-eta.ts) cut from the anchorage queue model's
 * input of the whole port (`AnchorageInput`, anchorage-queue.ts): its terminal's berths and expected departures of
 * the moored ships, and the ships of that terminal ahead of it, first come first served by the time each joins the
 * line (`arrivalMs`: anchored since, or expected arrival off the port). The same input feeds
 * `GET /forecasts/anchorage-queue` (live-queue-input.ts), `GET /forecasts/eta/{callId}` (this function) and the ETA
 * backtest (sim/forecast/eta-backtest.ts: this function over the anchorage backtest's input), so the route and the
 * backtest that calibrates its intervals see the queue the same way. Pure.
 */
import type { BerthQueue } from '../eta/vessel-eta.js';
import type { AnchorageInput } from './anchorage-queue.js';

export interface OwnPlace {
  readonly terminal: string;
  /** The call's own ship in `input.ships` (its `id`), left out of the ships ahead; null: not listed there. */
  readonly id: string | null;
  /** When it joins the line: anchored since, else its unhindered arrival at the pilot boarding area. */
  readonly arrivalMs: number;
}

/** The berth queue ahead of a call; null when its terminal's berths are not known (`input.terminals`, `berths`). */
export function berthQueueFor(
  input: AnchorageInput,
  own: OwnPlace,
  berths: (terminal: string) => number | undefined,
): BerthQueue | null {
  const known = input.terminals.find((t) => t.terminal === own.terminal);
  const count = known?.berths ?? berths(own.terminal);
  if (count === undefined) return null;
  const occupied = known?.occupiedUntilMs ?? [];
  const ahead = input.ships
    .filter((s) => s.terminal === own.terminal && (own.id === null || s.id !== own.id) && s.arrivalMs < own.arrivalMs)
    .map((s) => ({ naturalBerthMs: s.readyMs, stayMs: s.stayMs }));
  return { berths: count, occupiedUntilMs: [...occupied], ahead };
}
