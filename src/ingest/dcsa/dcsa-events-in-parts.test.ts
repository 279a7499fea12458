/**
 * A DCSA array body (GET /v2/events, a subscription callback) is mapped element by element in parts (issue 10:
 * "parsing streams"), yet a body that is not JSON anywhere — even in its last element — is still refused whole.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/support/fixtures.js';
import type { ParseContext } from '../message-parser.js';
import { DCSA_EVENTS_PER_PART, dcsaEventsParser } from './dcsa-events-parser.js';

const ctx: ParseContext = { inboxId: 'i', receivedAt: '2024-01-01T00:00:00Z', sourceOrg: 'o', timeZone: 'UTC' };
const page = JSON.parse(fixture('dcsa/events-page.json').toString('utf8')) as Record<string, unknown>[];

/** `n` events of the fixture page with distinct eventIDs. */
function events(n: number): string {
  const out = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ...page[i % page.length]!,
      eventID: `5e51e72c-d872-11ea-811c-${i.toString(16).padStart(12, '0')}`,
    }),
  );
  return `[\n${out.join(',\n')}\n]`;
}
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('dcsa-events in parts', () => {
  it('should hand over at most DCSA_EVENTS_PER_PART events per part, and all of them together', () => {
    const n = 2 * DCSA_EVENTS_PER_PART + 7;
    const parts = [...dcsaEventsParser.parseInParts!(bytes(events(n)), ctx)];
    expect(parts.length).toBe(3);
    expect(parts.every((p) => p.events.length + p.rejected.length <= DCSA_EVENTS_PER_PART)).toBe(true);
    expect(parts.flatMap((p) => p.events)).toHaveLength(n);
    expect(dcsaEventsParser.parse(bytes(events(n)), ctx).events).toHaveLength(n);
  });

  it('should refuse the whole body, no event mapped, when its last element is not JSON', () => {
    const broken = events(DCSA_EVENTS_PER_PART + 1).replace(/\}\n\]$/, '\n]');
    const parts = [...dcsaEventsParser.parseInParts!(bytes(broken), ctx)];
    expect(parts.flatMap((p) => p.events)).toEqual([]);
    expect(parts.flatMap((p) => p.rejected).map((r) => r.code)).toEqual(['PCS_DCSA_NOT_JSON']);
  });
});
