import type { FieldProblem } from '../../platform/errors.js';
import { type Change, changeFromBaseline, type Score } from './instruments/index.js';
import type { ResolvedMeasure } from './measures.js';
import type { AssignmentRow, ResponseRow } from './outcomes.repo.js';

// Plain rules of the outcomes module: when an assignment is due, and what a response may carry.

const DAY_MS = 24 * 60 * 60 * 1000;

export type Schedule = AssignmentRow['schedule'];

/** The step of a repeating schedule in milliseconds; null for once and at discharge. */
export function stepOf(schedule: Schedule, interval: number | null): number | null {
  if (interval === null) return null;
  if (schedule === 'every_days') return interval * DAY_MS;
  if (schedule === 'every_weeks') return interval * 7 * DAY_MS;
  return null;
}

/** When a new assignment is first due: at its start, except "at discharge", which waits for it. */
export const firstDueAt = (schedule: Schedule, startsAt: Date): Date | null =>
  schedule === 'at_discharge' ? null : startsAt;

/**
 * When an assignment is next due after it was answered at `answeredAt`: never again for once and at
 * discharge; otherwise the first slot of its schedule (start + k steps) after the answer, so a late
 * answer does not leave a backlog and an early one (in clinic) counts for the slot it stands in for.
 */
export function nextDueAfter(assignment: AssignmentRow, answeredAt: Date): Date | null {
  const step = stepOf(assignment.schedule, assignment.interval);
  if (step === null) return null;
  const start = assignment.startsAt.getTime();
  const elapsed = Math.max(0, answeredAt.getTime() - start);
  return new Date(start + (Math.floor(elapsed / step) + 1) * step);
}

/** Whether the assignment is due at a moment. */
export const isDue = (assignment: AssignmentRow, now: Date) =>
  assignment.endedAt === null && assignment.nextDueAt !== null && assignment.nextDueAt <= now;

/** Activities named for PSFS: one per answer, in order, and only for PSFS. */
export function checkActivities(
  measure: string,
  answers: readonly unknown[],
  activities: readonly string[] | undefined,
): FieldProblem[] {
  if (activities === undefined) return [];
  if (measure !== 'PSFS')
    return [{ field: 'activities', message: 'Only the PSFS names activities; leave them out.' }];
  if (activities.length !== answers.length)
    return [
      {
        field: 'activities',
        message: `Name one activity per rating: ${answers.length} rating(s), ${activities.length} activities.`,
      },
    ];
  return [];
}

// An app can be offline for days; a time far in the past is a wrong clock, one in the future too.
const OLDEST_TAKEN_DAYS = 3650;
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** A clinic's takenAt must lie between ten years ago and now (a few minutes of clock skew allowed). */
export function checkTakenAt(takenAt: Date, now: Date): FieldProblem[] {
  if (takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    return [{ field: 'takenAt', message: 'The time the answers were taken cannot be in the future.' }];
  if (takenAt.getTime() < now.getTime() - OLDEST_TAKEN_DAYS * DAY_MS)
    return [{ field: 'takenAt', message: 'The time the answers were taken is more than ten years ago.' }];
  return [];
}

/** A stored response with its answers and score decrypted. */
export type OpenedResponse = {
  row: ResponseRow;
  answers: (number | null)[];
  activities: string[] | null;
  score: Score;
};

export const hasTotal = (score: Score): score is Score & { total: number } =>
  score.total !== null && Number.isFinite(score.total);

/** Each response's change from the first response (with a total) of the same measure before it. */
export function changesFrom(measure: ResolvedMeasure, opened: OpenedResponse[]): Map<string, Change | null> {
  const baseline = opened.find((response) => hasTotal(response.score));
  return new Map(
    opened.map((response) => [
      response.row.id,
      baseline && baseline !== response && hasTotal(response.score)
        ? changeFromBaseline(measure.definition, baseline.score, response.score)
        : null,
    ]),
  );
}
