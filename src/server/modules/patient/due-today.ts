// Which exercises are due on a day, from their times per day and days per week. A program says how
// many days a week, not which: an exercise stays due each day until the week's days are done.

export interface Prescription {
  id: string;
  timesPerDay: number | null;
  daysPerWeek: number | null;
}

export interface DayLog {
  programItemId: string;
  performedOn: string;
}

export interface DueToday {
  doneToday: number;
  remainingToday: number;
  /** Days this week (Monday to Sunday) with at least one session of the exercise. */
  daysDoneThisWeek: number;
  due: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Monday of the week a day ('YYYY-MM-DD') falls in. */
export function mondayOf(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  const sinceMonday = (at.getUTCDay() + 6) % 7;
  return new Date(at.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

export function dueToday(item: Prescription, logs: DayLog[], today: string): DueToday {
  const timesPerDay = item.timesPerDay ?? 1;
  const daysPerWeek = item.daysPerWeek ?? 7;
  const weekStart = mondayOf(today);
  const own = logs.filter((log) => log.programItemId === item.id && log.performedOn >= weekStart);
  const doneToday = own.filter((log) => log.performedOn === today).length;
  const earlierDays = new Set(own.filter((log) => log.performedOn < today).map((log) => log.performedOn));
  const daysDoneThisWeek = earlierDays.size + (doneToday > 0 ? 1 : 0);
  const weekHasRoom = earlierDays.size < daysPerWeek;
  const remainingToday = weekHasRoom ? Math.max(0, timesPerDay - doneToday) : 0;
  return { doneToday, remainingToday, daysDoneThisWeek, due: remainingToday > 0 };
}
