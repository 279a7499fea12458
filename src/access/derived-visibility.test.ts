/**
 * The derived-event rule against the one visibility rule: for every combination of sources, a reader sees the
 * derived audience exactly when it sees every source (anonymous callers, members, owners, those who see all).
 */
import { describe, expect, it } from 'vitest';
import { VISIBILITIES } from '../domain/canonical-event.js';
import { derivedAudience, narrowestVisibility, type DerivedAudience } from './derived-visibility.js';
import { seesRow } from './visibility-filter.js';

const READERS = [
  { all: false, member: false, orgId: '' },
  { all: false, member: true, orgId: 'a' },
  { all: false, member: true, orgId: 'b' },
  { all: false, member: true, orgId: 'c' },
  { all: true, member: true, orgId: 'port-authority' },
] as const;
const OWNERS = [['a'], ['b'], ['a', 'b']] as const;
const ONE: DerivedAudience[] = VISIBILITIES.flatMap((visibility) =>
  OWNERS.map((ownerOrgs) => ({ visibility, ownerOrgs })),
);

describe('narrowestVisibility', () => {
  it('should take the narrowest, and private when there is nothing', () => {
    expect(narrowestVisibility(['public', 'community', 'public'])).toBe('community');
    expect(narrowestVisibility(['public', 'private'])).toBe('private');
    expect(narrowestVisibility(['public'])).toBe('public');
    expect(narrowestVisibility([])).toBe('private');
  });
});

describe('derivedAudience', () => {
  it('should let a reader see the derived event exactly when it sees every source', () => {
    const cases = [...ONE.map((s) => [s]), ...ONE.flatMap((s) => ONE.map((t) => [s, t]))];
    for (const sources of cases) {
      const derived = derivedAudience(sources);
      for (const reader of READERS) {
        expect(seesRow(reader, derived), JSON.stringify({ sources, reader, derived })).toBe(
          sources.every((s) => seesRow(reader, s)),
        );
      }
    }
  });

  it('should keep the audience of sources that share one', () => {
    const audience = { visibility: 'community', ownerOrgs: ['a', 'b'] } as const;
    expect(derivedAudience([audience, audience])).toEqual(audience);
  });
});
