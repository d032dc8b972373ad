import type { FieldProblem } from '../../../api/client.js';
import type { ReminderSettings, ReminderSettingsBody } from '../types.js';

// The reminders form as plain data, so its rules are tested without a browser. Times are local
// 'HH:MM' strings in the phone's time zone; the server compares them as text, and so do we.

/** The server keeps at most this many reminder times a day. */
export const MAX_REMINDER_TIMES = 6;

/** Quiet hours offered when the person first switches them on: the night. */
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' } as const;

export interface ReminderForm {
  /** One entry per time field, in the order shown; '' for a field not filled in yet. */
  times: string[];
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
}

/** Translation keys (under `reminders.problems`) for what is wrong with a field. */
export type TimeProblem = 'required' | 'invalid' | 'duplicate';

export interface FormProblems {
  times: (TimeProblem | undefined)[];
  quietStart?: TimeProblem;
  quietEnd?: TimeProblem;
  /** Quiet hours that start when they end would silence nothing; the person surely meant something else. */
  quietEmpty?: boolean;
}

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a value is a local time the server accepts (HH:MM, 00:00 to 23:59). */
export const isLocalTime = (value: string): boolean => LOCAL_TIME.test(value);

/** A time input may answer HH:MM:SS (with a `step` below a minute); reminders are per minute. */
export const toMinute = (value: string): string =>
  /^\d\d:\d\d:\d\d/.test(value) ? value.slice(0, 5) : value;

/** The form showing what the server holds. */
export function formOf(settings: ReminderSettings): ReminderForm {
  return {
    times: [...settings.times],
    quietEnabled: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? DEFAULT_QUIET_HOURS.start,
    quietEnd: settings.quietHours?.end ?? DEFAULT_QUIET_HOURS.end,
  };
}

function timeProblem(value: string): TimeProblem | undefined {
  if (value === '') return 'required';
  return isLocalTime(value) ? undefined : 'invalid';
}

/** What is wrong with the form, field by field; `hasProblems` says whether it may be saved. */
export function validateForm(form: ReminderForm): FormProblems {
  const seen = new Set<string>();
  const times = form.times.map((value) => {
    const problem = timeProblem(value);
    if (problem) return problem;
    if (seen.has(value)) return 'duplicate';
    seen.add(value);
    return undefined;
  });
  if (!form.quietEnabled) return { times };
  const quietStart = timeProblem(form.quietStart);
  const quietEnd = timeProblem(form.quietEnd);
  return {
    times,
    ...(quietStart ? { quietStart } : {}),
    ...(quietEnd ? { quietEnd } : {}),
    ...(!quietStart && !quietEnd && form.quietStart === form.quietEnd ? { quietEmpty: true } : {}),
  };
}

/** Whether validateForm found anything to fix. */
export function hasProblems(problems: FormProblems): boolean {
  return (
    problems.times.some((problem) => problem !== undefined) ||
    problems.quietStart !== undefined ||
    problems.quietEnd !== undefined ||
    problems.quietEmpty === true
  );
}

/** The PUT body: the times sorted (as the server stores them), quiet hours only when switched on. */
export function bodyOf(form: ReminderForm, timeZone: string): ReminderSettingsBody {
  return {
    times: [...new Set(form.times)].sort(),
    quietHours: form.quietEnabled ? { start: form.quietStart, end: form.quietEnd } : null,
    timeZone,
  };
}

/** Quiet hours whose end comes before their start run past midnight (22:00 to 07:00). */
export function runsPastMidnight(quiet: { start: string; end: string }): boolean {
  return quiet.end < quiet.start;
}

/**
 * Whether a local minute falls in the quiet hours (start included, end not), the server's rule in
 * reminder-times.ts: such a reminder is never sent, and the form says so beside the time.
 */
export function isInQuietHours(minute: string, quiet: { start: string; end: string } | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  return runsPastMidnight(quiet)
    ? minute >= quiet.start || minute < quiet.end
    : minute >= quiet.start && minute < quiet.end;
}

/** Where a 400's field problem belongs in the form ('times.1' → the second time field). */
export function fieldOfProblem(
  problem: FieldProblem,
): { kind: 'time'; index: number } | { kind: 'quietStart' | 'quietEnd' | 'timeZone' | 'form' } {
  const time = /^times\.(\d+)$/.exec(problem.field);
  if (time) return { kind: 'time', index: Number(time[1]) };
  if (problem.field === 'quietHours.start') return { kind: 'quietStart' };
  if (problem.field === 'quietHours.end') return { kind: 'quietEnd' };
  if (problem.field === 'timeZone') return { kind: 'timeZone' };
  return { kind: 'form' };
}

/** The phone's IANA time zone (Europe/Berlin), or null where the browser does not say. */
export function deviceTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
