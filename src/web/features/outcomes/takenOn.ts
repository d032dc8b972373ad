const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of a moment, as a date input holds it (YYYY-MM-DD). */
export const localDay = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Whether a chosen day (YYYY-MM-DD) lies after today; the strings compare in date order. */
export const isFutureDay = (day: string, now: Date) => day > localDay(now);

/**
 * The `takenAt` sent for a chosen day: now for today (any later hour would be in the future, which the
 * server refuses), else noon of that day in local time, so the day reads the same in nearby time
 * zones and no earlier moment of it is claimed than the practitioner knows.
 */
export function takenAtFor(day: string, now: Date): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || day === localDay(now)) return now.toISOString();
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12).toISOString();
}
