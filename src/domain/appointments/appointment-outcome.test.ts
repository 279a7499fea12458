import { describe, expect, it } from 'vitest';
import { judgeAppointment, summariseOutcomes, type AppointmentFacts } from './appointment-outcome.js';

const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const slot = (gateIns: string[], status = 'BOOKED'): AppointmentFacts => ({
  status,
  slotStartMs: at('08:00'),
  slotEndMs: at('09:00'),
  gateInsMs: gateIns.map(at),
});

describe('appointment outcome', () => {
  it('should call a gate-in inside the slot, or within the grace either side, kept', () => {
    expect(judgeAppointment(slot(['08:20']), at('12:00'))).toMatchObject({ outcome: 'kept', minutesOutsideSlot: 0 });
    expect(judgeAppointment(slot(['07:40']), at('12:00'))).toMatchObject({ outcome: 'kept', minutesOutsideSlot: -20 });
    expect(judgeAppointment(slot(['09:30']), at('12:00'))).toMatchObject({ outcome: 'kept', minutesOutsideSlot: 30 });
  });

  it('should call a gate-in beyond the grace early or late, by the first visit', () => {
    expect(judgeAppointment(slot(['07:10']), at('12:00'))).toMatchObject({ outcome: 'early', minutesOutsideSlot: -50 });
    expect(judgeAppointment(slot(['10:15', '09:45']), at('12:00'))).toMatchObject({
      outcome: 'late',
      minutesOutsideSlot: 45,
    });
    expect(judgeAppointment(slot(['09:45']), at('12:00'), 60).outcome).toBe('kept');
  });

  it('should call no gate-in upcoming before the slot, open until the grace ends, then a no-show', () => {
    expect(judgeAppointment(slot([]), at('07:00')).outcome).toBe('upcoming');
    expect(judgeAppointment(slot([]), at('08:30')).outcome).toBe('open');
    expect(judgeAppointment(slot([]), at('09:30')).outcome).toBe('open');
    expect(judgeAppointment(slot([]), at('09:31')).outcome).toBe('no-show');
  });

  it("should let the terminal's own verdict win", () => {
    expect(judgeAppointment(slot([], 'NO_SHOW'), at('07:00')).outcome).toBe('no-show');
    expect(judgeAppointment(slot(['08:10'], 'CANCELLED'), at('12:00')).outcome).toBe('cancelled');
  });

  it('should rate no-shows over settled appointments and on-time over those that came', () => {
    const summary = summariseOutcomes(['kept', 'kept', 'late', 'no-show', 'upcoming', 'cancelled']);
    expect(summary.appointments).toBe(6);
    expect(summary.byOutcome).toMatchObject({ kept: 2, late: 1, 'no-show': 1, upcoming: 1, cancelled: 1, early: 0 });
    expect(summary.noShowRate).toBe(0.25);
    expect(summary.onTimeRate).toBe(0.667);
    expect(summariseOutcomes(['upcoming'])).toMatchObject({ noShowRate: null, onTimeRate: null });
  });
});
