import { describe, expect, it } from 'vitest';
import {
  boardGroup,
  mayBerthAtTerminal,
  callMatches,
  duration,
  isStale,
  lookupReferences,
  mapState,
  MAX_LOOKUP,
  newestAsOf,
  portTime,
  since,
  statusWords,
  withCodes,
  withUnit,
} from './format';
import type { VesselCall } from './api-types';

const CALL: VesselCall = {
  callId: '366998410:2026-12-03T07:00',
  vessel: { mmsi: '366998410', imo: '9321483', name: 'EVER GIVEN', shipType: 71, shipCategory: 'cargo' },
  port: 'USLGB',
  status: 'at_anchor',
  ata: null,
  ataAnchorage: '2026-12-03T07:00:00.000Z',
  anchorage: 'anchorage-b',
  timeAtAnchorMin: null,
  terminal: null,
  terminalSmdgCode: null,
  atb: null,
  atd: null,
  atdPort: null,
  draughtInM: null,
  draughtOutM: null,
  asOf: '2026-12-03T07:00:00.000Z',
};

describe('portal formatting', () => {
  it('should write a measure with its unit, and a missing one as a dash without a unit', () => {
    expect(withUnit(12.5, 'm')).toBe('12.5 m');
    expect(withUnit(0, 'm')).toBe('0 m');
    expect(withUnit(null, 'm')).toBe('—');
  });

  it('should show instants in the port zone with the zone name, and leave a non-instant as it is', () => {
    expect(portTime('2026-12-03T16:20:00Z')).toBe('Dec 3, 08:20 PST');
    expect(portTime('2026-07-01T16:20:00Z')).toBe('Jul 1, 09:20 PDT');
    expect(portTime('not a time')).toBe('not a time');
  });

  it('should write durations in the largest two units and never negative', () => {
    expect(duration(-5_000)).toBe('< 1 min');
    expect(duration(45 * 60_000)).toBe('45 min');
    expect(duration(3 * 3_600_000 + 12 * 60_000)).toBe('3 h 12 min');
    expect(duration(5 * 3_600_000)).toBe('5 h');
    expect(duration(52 * 3_600_000)).toBe('2 d 4 h');
    expect(since(null, 0)).toBe('—');
    expect(since('2026-12-03T00:00:00Z', Date.parse('2026-12-03T01:30:00Z'))).toBe('1 h 30 min');
  });

  it('should colour vessels by state and mark reports older than 15 minutes stale', () => {
    expect(mapState('at_anchor')).toBe('anchor');
    expect(mapState('anchored_outside')).toBe('outside');
    expect(mapState('at_berth')).toBe('berth');
    expect(mapState('underway')).toBe('underway');
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(isStale('2026-12-03T11:50:00Z', now)).toBe(false);
    expect(isStale('2026-12-03T11:40:00Z', now)).toBe(true);
    expect(isStale('garbage', now)).toBe(true);
  });

  it('should put each call status on its board and search names, numbers and places', () => {
    expect(boardGroup({ status: 'arrived' })).toBe('arrivals');
    expect(boardGroup({ status: 'at_anchor' })).toBe('anchor');
    expect(boardGroup({ status: 'at_berth' })).toBe('berth');
    expect(boardGroup({ status: 'left_berth' })).toBe('departures');
    expect(boardGroup({ status: 'departed' })).toBe('departures');
    expect(callMatches(CALL, 'ever')).toBe(true);
    expect(callMatches(CALL, ' 9321483 ')).toBe(true);
    expect(callMatches(CALL, 'ANCHORAGE-B')).toBe(true);
    expect(callMatches(CALL, 'maersk')).toBe(false);
    expect(callMatches(CALL, '')).toBe(true);
  });

  it('should date a board by its newest detection, not by when it was fetched', () => {
    const berthed = { ...CALL, asOf: '2026-12-03T09:30:00.000Z' };
    // Offsets other than Z compare as instants: 10:15+02:00 is 08:15Z, older than the berthing.
    const earlier = { ...CALL, asOf: '2026-12-03T10:15:00+02:00' };
    expect(newestAsOf([CALL, berthed, earlier])).toBe('2026-12-03T09:30:00.000Z');
    expect(newestAsOf([])).toBeNull();
  });

  it('should split a pasted list of numbers, upper-case them, drop repeats and cap the count', () => {
    expect(lookupReferences(' eghu9345670,MSCU1234566;\n\nEGHU9345670  tghu0000001 ')).toEqual({
      references: ['EGHU9345670', 'MSCU1234566', 'TGHU0000001'],
      dropped: 0,
    });
    const many = Array.from({ length: MAX_LOOKUP + 3 }, (_, i) => `BOX${i}`).join(' ');
    expect(lookupReferences(many)).toMatchObject({ dropped: 3 });
    expect(lookupReferences(many).references).toHaveLength(MAX_LOOKUP);
    expect(lookupReferences('   ').references).toEqual([]);
  });

  it('should turn status codes into words', () => {
    expect(statusWords('GATED_OUT')).toBe('Gated out');
    expect(statusWords('AVAILABLE')).toBe('Available');
  });
});

describe('mayBerthAtTerminal', () => {
  const of = (shipType: number | null, shipCategory: string) => ({
    vessel: { ...CALL.vessel, shipType, shipCategory },
  });
  it('should keep cargo ships, tankers, passenger ships and vessels of unknown type among the next arrivals', () => {
    expect(mayBerthAtTerminal(of(71, 'cargo'))).toBe(true);
    expect(mayBerthAtTerminal(of(80, 'tanker'))).toBe(true);
    expect(mayBerthAtTerminal(of(60, 'passenger'))).toBe(true);
    expect(mayBerthAtTerminal(of(null, 'other'))).toBe(true);
    expect(mayBerthAtTerminal(of(0, 'other'))).toBe(true);
  });
  it('should leave out tugs, pilot boats, port tenders and pleasure craft, which make calls in port limits all day', () => {
    expect(mayBerthAtTerminal(of(52, 'tug'))).toBe(false);
    expect(mayBerthAtTerminal(of(50, 'other'))).toBe(false);
    expect(mayBerthAtTerminal(of(53, 'other'))).toBe(false);
    expect(mayBerthAtTerminal(of(37, 'pleasure'))).toBe(false);
  });
});

describe('withCodes', () => {
  it('should put the codes in the name’s own bracket, not a second one', () => {
    expect(withCodes('Long Beach Container Terminal (Pier E)', 'LBCT')).toBe(
      'Long Beach Container Terminal (Pier E, LBCT)',
    );
    expect(withCodes('TraPac Container Terminal', 'TRAP', 'USLAX')).toBe('TraPac Container Terminal (TRAP, USLAX)');
    expect(withCodes('Yusen Terminals (YTI)', null, undefined, '')).toBe('Yusen Terminals (YTI)');
  });
});
