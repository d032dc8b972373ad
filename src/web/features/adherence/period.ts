// Day arithmetic for adherence periods. Days are plain 'YYYY-MM-DD' strings, as the patient logged
// them; the arithmetic runs in UTC so a day never shifts with the browser's time zone or DST.

/** The periods the practitioner can pick, in days ending today. */
export const periods = [7, 14, 28, 90] as const;
export type PeriodDays = (typeof periods)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Whether a value (e.g. from the address bar) is one of the offered periods. */
export const isPeriod = (value: unknown): value is PeriodDays =>
  periods.some((days) => String(days) === String(value));

/** Today in the browser's own calendar: the day the practitioner calls "today". */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The day `n` days after `day` (before, for negative `n`). */
export const addDays = (day: string, n: number): string => dayOf(dayNumber(day) + n);

/** Whole days from `from` to `to` (0 on the same day, negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The `days` days ending with `today`, both ends included, as the API's `from` and `to`. */
export function periodEnding(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, -(Math.max(1, days) - 1)), to: today };
}
