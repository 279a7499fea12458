/**
 * Who may see an event derived from other events (DESIGN §5): the vessel-call detector's arrivals and departures
 * are derived from AIS positions. A derived event is visible to exactly those who may see every event it was
 * derived from: its visibility is the narrowest of its sources' (`private` < `community` < `public`), and its
 * owners are the sources' owners who see every source. So hiding a source hides what was derived from it from
 * whoever lost sight of the source, and nobody learns from a derived event what its sources would not tell them.
 * A derived event that no longer has sources (the detector, rebuilt from the events as they are now, does not
 * derive it any more) is `private`: only its owners, who own what it was derived from, and those who see all.
 * Pure; `seesRow` (visibility-filter.ts) decides each reader, and `derived-visibility.test.ts` checks this rule
 * against it.
 */
import type { Visibility } from '../domain/canonical-event.js';

/** Source of the arrivals and departures the vessel-call detector derives from AIS positions. */
export const VESSEL_CALL_DETECTOR_SOURCE = 'vessel-call-detector';

/**
 * Sources whose events are derived from others: their visibility follows their sources', so an owner cannot change it
 * (`PATCH /events/{eventId}` answers `PCS_EVENT_DERIVED`); changing the sources' changes theirs.
 */
export const DERIVED_EVENT_SOURCES: readonly string[] = [VESSEL_CALL_DETECTOR_SOURCE];

const WIDTH: Readonly<Record<Visibility, number>> = { private: 0, community: 1, public: 2 };

/** The narrowest of the visibilities; `private` when there are none (nothing vouches for a wider audience). */
export function narrowestVisibility(visibilities: Iterable<Visibility>): Visibility {
  let narrowest: Visibility | null = null;
  for (const v of visibilities) if (narrowest === null || WIDTH[v] < WIDTH[narrowest]) narrowest = v;
  return narrowest ?? 'private';
}

export interface DerivedAudience {
  readonly visibility: Visibility;
  readonly ownerOrgs: readonly string[];
}

/** The audience of an event derived from `sources`: the narrowest visibility, the owners who see every source. */
export function derivedAudience(sources: readonly DerivedAudience[]): DerivedAudience {
  const visibility = narrowestVisibility(sources.map((s) => s.visibility));
  const owners = new Set(sources.flatMap((s) => s.ownerOrgs));
  // An owner sees a source it owns, and any source that is not private (every owner is a member).
  const ownerOrgs = [...owners].filter((org) =>
    sources.every((s) => s.visibility !== 'private' || s.ownerOrgs.includes(org)),
  );
  return { visibility, ownerOrgs };
}
