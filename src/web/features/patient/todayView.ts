import { mondayOf } from './dates.js';
import type { DueState, PatientProgramItem } from './types.js';

// What is due today, from the server's counts plus the logs still waiting in the outbox. Mirrors the
// server's rule (src/server/modules/patient/due-today.ts): an exercise is due `timesPerDay` times a
// day until its `daysPerWeek` days of the week (Monday to Sunday) are done.

/** A log the server does not have yet (what the outbox holds). */
export interface WaitingLog {
  programItemId: string;
  date: string;
}

export interface TodayItem {
  item: PatientProgramItem;
  state: DueState;
  /** Logs of this exercise for today still waiting to sync. */
  waitingToday: number;
}

/**
 * Each exercise's state on `today`. `answeredFor` is the day the server's counts are for: the same
 * day normally, an earlier one when the program is the offline copy from another day.
 */
export function todayState(
  item: PatientProgramItem,
  answeredFor: string,
  today: string,
  waiting: WaitingLog[],
): DueState & { waitingToday: number } {
  const timesPerDay = item.timesPerDay ?? 1;
  const daysPerWeek = item.daysPerWeek ?? 7;
  const week = mondayOf(today);
  const own = waiting.filter((log) => log.programItemId === item.id && log.date >= week && log.date <= today);
  const waitingToday = own.filter((log) => log.date === today).length;

  // Days of this week before today with a session: the server's, when its answer is for this week...
  const earlierDays = new Set<string>();
  let serverEarlierDays = 0;
  let serverDoneToday = 0;
  if (answeredFor === today) {
    serverDoneToday = item.today.doneToday;
    serverEarlierDays = item.today.daysDoneThisWeek - (item.today.doneToday > 0 ? 1 : 0);
  } else if (answeredFor < today && mondayOf(answeredFor) === week) {
    serverEarlierDays = item.today.daysDoneThisWeek;
    if (item.today.doneToday > 0) earlierDays.add(answeredFor);
  }
  // ...plus waiting logs on other days the server's count cannot include.
  for (const log of own) if (log.date < today && log.date !== answeredFor) earlierDays.add(log.date);
  const earlierCount = serverEarlierDays + [...earlierDays].filter((day) => day !== answeredFor).length;

  const doneToday = serverDoneToday + waitingToday;
  const remainingToday = earlierCount < daysPerWeek ? Math.max(0, timesPerDay - doneToday) : 0;
  return {
    doneToday,
    remainingToday,
    daysDoneThisWeek: earlierCount + (doneToday > 0 ? 1 : 0),
    due: remainingToday > 0,
    waitingToday,
  };
}

/** The program split into what is still due today and the rest, in the practitioner's order. */
export function planToday(
  items: PatientProgramItem[],
  answeredFor: string,
  today: string,
  waiting: WaitingLog[],
): { due: TodayItem[]; rest: TodayItem[] } {
  const all = items.map((item) => {
    const { waitingToday, ...state } = todayState(item, answeredFor, today, waiting);
    return { item, state, waitingToday };
  });
  return { due: all.filter((entry) => entry.state.due), rest: all.filter((entry) => !entry.state.due) };
}
