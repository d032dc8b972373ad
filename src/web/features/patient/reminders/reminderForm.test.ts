import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  fieldOfProblem,
  formOf,
  hasProblems,
  isInQuietHours,
  type ReminderForm,
  runsPastMidnight,
  toMinute,
  validateForm,
} from './reminderForm.js';

const form = (overrides: Partial<ReminderForm> = {}): ReminderForm => ({
  times: ['08:00'],
  quietEnabled: false,
  quietStart: '22:00',
  quietEnd: '07:00',
  ...overrides,
});

describe('reminders form', () => {
  it('starts from the saved settings, offering night-time quiet hours when none are set', () => {
    expect(formOf({ times: ['07:30'], quietHours: null, timeZone: null, devices: 0 })).toEqual({
      times: ['07:30'],
      quietEnabled: false,
      quietStart: '22:00',
      quietEnd: '07:00',
    });
    expect(
      formOf({
        times: [],
        quietHours: { start: '21:00', end: '06:00' },
        timeZone: 'Europe/Berlin',
        devices: 1,
      }),
    ).toMatchObject({ quietEnabled: true, quietStart: '21:00', quietEnd: '06:00' });
  });

  it('names empty, malformed and repeated times by field', () => {
    const problems = validateForm(form({ times: ['08:00', '', '8:00', '24:00', '08:00'] }));
    expect(problems.times).toEqual([undefined, 'required', 'invalid', 'invalid', 'duplicate']);
    expect(hasProblems(problems)).toBe(true);
  });

  it('checks quiet hours only while they are switched on', () => {
    expect(hasProblems(validateForm(form({ quietStart: '', quietEnd: 'x' })))).toBe(false);
    const on = validateForm(form({ quietEnabled: true, quietStart: '', quietEnd: 'x' }));
    expect(on).toMatchObject({ quietStart: 'required', quietEnd: 'invalid' });
  });

  it('refuses quiet hours that start when they end', () => {
    const problems = validateForm(form({ quietEnabled: true, quietStart: '22:00', quietEnd: '22:00' }));
    expect(problems.quietEmpty).toBe(true);
    expect(hasProblems(problems)).toBe(true);
  });

  it('sends the times sorted, quiet hours only when on, and the phone time zone', () => {
    expect(bodyOf(form({ times: ['19:00', '07:30'] }), 'Europe/Berlin')).toEqual({
      times: ['07:30', '19:00'],
      quietHours: null,
      timeZone: 'Europe/Berlin',
    });
    expect(bodyOf(form({ quietEnabled: true }), 'UTC').quietHours).toEqual({ start: '22:00', end: '07:00' });
  });

  it('knows quiet hours that run past midnight, start included and end excluded', () => {
    const night = { start: '22:00', end: '07:00' };
    expect(runsPastMidnight(night)).toBe(true);
    expect(isInQuietHours('22:00', night)).toBe(true);
    expect(isInQuietHours('03:15', night)).toBe(true);
    expect(isInQuietHours('07:00', night)).toBe(false);
    expect(isInQuietHours('12:00', night)).toBe(false);
    const lunch = { start: '12:00', end: '13:30' };
    expect(runsPastMidnight(lunch)).toBe(false);
    expect(isInQuietHours('12:45', lunch)).toBe(true);
    expect(isInQuietHours('13:30', lunch)).toBe(false);
    expect(isInQuietHours('12:45', null)).toBe(false);
  });

  it('drops seconds some time inputs add', () => {
    expect(toMinute('08:30:00')).toBe('08:30');
    expect(toMinute('08:30')).toBe('08:30');
  });

  it("places the server's field problems beside their fields", () => {
    expect(fieldOfProblem({ field: 'times.1', message: 'x' })).toEqual({ kind: 'time', index: 1 });
    expect(fieldOfProblem({ field: 'quietHours.end', message: 'x' })).toEqual({ kind: 'quietEnd' });
    expect(fieldOfProblem({ field: 'timeZone', message: 'x' })).toEqual({ kind: 'timeZone' });
    expect(fieldOfProblem({ field: 'times', message: 'x' })).toEqual({ kind: 'form' });
  });
});
