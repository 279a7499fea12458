/**
 * The rule that governs a container: the terminal's own rule if it has one, else the port-wide (`*`) rule;
 * among those, the one with the latest `effectiveFrom` on or before the trigger's local date. Ties (two
 * rules effective the same day) go to the later `source` in sort order, so the choice never depends on the
 * order rules arrived in.
 */
import type { FreeTimeDirection, FreeTimeRule } from './free-time-rule.js';
import type { LocalDate } from './local-date.js';

export function selectFreeTimeRule(
  rules: readonly FreeTimeRule[],
  unLocationCode: string,
  terminalCode: string | null,
  direction: FreeTimeDirection,
  triggerDate: LocalDate,
): FreeTimeRule | undefined {
  const candidates = rules.filter(
    (r) => r.unLocationCode === unLocationCode && r.direction === direction && r.effectiveFrom <= triggerDate,
  );
  const best = (forTerminal: string): FreeTimeRule | undefined =>
    candidates
      .filter((r) => r.terminalCode === forTerminal)
      .reduce<FreeTimeRule | undefined>((acc, r) => {
        if (!acc) return r;
        if (r.effectiveFrom !== acc.effectiveFrom) return r.effectiveFrom > acc.effectiveFrom ? r : acc;
        return r.source > acc.source ? r : acc;
      }, undefined);
  return (terminalCode ? best(terminalCode) : undefined) ?? best('*');
}
