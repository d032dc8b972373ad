// Days are calendar days on the phone ('YYYY-MM-DD'), never UTC instants: an exercise done at 23:30
// belongs to that evening's day wherever the patient is.

const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of an instant, as 'YYYY-MM-DD'. */
export function localDay(at: Date = new Date()): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** A day moved by whole days (calendar arithmetic in UTC, so no daylight-saving surprises). */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The Monday of the week a day falls in (weeks run Monday to Sunday, as the server counts them). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** 'YYYY-MM' of a day. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** The first day of the month before or after ('YYYY-MM' → 'YYYY-MM'). */
export function addMonths(month: string, months: number): string {
  const at = new Date(`${month}-01T00:00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + months);
  return at.toISOString().slice(0, 7);
}

/**
 * The weeks (Monday first) covering a month, for a calendar grid: each week has seven days, and
 * days outside the month are null.
 */
export function monthGrid(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const last = addDays(`${addMonths(month, 1)}-01`, -1);
  const weeks: (string | null)[][] = [];
  for (let start = mondayOf(first); start <= last; start = addDays(start, 7)) {
    weeks.push(
      Array.from({ length: 7 }, (_, index) => {
        const day = addDays(start, index);
        return monthOf(day) === month ? day : null;
      }),
    );
  }
  return weeks;
}

/** The first and last day of a month, for an API period. */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: addDays(`${addMonths(month, 1)}-01`, -1) };
}
