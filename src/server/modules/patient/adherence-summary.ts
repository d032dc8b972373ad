// Adherence against the prescription, from decrypted entries: pure, so every rule is unit-tested.

export interface PrescribedItem {
  id: string;
  exerciseId: string;
  /** Program items always carry both; null (library defaults) counts as once a day, every day. */
  timesPerDay: number | null;
  daysPerWeek: number | null;
}

export interface LoggedEntry {
  programItemId: string;
  performedOn: string;
  painLevel: number | null;
}

export interface AdherenceSummary {
  from: string;
  to: string;
  /** Sessions the prescription asks for over the period, across exercises. */
  prescribed: number;
  /** Sessions logged, counting no exercise beyond its own prescription. */
  done: number;
  /** done / prescribed as a whole percent; null when nothing was prescribed. */
  percent: number | null;
  activeDays: number;
  /** Days the prescription expected activity on and none was logged. */
  missedDays: number;
  /** Days in a row with a log, up to the last day (or the day before, when that has none yet). */
  currentStreak: number;
  longestStreak: number;
  lastActivity: string | null;
  painTrend: { date: string; average: number; max: number }[];
  perExercise: {
    programItemId: string;
    exerciseId: string;
    prescribed: number;
    done: number;
    percent: number | null;
    lastDone: string | null;
    averagePain: number | null;
  }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const percentOf = (done: number, prescribed: number) =>
  prescribed === 0 ? null : Math.round((100 * done) / prescribed);
const mean = (values: number[]) =>
  values.length === 0 ? null : Math.round((10 * values.reduce((a, b) => a + b, 0)) / values.length) / 10;

/** Days between two dates, both included. */
export const daysIn = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

export function summarise(
  items: PrescribedItem[],
  entries: LoggedEntry[],
  period: { from: string; to: string },
): AdherenceSummary {
  const days = Math.max(0, daysIn(period.from, period.to));
  const inPeriod = entries.filter(
    (entry) => entry.performedOn >= period.from && entry.performedOn <= period.to,
  );

  const perExercise = items.map((item) => {
    const own = inPeriod.filter((entry) => entry.programItemId === item.id);
    const prescribed = Math.round(((item.timesPerDay ?? 1) * (item.daysPerWeek ?? 7) * days) / 7);
    const done = Math.min(own.length, prescribed);
    const pains = own.flatMap((entry) => (entry.painLevel === null ? [] : [entry.painLevel]));
    return {
      programItemId: item.id,
      exerciseId: item.exerciseId,
      prescribed,
      done,
      percent: percentOf(done, prescribed),
      lastDone: own.reduce<string | null>(
        (last, e) => (last && last > e.performedOn ? last : e.performedOn),
        null,
      ),
      averagePain: mean(pains),
    };
  });
  const prescribed = perExercise.reduce((sum, row) => sum + row.prescribed, 0);
  const done = perExercise.reduce((sum, row) => sum + row.done, 0);

  const active = new Set(inPeriod.map((entry) => dayNumber(entry.performedOn)));
  const mostDaysPerWeek = Math.max(0, ...items.map((item) => item.daysPerWeek ?? 7));
  const expectedActiveDays = Math.round((days * mostDaysPerWeek) / 7);

  const first = dayNumber(period.from);
  const last = dayNumber(period.to);
  let longestStreak = 0;
  let run = 0;
  for (let day = first; day <= last; day++) {
    run = active.has(day) ? run + 1 : 0;
    longestStreak = Math.max(longestStreak, run);
  }
  let currentStreak = 0;
  for (let day = active.has(last) ? last : last - 1; day >= first && active.has(day); day--) currentStreak++;

  const painByDay = new Map<string, number[]>();
  for (const entry of inPeriod) {
    if (entry.painLevel === null) continue;
    painByDay.set(entry.performedOn, [...(painByDay.get(entry.performedOn) ?? []), entry.painLevel]);
  }
  const painTrend = [...painByDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, pains]) => ({ date, average: mean(pains) ?? 0, max: Math.max(...pains) }));

  const lastActive = active.size === 0 ? null : dateOf(Math.max(...active));
  return {
    ...period,
    prescribed,
    done,
    percent: percentOf(done, prescribed),
    activeDays: active.size,
    missedDays: Math.max(0, expectedActiveDays - active.size),
    currentStreak,
    longestStreak,
    lastActivity: lastActive,
    painTrend,
    perExercise,
  };
}
