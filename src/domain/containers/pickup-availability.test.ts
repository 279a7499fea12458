/** Availability for pick-up of a box in the yard: open holds block, else the terminal's newer word, else available. */
import { describe, expect, it } from 'vitest';
import type { LastFreeDayStatement } from '../free-time/stated-last-free-day.js';
import { pickupAvailability } from './pickup-availability.js';

const statement = (statedAt: string, available: boolean, holds: string[] = []): LastFreeDayStatement => ({
  key: `k-${statedAt}`,
  statedAt,
  terminal: 'YUSEN',
  lastFreeDay: null,
  statedBy: 'yti',
  inboxId: '7',
  line: 2,
  available,
  holds,
});
const hold = (holdType: string, placedAt: string, releasedAt: string | null = null) => ({
  holdType,
  placedAt,
  releasedAt,
});

describe('pickupAvailability', () => {
  it('should block on an open hold even when the terminal says available', () => {
    expect(
      pickupAvailability([hold('CUSTOMS', '2026-03-16T10:00:00Z')], statement('2026-03-16T12:00:00Z', true)),
    ).toEqual({ available: false, source: { kind: 'holds', holdsOpen: ['CUSTOMS'] } });
  });

  it("should take the terminal's word when no hold changed after it", () => {
    const released = [hold('CUSTOMS', '2026-03-16T10:00:00Z', '2026-03-16T11:00:00Z')];
    expect(pickupAvailability(released, statement('2026-03-16T12:00:00Z', false, ['FREIGHT']))).toMatchObject({
      available: false,
      source: { kind: 'terminal', statedBy: 'yti', holds: ['FREIGHT'] },
    });
    expect(pickupAvailability([], statement('2026-03-16T12:00:00Z', true))).toMatchObject({
      available: true,
      source: { kind: 'terminal' },
    });
  });

  it("should let a release after the terminal's statement make the box available on the holds' word", () => {
    const released = [hold('CUSTOMS', '2026-03-16T10:00:00Z', '2026-03-16T13:00:00Z')];
    expect(pickupAvailability(released, statement('2026-03-16T12:00:00Z', false, ['CUSTOMS']))).toEqual({
      available: true,
      source: { kind: 'holds', holdsOpen: [] },
    });
  });

  it('should make a discharged box with no hold and no statement available', () => {
    expect(pickupAvailability([], null)).toEqual({ available: true, source: { kind: 'holds', holdsOpen: [] } });
  });
});
