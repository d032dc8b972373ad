import { randomUUID } from 'node:crypto';
import type { ProgramContent, ProgramItem } from '../../db/schema/programs.js';
import type { Tx } from '../../db/transactions.js';
import { type FieldProblem, validationFailed } from '../../platform/errors.js';
import { type ExerciseSummary, exerciseSummaries } from '../library/library.module.js';
import { findVisibleEducationIds } from './programs.repo.js';
import type { ProgramItemInput } from './programs.schema.js';

export type Language = 'en' | 'de';

/** An exercise as a program shows it, in one language (the library's summary). */
export type ProgramExercise = ExerciseSummary;

/** Items, education and measures as sent (or copied), before the checks against the database. */
export interface ContentDraft {
  items: ProgramItemInput[];
  educationIds: string[];
  outcomeMeasures: string[];
}

/** Checked content, and the items' notes by item id (kept apart: they are encrypted for clients). */
export interface ResolvedContent {
  content: ProgramContent;
  itemNotes: Record<string, string>;
}

export interface ContentRules {
  /** Item ids this program or template has had; an item sent back with one keeps it. */
  knownItemIds: Set<string>;
  /** Exercises already in it: they may stay after being archived, but not be added anew. */
  currentExerciseIds: Set<string>;
  /** The client it is for; null for a template, which may hold no exercise made for one client. */
  clientId: string | null;
}

/** The visible exercises among these ids, each in the language asked for, else English, else any. */
export async function loadExercises(tx: Tx, ids: string[], lang: Language) {
  const summaries = await exerciseSummaries(tx, [...new Set(ids)], lang);
  return new Map(summaries.map((exercise) => [exercise.id, exercise]));
}

/** Checks a draft against what the practice can use and gives each new item its id. */
export async function resolveContent(
  tx: Tx,
  practiceId: string,
  draft: ContentDraft,
  rules: ContentRules,
): Promise<ResolvedContent> {
  const problems: FieldProblem[] = [];
  const exercises = await loadExercises(
    tx,
    draft.items.map((item) => item.exerciseId),
    'en',
  );
  const usedIds = new Set<string>();
  const items: ProgramItem[] = [];
  const itemNotes: Record<string, string> = {};
  draft.items.forEach((item, index) => {
    const at = (field: string, message: string) =>
      problems.push({ field: `items.${index}.${field}`, message });
    if (item.id !== undefined && !rules.knownItemIds.has(item.id))
      at('id', 'This item is not part of the program; leave out its id to add it as a new item.');
    else if (item.id !== undefined && usedIds.has(item.id)) at('id', 'This item appears twice.');
    const exercise = exercises.get(item.exerciseId);
    if (!exercise) at('exerciseId', 'This exercise was not found.');
    else if (exercise.archived && !rules.currentExerciseIds.has(exercise.id))
      at('exerciseId', 'This exercise was archived; choose another one.');
    else if (exercise.featuredClientId !== null && exercise.featuredClientId !== rules.clientId)
      at(
        'exerciseId',
        rules.clientId === null
          ? 'An exercise made for one client cannot go into a template.'
          : 'This exercise was made for another client.',
      );
    const id = item.id ?? randomUUID();
    usedIds.add(id);
    const { notes, id: _sent, ...dosage } = item;
    items.push({ ...dosage, id });
    if (notes) itemNotes[id] = notes;
  });
  const educationIds = [...new Set(draft.educationIds)];
  const visibleEducation = await findVisibleEducationIds(tx, practiceId, educationIds);
  educationIds.forEach((id, index) => {
    if (!visibleEducation.has(id))
      problems.push({ field: `educationIds.${index}`, message: 'This education article was not found.' });
  });
  if (problems.length > 0) throw validationFailed(problems);
  return {
    content: { items, educationIds, outcomeMeasures: [...new Set(draft.outcomeMeasures)] },
    itemNotes,
  };
}

/** A copy of content as a draft with new item ids: the dosage is kept, notes only where given. */
export function draftFrom(content: ProgramContent, notes: Record<string, string> = {}): ContentDraft {
  return {
    items: content.items.map(({ id, ...dosage }) => ({
      ...dosage,
      sets: dosage.sets ?? 1,
      timesPerDay: dosage.timesPerDay ?? 1,
      daysPerWeek: dosage.daysPerWeek ?? 7,
      load: dosage.load ?? null,
      notes: notes[id] ?? null,
    })),
    educationIds: content.educationIds,
    outcomeMeasures: content.outcomeMeasures,
  };
}
