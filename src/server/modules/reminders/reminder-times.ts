// Local times for reminders: which reminder falls in this minute, in the client's own zone.

/** True when the zone is one the runtime knows (an IANA name such as Europe/Berlin). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local day ('YYYY-MM-DD') and minute ('HH:MM') of a moment in a zone. */
export function localClock(at: Date, timeZone: string): { day: string; minute: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minute: `${parts.hour}:${parts.minute}` };
}

/** Whether a local minute lies in quiet hours that may run past midnight (start included, end not). */
export function isQuiet(minute: string, quiet: { start: string; end: string } | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  return quiet.start < quiet.end
    ? minute >= quiet.start && minute < quiet.end
    : minute >= quiet.start || minute < quiet.end;
}

/** The reminder due at this moment, if one of the times is this local minute and it is not quiet. */
export function reminderDue(
  at: Date,
  settings: { times: string[]; timeZone: string; quiet: { start: string; end: string } | null },
): { day: string; minute: string } | undefined {
  const local = localClock(at, settings.timeZone);
  if (!settings.times.includes(local.minute) || isQuiet(local.minute, settings.quiet)) return undefined;
  return local;
}
