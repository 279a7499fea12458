import { describe, expect, it } from 'vitest';
import { portTime } from '../format';
import {
  APPROACHING_COLUMNS,
  approachingRows,
  approachingSummary,
  liveJitLines,
  type ApproachingJit,
  type LiveJitAdvice,
} from './live-jit';

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
    expect(lines.get('Arrival at the current speed')).toContain('then 3.3 h at anchor');
    expect(lines.get('CO2 saved')).toBe('1.3 t');
    expect(lines.has('No advice')).toBe(false);
  });

  it('should say how late a ship runs, and give the API’s reason when there is no advice', () => {
    const late = new Map(liveJitLines({ ...BASE, advice: { ...BASE.advice!, lateHours: 1.5 } }));
    expect(late.get('Arrival at the current speed')).toContain('1.5 h late');
    const none = liveJitLines({ ...BASE, berthWindow: null, advice: null, reason: 'no berth window: …' });
    expect(none.at(-1)).toEqual(['No advice', 'no berth window: …']);
  });
});

const LISTING: ApproachingJit = {
  at: '2026-03-10T02:10:00.000Z',
  asOf: '2026-03-10T02:09:00.000Z',
  source: 'openpcs just-in-time advice',
  horizonNm: 200,
  vesselsApproaching: 2,
  vesselsAdvised: 1,
  vesselsInCall: 1,
  truncated: false,
  fuelSavedT: 11.627,
  co2SavedT: 37.277,
  vessels: [
    {
      vessel: { mmsi: '477000031', imo: '9500003', name: 'JIT ONE' },
      callId: null,
      asOf: '2026-03-10T02:09:00.000Z',
      source: 'openpcs just-in-time advice',
      berthWindow: { ...BASE.berthWindow!, basis: 'planned berthing' },
      distanceToPilotNm: 100.068,
      currentSpeedKn: 18,
      advice: { ...BASE.advice!, advisedSpeedKn: 10.628, slowDownAt: '2026-03-10T02:09:00.000Z', co2SavedT: 37.277 },
      reason: null,
    },
    {
      vessel: { mmsi: '477000032', imo: null, name: null },
      callId: null,
      asOf: '2026-03-10T02:09:00.000Z',
      source: 'openpcs just-in-time advice',
      berthWindow: null,
      distanceToPilotNm: 99.6,
      currentSpeedKn: 18,
      advice: null,
      reason: 'no berth window: the vessel schedule states no planned berthing (etb)',
    },
  ],
};

describe('green dashboard: ships approaching with live just-in-time advice', () => {
  it('should show each ship’s distance, speed, window and the advice with when to slow down and what it saves', () => {
    const [one, two] = approachingRows(LISTING);
    const cell = (row: string[] | undefined, column: (typeof APPROACHING_COLUMNS)[number]) =>
      row![APPROACHING_COLUMNS.indexOf(column)];
    expect(cell(one, 'Vessel')).toBe('JIT ONE');
    expect(cell(one, 'Distance to pilots')).toBe('100 nm');
    expect(cell(one, 'Berth window')).toBe(`${portTime('2026-03-10T16:00:00.000Z')} at LBCT (planned berthing)`);
    expect(cell(one, 'Advised speed')).toBe('10.6 kn');
    expect(cell(one, 'Slow down')).toBe(portTime('2026-03-10T02:09:00.000Z'));
    expect(cell(one, 'CO2 saved')).toBe('37.3 t');
    // No advice: the API's reason where the advised speed would be, nothing saved.
    expect(cell(two, 'Vessel')).toBe('MMSI 477000032');
    expect(cell(two, 'Advised speed')).toMatch(/^no berth window/);
    expect(cell(two, 'CO2 saved')).toBe('—');
  });

  it('should total the savings and say how many approaching ships are shown under their call instead', () => {
    const line = approachingSummary(LISTING);
    expect(line).toContain('2 ships approaching within 200 nm, 1 advised');
    expect(line).toContain('37.3 t CO2');
    expect(line).toContain('1 more already in a call');
    expect(approachingSummary({ ...LISTING, vesselsInCall: 0 })).not.toContain('in a call');
    expect(approachingSummary({ ...LISTING, vesselsApproaching: 1 })).toContain('1 ship approaching');
  });
});
