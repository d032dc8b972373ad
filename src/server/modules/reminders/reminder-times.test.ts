import { describe, expect, it } from 'vitest';
import { isQuiet, isTimeZone, localClock, reminderDue } from './reminder-times.js';

describe('reminder times', () => {
  it('reads the local day and minute in a zone, across summer time', () => {
    expect(localClock(new Date('2026-01-15T06:30:00Z'), 'Europe/Berlin')).toEqual({
      day: '2026-01-15',
      minute: '07:30',
    });
    expect(localClock(new Date('2026-07-15T05:30:00Z'), 'Europe/Berlin').minute).toBe('07:30');
    expect(localClock(new Date('2026-01-15T02:00:00Z'), 'America/New_York')).toEqual({
      day: '2026-01-14',
      minute: '21:00',
    });
  });

  it('knows quiet hours within a day and across midnight', () => {
    expect(isQuiet('13:00', { start: '12:00', end: '14:00' })).toBe(true);
    expect(isQuiet('14:00', { start: '12:00', end: '14:00' })).toBe(false);
    expect(isQuiet('23:30', { start: '22:00', end: '07:00' })).toBe(true);
    expect(isQuiet('06:59', { start: '22:00', end: '07:00' })).toBe(true);
    expect(isQuiet('07:00', { start: '22:00', end: '07:00' })).toBe(false);
    expect(isQuiet('07:00', null)).toBe(false);
  });

  it('finds the reminder of this minute unless it is quiet', () => {
    const settings = { times: ['07:30', '18:00'], timeZone: 'Europe/Berlin', quiet: null };
    expect(reminderDue(new Date('2026-01-15T06:30:20Z'), settings)).toEqual({
      day: '2026-01-15',
      minute: '07:30',
    });
    expect(reminderDue(new Date('2026-01-15T06:31:00Z'), settings)).toBeUndefined();
    const quiet = { ...settings, quiet: { start: '06:00', end: '08:00' } };
    expect(reminderDue(new Date('2026-01-15T06:30:00Z'), quiet)).toBeUndefined();
  });

  it('accepts IANA zones only', () => {
    expect(isTimeZone('Europe/Stockholm')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
