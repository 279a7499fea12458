/**
 * A small, deterministic Nelder-Mead simplex minimiser (Nelder & Mead, "A simplex method for function
 * minimization", The Computer Journal 7(4):308-313, 1965; coefficients reflection 1, expansion 2, contraction
 * 0.5, shrink 0.5 as in Lagarias et al., SIAM J. Optim. 9(1):112-147, 1998). Unconstrained: callers map bounded
 * parameters through a logistic transform. Same start, same answer: no randomness.
 */
export interface NelderMeadOptions {
  /** Edge length of the initial simplex around the start point. */
  readonly step?: number;
  readonly maxIterations?: number;
  /** Stop when the spread of function values over the simplex falls below this. */
  readonly tolerance?: number;
}

export interface NelderMeadResult {
  readonly point: readonly number[];
  readonly value: number;
  readonly iterations: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = start.length;
  const step = options.step ?? 1;
  const maxIterations = options.maxIterations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-10;
  const value = (x: readonly number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex: { x: number[]; v: number }[] = [{ x: [...start], v: value(start) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = x[i]! + step;
    simplex.push({ x, v: value(x) });
  }
  const along = (from: readonly number[], to: readonly number[], t: number): number[] =>
    from.map((a, i) => a + t * (to[i]! - a));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n;
    const reflected = along(centroid, worst.x, -1);
    const rv = value(reflected);
    if (rv < best.v) {
      const expanded = along(centroid, worst.x, -2);
      const ev = value(expanded);
      simplex[n] = ev < rv ? { x: expanded, v: ev } : { x: reflected, v: rv };
    } else if (rv < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: rv };
    } else {
      const outside = rv < worst.v;
      const contracted = along(centroid, outside ? reflected : worst.x, 0.5);
      const cv = value(contracted);
      if (cv < (outside ? rv : worst.v)) {
        simplex[n] = { x: contracted, v: cv };
      } else {
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = along(best.x, p.x, 0.5);
          return { x, v: value(x) };
        });
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { point: simplex[0]!.x, value: simplex[0]!.v, iterations };
}
