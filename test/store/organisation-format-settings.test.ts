/**
 * Organisation settings per format (migration 0012): set/clear semantics, and the ingest path's cached lookup
 * sees a change made by another process within FORMAT_SETTING_CACHE_MS, one made in its own process at once.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_SETTING_CACHE_MS, OrganisationFormatSettings } from '../../src/store/organisation-format-settings.js';
import { OrganisationRepository } from '../../src/store/organisation-repository.js';
import { ENGINES } from '../support/engines.js';

describe.each(ENGINES)('organisation format settings on $name', (engine) => {
  it('should keep omitted fields, clear null ones, and let a cached lookup see another process within its lifetime', async () => {
    const store = await engine.open();
    try {
      await new OrganisationRepository(store.db).create('wbct', 'West Basin', 'terminal');
      let now = 1_000_000;
      const ingestSide = new OrganisationFormatSettings(store.db, () => now);
      const adminSide = new OrganisationFormatSettings(store.db); // another process
      expect(await ingestSide.lookup('wbct', 'edifact-codeco')).toBeUndefined();

      await adminSide.set('wbct', 'edifact-codeco', { timeZone: 'UTC', visibility: 'community', updatedBy: 'pola' });
      await adminSide.set('wbct', 'edifact-codeco', { visibility: null, updatedBy: 'wbct' });
      expect(await adminSide.get('wbct', 'edifact-codeco')).toMatchObject({
        timeZone: 'UTC',
        visibility: null,
        updatedBy: 'wbct',
      });

      expect(await ingestSide.lookup('wbct', 'edifact-codeco')).toBeUndefined(); // still the cached miss
      now += FORMAT_SETTING_CACHE_MS;
      expect(await ingestSide.lookup('wbct', 'edifact-codeco')).toMatchObject({ timeZone: 'UTC' });

      await ingestSide.set('wbct', 'edifact-codeco', { timeZone: 'America/Los_Angeles', updatedBy: 'wbct' });
      expect(await ingestSide.lookup('wbct', 'edifact-codeco')).toMatchObject({ timeZone: 'America/Los_Angeles' });
    } finally {
      await store.dispose();
    }
  });
});
