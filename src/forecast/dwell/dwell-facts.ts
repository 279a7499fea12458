/**
 * What the import dwell model knows about one container: its terminal, when it was discharged, when it left
 * (out-gate, or loaded on a train; null while in the yard) and its holds. `dwellFactsAt` cuts a history down to
 * what was known at a forecast origin — the only thing a dwell forecast is ever given, so it cannot see the
 * future (dwell-backtest.test.ts proves it). Pure.
 */
export type HoldType = 'CUSTOMS' | 'FREIGHT';

export interface DwellHold {
  readonly type: HoldType;
  readonly placedMs: number;
  /** Null while open. */
  readonly releasedMs: number | null;
}

export interface DwellFact {
  readonly container: string;
  /** SMDG terminal code. */
  readonly terminal: string;
  readonly dischargedMs: number;
  /** Out-gate (or train load); null while in the yard. */
  readonly leftMs: number | null;
  readonly holds: readonly DwellHold[];
}

/**
 * The facts known just before `originMs`, as a frozen copy: boxes discharged before it; a departure, hold or
 * release at or after it is unknown (null / absent).
 */
export function dwellFactsAt(facts: readonly DwellFact[], originMs: number): readonly DwellFact[] {
  const known: DwellFact[] = [];
  for (const f of facts) {
    if (!(f.dischargedMs < originMs)) continue;
    known.push(
      Object.freeze({
        container: f.container,
        terminal: f.terminal,
        dischargedMs: f.dischargedMs,
        leftMs: f.leftMs !== null && f.leftMs < originMs ? f.leftMs : null,
        holds: Object.freeze(
          f.holds
            .filter((h) => h.placedMs < originMs)
            .map((h) =>
              Object.freeze({
                type: h.type,
                placedMs: h.placedMs,
                releasedMs: h.releasedMs !== null && h.releasedMs < originMs ? h.releasedMs : null,
              }),
            ),
        ),
      }),
    );
  }
  return Object.freeze(known);
}

/** Hold class of a box at an instant: which holds are open then. */
export type HoldClass = 'none' | 'customs' | 'freight' | 'customs+freight';
export const HOLD_CLASSES: readonly HoldClass[] = ['none', 'customs', 'freight', 'customs+freight'];

export function holdClassAt(holds: readonly DwellHold[], atMs: number): HoldClass {
  let customs = false;
  let freight = false;
  for (const h of holds) {
    if (h.placedMs > atMs || (h.releasedMs !== null && h.releasedMs <= atMs)) continue;
    if (h.type === 'CUSTOMS') customs = true;
    else freight = true;
  }
  return customs ? (freight ? 'customs+freight' : 'customs') : freight ? 'freight' : 'none';
}
