/**
 * The audit log keeps every audited read although reads are written in batches, and API key lookups
 * are cached without letting a revoked key through longer than the cache's lifetime.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditLogRepository } from '../../src/store/audit-log-repository.js';
import { KEY_CACHE_TTL_MS, OrganisationRepository } from '../../src/store/organisation-repository.js';
import { ENGINES } from '../support/engines.js';
import { until } from '../support/until.js';

describe.each(ENGINES)('audit log and key lookups on $name', (engine) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should write every queued read, in order, in batches, once closed', async () => {
    const store = await engine.open();
    try {
      const audit = new AuditLogRepository(store.db, { flushIntervalMs: 60_000, maxPending: 40 });
      for (let i = 0; i < 100; i++) {
        audit.recordRead({ orgId: 'maeu', apiKeyId: 'k1', action: 'read', resource: `/containers/${i}` });
      }
      await audit.close();
      const rows = await sql<{ resource: string }>`select resource from audit_log order by id`.execute(store.db);
      expect(rows.rows.map((r) => r.resource)).toEqual(Array.from({ length: 100 }, (_, i) => `/containers/${i}`));
    } finally {
      await store.dispose();
    }
  });

  it('should write a batch that failed again on its own, without waiting for another read', async () => {
    const store = await engine.open();
    try {
      const errors: unknown[] = [];
      const audit = new AuditLogRepository(store.db, { flushIntervalMs: 10, onError: (e) => errors.push(e) });
      // The table is briefly unavailable when the batch is written.
      await sql`alter table audit_log rename to audit_log_away`.execute(store.db);
      audit.recordRead({ orgId: 'maeu', apiKeyId: 'k1', action: 'read', resource: '/containers/MSCU1234566' });
      await until(() => errors.length > 0, 'the failed write');
      await sql`alter table audit_log_away rename to audit_log`.execute(store.db);
      // No read, list or close: the retry timer writes it.
      await until(
        async () =>
          (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(store.db)).rows[0]!.n === 1,
        'the retried write',
      );
      await audit.close();
    } finally {
      await store.dispose();
    }
  });

  it('should show queued reads in the list without waiting for the timer', async () => {
    const store = await engine.open();
    try {
      const audit = new AuditLogRepository(store.db, { flushIntervalMs: 60_000 });
      await audit.record({ orgId: null, apiKeyId: null, action: 'org.create', resource: 'organisation/maeu' });
      audit.recordRead({ orgId: 'maeu', apiKeyId: 'k1', action: 'read', resource: '/v2/events' });
      const listed = await audit.list();
      expect(listed.map((e) => e.action)).toEqual(['read', 'org.create']);
      await audit.close();
    } finally {
      await store.dispose();
    }
  });

  it('should stop a key revoked elsewhere once the lookup cache expires, and at once when revoked here', async () => {
    const store = await engine.open();
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      const here = new OrganisationRepository(store.db);
      const elsewhere = new OrganisationRepository(store.db); // another server process on the same store
      await here.create('maeu', 'Maersk', 'carrier');
      const first = await here.createKey('maeu', ['read'], null);
      expect((await here.authenticate(first.key))?.organisation.id).toBe('maeu');
      // A wrong secret with the right key id is never served from the cache.
      expect(await here.authenticate(`${first.key.slice(0, -4)}AAAA`)).toBeUndefined();
      expect(await elsewhere.revokeKey(first.keyId)).toBe(true);
      vi.setSystemTime(Date.now() + KEY_CACHE_TTL_MS + 1);
      expect(await here.authenticate(first.key)).toBeUndefined();

      const second = await here.createKey('maeu', ['read'], null);
      expect(await here.authenticate(second.key)).toBeDefined();
      expect(await here.revokeKey(second.keyId)).toBe(true);
      expect(await here.authenticate(second.key)).toBeUndefined();
    } finally {
      await store.dispose();
    }
  });
});
