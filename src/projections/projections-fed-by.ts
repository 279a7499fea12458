/**
 * Which read models a change of visibility must rebuild (`PATCH /events/{eventId}`, `PATCH /inbox/{id}`): those
 * that keep a copy of the visibility (`copiesVisibility`) and read events of a changed code (`sources`), and, for
 * a rebuilt projection that appends events of its own (`emits`: the vessel-call detector's arrivals and
 * departures, kept per audience), those that read these in turn. Readers that join `event` follow the change at
 * once and are left alone.
 *
 * @example projectionsFedBy(runner.projections, ['SLOT']) // → [appointment-slots]
 */
import type { Projection } from './projection.js';

/** The projections to rebuild, in the order given (the runner's catch-up order, emitters before their readers). */
export function projectionsFedBy(projections: readonly Projection[], codes: Iterable<string>): Projection[] {
  const reached = new Set<string>(codes);
  const chosen = new Set<Projection>();
  for (let grew = true; grew;) {
    grew = false;
    for (const projection of projections) {
      if (chosen.has(projection) || !projection.copiesVisibility) continue;
      if (!projection.sources.some((code) => reached.has(code))) continue;
      chosen.add(projection);
      for (const code of projection.emits ?? []) reached.add(code);
      grew = true;
    }
  }
  return projections.filter((p) => chosen.has(p));
}
