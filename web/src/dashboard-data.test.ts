import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysOf,
  hasFigures,
  isStaleAggregate,
  weeksOf,
  lookAheadWeeks,
  portDayInstants,
  portDays,
  toCsv,
  weightedAverage,
} from './dashboard-data';

describe('dashboard figures', () => {
  it('should count a chart as empty when its figures are only zeros and gaps, and labels do not count', () => {
    const columns = ['day', 'terminal', 'gate in', 'gate out'];
    expect(hasFigures({ columns, rows: [] })).toBe(false);
    expect(
      hasFigures({
        columns,
        rows: [
          ['2026-12-01', 'LBCT', 0, null],
          ['2026-12-02', 'YUSEN', null, 0],
        ],
      }),
    ).toBe(false);
    expect(
      hasFigures({
        columns,
        rows: [
          ['2026-12-01', 'LBCT', 0, null],
          ['2026-12-02', 'YUSEN', null, 3],
        ],
      }),
    ).toBe(true);
    expect(hasFigures({ columns, rows: [['2026-12-01', 'LBCT', -0.5, null]] })).toBe(true);
  });

  it('should write CSV with a header, CRLF lines, empty cells for null and quotes only where needed', () => {
    expect(
      toCsv({
        columns: ['a', 'b'],
        rows: [
          ['x,y', null],
          ['say "hi"', 2],
        ],
      }),
    ).toBe('a,b\r\n"x,y",\r\n"say ""hi""",2\r\n');
  });

  it('should weight averages across terminals by their counts and add the moves up', () => {
    expect(
      weightedAverage([
        { avg: 10, count: 1 },
        { avg: 40, count: 3 },
        { avg: null, count: 5 },
      ]),
    ).toBe(32.5);
    expect(weightedAverage([{ avg: 12, count: 0 }])).toBeNull();
    const day = { day: '2026-03-18', exportDwellCount: 0, exportDwellAvgHours: null, gateInMoves: 2, gateOutMoves: 1 };
    expect(
      portDays([
        {
          ...day,
          terminal: 'A',
          importDwellCount: 1,
          importDwellAvgHours: 50,
          truckVisits: 1,
          truckTurnAvgMinutes: 30,
        },
        {
          ...day,
          terminal: 'B',
          importDwellCount: 1,
          importDwellAvgHours: 70,
          truckVisits: 3,
          truckTurnAvgMinutes: 70,
        },
      ]),
    ).toEqual([
      {
        day: '2026-03-18',
        importDwellAvgHours: 60,
        importDwellCount: 2,
        exportDwellAvgHours: null,
        exportDwellCount: 0,
        truckTurnAvgMinutes: 60,
        truckVisits: 4,
        gateInMoves: 4,
        gateOutMoves: 2,
      },
    ]);
  });

  it('should read weekly look-ahead figures when the API gives them and nothing from another shape', () => {
    expect(
      lookAheadWeeks({
        weeks: [{ weekStart: '2026-12-07', teu: 1200, intervals: [{ level: 0.8, lower: 1000, upper: 1400 }] }],
      }),
    ).toEqual([{ weekStart: '2026-12-07', teu: 1200, lower80: 1000, upper80: 1400 }]);
    expect(lookAheadWeeks({ months: [{ month: '2019-01', teu: 1, intervals: [] }] })).toEqual([]);
    expect(lookAheadWeeks(null)).toEqual([]);
  });

  it('should call figures stale only when the period reaches today and the newest is over a day old', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(isStaleAggregate('2026-12-02T12:00:00Z', '2026-12-04', now)).toBe(true);
    expect(isStaleAggregate('2026-12-04T06:00:00Z', '2026-12-04', now)).toBe(false);
    expect(isStaleAggregate('2026-03-18T12:00:00Z', '2026-03-31', now)).toBe(false);
    expect(isStaleAggregate(null, '2026-12-04', now)).toBe(false);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('should lay out every day and every ISO week (Monday) of a period, so days without figures show', () => {
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    // 2026-03-18 is a Wednesday, 2026-03-29 a Sunday.
    expect(weeksOf('2026-03-18', '2026-03-29')).toEqual(['2026-03-16', '2026-03-23']);
    expect(weeksOf('2026-03-16', '2026-03-16')).toEqual(['2026-03-16']);
  });
});

describe('portDayInstants', () => {
  it('should give the API the port-zone start of the first day and the last second of the last, across DST', () => {
    expect(portDayInstants('2026-11-01', '2026-12-04')).toEqual({
      from: '2026-11-01T00:00:00-07:00',
      to: '2026-12-04T23:59:59-08:00',
    });
    expect(portDayInstants('2026-03-08', '2026-03-08')).toEqual({
      from: '2026-03-08T00:00:00-08:00',
      to: '2026-03-08T23:59:59-07:00',
    });
  });
});
