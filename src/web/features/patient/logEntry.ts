import type { OutboxEntry } from './outboxStore.js';
import type { PatientProgramItem } from './types.js';
import { newEntryId } from './useNetwork.js';

/** What the person reports for one session of an exercise. */
export interface LoggedValues {
  setsDone: number | null;
  repsDone: number | null;
  holdSeconds: number | null;
  painLevel: number | null;
  comment: string | null;
}

/** A new outbox entry for one session of an exercise on a day, with its own clientEntryId. */
export function newLog(item: PatientProgramItem, date: string, values: LoggedValues): OutboxEntry {
  const comment = values.comment?.trim() ? values.comment.trim() : null;
  return {
    clientEntryId: newEntryId(),
    programItemId: item.id,
    date,
    ...values,
    comment,
    title: item.exercise.title,
    loggedAt: new Date().toISOString(),
    state: 'pending',
  };
}

/** "Done all": the session exactly as prescribed, in one tap. */
export function doneAsPrescribed(item: PatientProgramItem, date: string): OutboxEntry {
  return newLog(item, date, {
    setsDone: item.sets,
    repsDone: item.reps,
    holdSeconds: item.holdSeconds,
    painLevel: null,
    comment: null,
  });
}
