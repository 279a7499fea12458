import { describe, expect, it } from 'vitest';
import { portTime } from '../format';
import { liveJitLines, type LiveJitAdvice } from './live-jit';

const BASE: LiveJitAdvice = {
  callId: '477000021:2026-03-10T12:00',
  status: 'arrived',
  asOf: '2026-03-10T12:09:00.000Z',
  source: 'openpcs just-in-time advice',
  berthWindow: {
    start: '2026-03-10T16:00:00.000Z',
    terminal: 'LBCT',
    pilotBoardingAreaAt: '2026-03-10T15:40:00.000Z',
  },
  distanceToPilotNm: 3.3,
  currentSpeedKn: 18,
  advice: {
    advisedSpeedKn: 10,
    arrivalAtCurrentSpeed: '2026-03-10T12:20:00.000Z',
    advisedArrival: '2026-03-10T12:29:00.000Z',
    waitAtCurrentSpeedHours: 3.33,
    lateHours: 0,
    fuelSavedT: 0.4,
    co2SavedT: 1.28,
  },
  reason: null,
};

describe('call page live just-in-time advice', () => {
  it('should show the window, the ship’s speed and the advice with what it saves', () => {
    const lines = new Map(liveJitLines(BASE));
    expect(lines.get('Berth window opens')).toBe(`${portTime('2026-03-10T16:00:00.000Z')} at LBCT`);
    expect(lines.get('Current speed')).toBe('18 kn');
    expect(lines.get('Advised speed')).toBe('10 kn');
    expect(lines.get('Arrival at the current speed')).toContain('then 3.33 h at anchor');
    expect(lines.get('CO2 saved')).toBe('1.28 t');
    expect(lines.has('No advice')).toBe(false);
  });

  it('should say how late a ship runs, and give the API’s reason when there is no advice', () => {
    const late = new Map(liveJitLines({ ...BASE, advice: { ...BASE.advice!, lateHours: 1.5 } }));
    expect(late.get('Arrival at the current speed')).toContain('1.5 h late');
    const none = liveJitLines({ ...BASE, berthWindow: null, advice: null, reason: 'no berth window: …' });
    expect(none.at(-1)).toEqual(['No advice', 'no berth window: …']);
  });
});
