import { LOCAL_OPERATOR } from '../../src/access/access-scope.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  payloadFields,
  type EventProvenance,
  type NewCanonicalEvent,
  type StoredEvent,
} from '../../src/domain/canonical-event.js';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';

const provenance: EventProvenance = {
  source: 'test',
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'private',
};

function gateOut(n: number, container = `CONT${n}`): NewCanonicalEvent {
  return {
    idempotencyKey: `test:${n}`,
    eventType: 'EQUIPMENT',
    eventTypeCode: 'GTOT',
    eventClassifierCode: 'ACT',
    eventDateTime: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    eventCreatedDateTime: '2026-01-01T12:00:00.000Z',
    location: { unLocationCode: 'USLAX', facilityTypeCode: 'GATE' },
    references: { equipmentReference: container, vesselIMONumber: '9321483' },
    payload: { n, note: 'quote " comma , newline \n unicode ✓' },
  };
}

describe.each(ENGINES)('event store on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('should store a batch with positions in input order and read it back field for field', async () => {
    const batch = [gateOut(1), gateOut(2), gateOut(3)];
    const result = await platform.events.append(batch, provenance);
    expect(result.duplicates).toBe(0);
    expect(result.appended.map((e) => e.idempotencyKey)).toEqual(['test:1', 'test:2', 'test:3']);
    const page = await platform.events.read('0', 10, { visibleTo: LOCAL_OPERATOR });
    expect(page.events).toHaveLength(3);
    const first = page.events[0]!;
    expect(first).toMatchObject({
      eventType: 'EQUIPMENT',
      eventTypeCode: 'GTOT',
      eventClassifierCode: 'ACT',
      eventDateTime: '2026-01-01T00:01:00.000Z',
      location: { unLocationCode: 'USLAX', facilityTypeCode: 'GATE' },
      references: { equipmentReference: 'CONT1', vesselIMONumber: '9321483' },
      payload: { n: 1, note: 'quote " comma , newline \n unicode ✓' },
      source: 'test',
      sourceOrg: 'local',
      ownerOrgs: ['local'],
      visibility: 'private',
    });
    expect(first.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(BigInt(page.events[1]!.seq)).toBeGreaterThan(BigInt(first.seq));
  });

  it('should store nothing and report duplicates when the same events are appended again', async () => {
    await platform.events.append([gateOut(1), gateOut(2)], provenance);
    const again = await platform.events.append([gateOut(1), gateOut(2), gateOut(3)], provenance);
    expect(again.appended.map((e) => e.idempotencyKey)).toEqual(['test:3']);
    expect(again.duplicates).toBe(2);
    expect(await platform.events.count()).toBe(3);
  });

  it('should store another sender’s event with the same key as its own and count duplicates per sender', async () => {
    const other: EventProvenance = { ...provenance, sourceOrg: 'other', ownerOrgs: ['other'] };
    await platform.events.append([gateOut(1), gateOut(2)], provenance);
    const theirs = await platform.events.append([gateOut(1), gateOut(2), gateOut(3)], other);
    expect(theirs.duplicates).toBe(0);
    expect(theirs.appended.map((e) => [e.idempotencyKey, e.sourceOrg])).toEqual([
      ['test:1', 'other'],
      ['test:2', 'other'],
      ['test:3', 'other'],
    ]);
    const mineAgain = await platform.events.append([gateOut(1), gateOut(2), gateOut(3)], provenance);
    expect(mineAgain.appended.map((e) => e.idempotencyKey)).toEqual(['test:3']);
    expect(mineAgain.duplicates).toBe(2);
    expect(await platform.events.count()).toBe(6);
  });

  it('should keep one event when a batch repeats the same idempotency key', async () => {
    const result = await platform.events.append([gateOut(7), gateOut(7)], provenance);
    expect(result.appended).toHaveLength(1);
    expect(result.duplicates).toBe(1);
  });

  it('should append a batch all-or-nothing', async () => {
    const broken = { ...gateOut(2), eventClassifierCode: 'XXX' } as unknown as NewCanonicalEvent;
    await expect(platform.events.append([gateOut(1), broken], provenance)).rejects.toThrow();
    expect(await platform.events.count()).toBe(0);
  });

  it('should append a large batch with fields intact, duplicates skipped and input order kept', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => gateOut(i));
    const withRepeats = [...batch.slice(0, 150), gateOut(3), gateOut(5), ...batch.slice(150)];
    const first = await platform.events.append(withRepeats, provenance);
    expect(first.appended.map((e) => e.idempotencyKey)).toEqual(batch.map((e) => e.idempotencyKey));
    expect(first.duplicates).toBe(2);
    const again = await platform.events.append(
      [...batch, ...Array.from({ length: 10 }, (_, i) => gateOut(1000 + i))],
      provenance,
    );
    expect(again.appended.map((e) => payloadFields(e)['n'])).toEqual(Array.from({ length: 10 }, (_, i) => 1000 + i));
    expect(again.duplicates).toBe(300);
    const page = await platform.events.read('0', 1000, { visibleTo: LOCAL_OPERATOR });
    expect(page.events).toHaveLength(310);
    // Read back exactly as appended (CSV quoting of quotes, commas, newlines, unicode in JSON payloads).
    expect(page.events.slice(0, 300)).toEqual(first.appended);
    expect(page.events[7]!.payload).toEqual({ n: 7, note: 'quote " comma , newline \n unicode ✓' });
    expect(page.events[7]!.location).toEqual({ unLocationCode: 'USLAX', facilityTypeCode: 'GATE' });
  });

  it('should page through every event exactly once by cursor, from any position', async () => {
    const all = Array.from({ length: 250 }, (_, i) => gateOut(i));
    await platform.events.append(all.slice(0, 100), provenance);
    await platform.events.append(all.slice(100), provenance);
    const seen: StoredEvent[] = [];
    let after = '0';
    for (;;) {
      const page = await platform.events.read(after, 64, { visibleTo: LOCAL_OPERATOR });
      if (page.events.length === 0) break;
      seen.push(...page.events);
      after = page.lastSeq!;
    }
    expect(seen.map((e) => e.idempotencyKey)).toEqual(all.map((e) => e.idempotencyKey));
    const fromMiddle = await platform.events.read(seen[199]!.seq, 1000, { visibleTo: LOCAL_OPERATOR });
    expect(fromMiddle.events.map((e) => payloadFields(e)['n'])).toEqual(Array.from({ length: 50 }, (_, i) => 200 + i));
  });

  it('should filter by container and by vessel', async () => {
    await platform.events.append(
      [gateOut(1, 'MSCU1234565'), gateOut(2, 'CSQU3054383'), gateOut(3, 'MSCU1234565')],
      provenance,
    );
    const byContainer = await platform.events.read('0', 10, {
      equipmentReference: 'MSCU1234565',
      visibleTo: LOCAL_OPERATOR,
    });
    expect(byContainer.events.map((e) => payloadFields(e)['n'])).toEqual([1, 3]);
    const byVessel = await platform.events.read('0', 10, { vesselIMONumber: '9321483', visibleTo: LOCAL_OPERATOR });
    expect(byVessel.events).toHaveLength(3);
    const none = await platform.events.read('0', 10, { vesselIMONumber: '9811000', visibleTo: LOCAL_OPERATOR });
    expect(none.events).toHaveLength(0);
  });

  it('should notify bus subscribers of appended events only, after commit', async () => {
    const published: string[] = [];
    platform.bus.subscribe((events) => published.push(...events.map((e) => e.idempotencyKey)));
    await platform.events.append([gateOut(1), gateOut(2)], provenance);
    await platform.events.append([gateOut(2), gateOut(3)], provenance);
    expect(published).toEqual(['test:1', 'test:2', 'test:3']);
  });

  it('should keep the cursor gap-free under concurrent appenders', async () => {
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let b = 0; b < 5; b++) {
          await platform.events.append(
            Array.from({ length: 20 }, (_, i) => gateOut(w * 1000 + b * 100 + i)),
            provenance,
          );
        }
      })(),
    );
    await Promise.all(writers);
    const page = await platform.events.read('0', 1000, { visibleTo: LOCAL_OPERATOR });
    expect(page.events).toHaveLength(400);
    expect(new Set(page.events.map((e) => e.idempotencyKey)).size).toBe(400);
  });
});
