import { describe, expect, it } from 'vitest';
import { etaLines, etaWithInterval, queueLine, type EtaForecastAnswer } from './eta-forecast';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const intervals = (lower80: string, upper80: string) => [
  { level: 0.8, lower: lower80, upper: upper80 },
  { level: 0.95, lower: '2026-03-10T13:00:00.000Z', upper: '2026-03-10T23:00:00.000Z' },
];

const ANSWER: EtaForecastAnswer = {
  callId: '477000001:2026-03-10T12:00',
  status: 'arrived',
  asOf: '2026-03-10T12:40:00.000Z',
  source: 'openpcs ETA model',
  forecast: {
    method: 'track',
    pilotBoardingArea: {
      eta: '2026-03-10T13:21:00.000Z',
      intervals: intervals('2026-03-10T13:14:00.000Z', '2026-03-10T13:33:00.000Z'),
    },
    berth: {
      eta: '2026-03-10T20:42:00.000Z',
      intervals: intervals('2026-03-10T20:35:00.000Z', '2026-03-10T21:02:00.000Z'),
    },
    toPilotNm: 8.4,
    queue: {
      terminal: 'ITS',
      berths: 2,
      occupiedUntil: ['2026-03-10T20:00:00.000Z', '2026-03-10T16:00:00.000Z'],
      shipsAhead: [
        { readyAt: '2026-03-10T11:00:00.000Z', stayH: 30 },
        { readyAt: '2026-03-10T12:00:00.000Z', stayH: 28 },
      ],
      asOf: '2026-03-10T12:39:00.000Z',
    },
    queueWaitH: 6.64,
    terminal: 'ITS',
    schedule: { statedBy: 'evergreen', asOf: '2026-03-10T06:00:00.000Z', speaksForCall: true },
    withOwnEta: {
      pilotBoardingArea: '2026-03-10T13:48:00.000Z',
      berth: '2026-03-10T21:09:00.000Z',
      weight: 0.9,
      pilotIntervals: intervals('2026-03-10T13:40:00.000Z', '2026-03-10T14:00:00.000Z'),
      berthIntervals: intervals('2026-03-10T20:50:00.000Z', '2026-03-10T21:40:00.000Z'),
    },
  },
  reason: null,
  ownEta: { at: '2026-03-10T14:00:00.000Z', reportedAt: '2026-03-10T06:00:00.000Z' },
};

describe('arrival forecast lines', () => {
  it('should say how long the ship waits for a berth, how many ships are ahead and as of when the queue was seen', () => {
    expect(queueLine(ANSWER.forecast!, utc)).toBe(
      'waits ~6.6 h for a berth (2 ships ahead; 2 berths at ITS, 2 occupied until 2026-03-10 20:00 UTC at the ' +
        'latest; as of 2026-03-10 12:39 UTC)',
    );
    const free = {
      ...ANSWER.forecast!,
      queueWaitH: 0,
      queue: { ...ANSWER.forecast!.queue!, shipsAhead: [], occupiedUntil: [] },
    };
    expect(queueLine(free, utc)).toBe(
      'no wait for a berth (0 ships ahead; 2 berths at ITS, none occupied; as of 2026-03-10 12:39 UTC)',
    );
    expect(queueLine({ ...ANSWER.forecast!, queue: null }, utc)).toBeNull();
  });

  it('should give each ETA with its 80% interval, and the blend with the ship’s own ETA with the blend’s interval', () => {
    expect(etaLines(ANSWER, utc)).toEqual([
      ['At the pilot boarding area', '2026-03-10 13:21 UTC (80%: 2026-03-10 13:14 UTC – 2026-03-10 13:33 UTC)'],
      ['At the berth', '2026-03-10 20:42 UTC (80%: 2026-03-10 20:35 UTC – 2026-03-10 21:02 UTC)'],
      ['Berth queue', expect.stringMatching(/^waits ~6\.6 h for a berth \(2 ships ahead;/)],
      ['Schedule', 'stated by evergreen as of 2026-03-10 06:00 UTC'],
      [
        'With the ship’s own ETA',
        'at the berth 2026-03-10 21:09 UTC (80%: 2026-03-10 20:50 UTC – 2026-03-10 21:40 UTC); own ETA ' +
          '2026-03-10 14:00 UTC (reported 2026-03-10 06:00 UTC), weight 90%',
      ],
    ]);
  });

  it('should say when the schedule used was stated by someone who does not speak for the call', () => {
    const schedule = { statedBy: 'intruder', asOf: '2026-03-10T07:00:00.000Z', speaksForCall: false };
    const lines = etaLines({ ...ANSWER, forecast: { ...ANSWER.forecast!, schedule } }, utc);
    expect(lines.find(([label]) => label === 'Schedule')?.[1]).toBe(
      'stated by intruder as of 2026-03-10 07:00 UTC (not the call’s carrier or terminal: no one who speaks for the call stated it)',
    );
  });

  it('should show the time alone, not an invented interval, where the API gives none', () => {
    expect(etaWithInterval('2026-03-10T13:21:00.000Z', [], utc)).toBe('2026-03-10 13:21 UTC');
    expect(etaWithInterval('2026-03-10T13:21:00.000Z', undefined, utc)).toBe('2026-03-10 13:21 UTC');
  });

  it('should say the queue is not modelled, and give the API’s reason when there is no forecast', () => {
    const lines = etaLines(
      { ...ANSWER, forecast: { ...ANSWER.forecast!, queue: null, schedule: null, withOwnEta: null } },
      utc,
    );
    expect(lines.map(([label]) => label)).toEqual(['At the pilot boarding area', 'At the berth', 'Berth queue']);
    expect(lines[2]![1]).toMatch(/^not modelled/);
    const none = { ...ANSWER, forecast: null, reason: 'no AIS position in the last 6 hours and no scheduled arrival' };
    expect(etaLines(none, utc)).toEqual([
      ['No forecast', 'no AIS position in the last 6 hours and no scheduled arrival'],
    ]);
  });
});
