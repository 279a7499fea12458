/**
 * A curve given by points `[x, y]` in increasing `x`, read by linear interpolation between neighbours and held flat
 * beyond the ends. One reader for the ship-size tables of the emissions estimate (`emissions/typical-container-ship.ts`)
 * and the simulator's fleet (`sim/vessel-particulars.ts`).
 */
export type PiecewiseLinear = readonly (readonly [number, number])[];

export function interpolate(table: PiecewiseLinear, x: number): number {
  const first = table[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < table.length; i++) {
    const [x1, y1] = table[i]!;
    const [x0, y0] = table[i - 1]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return table[table.length - 1]![1];
}
