import type { ExerciseSummary, Side } from '../library/libraryApi.js';
import type { Program, ProgramItem } from './programsApi.js';

export const itemNumbers = [
  'sets',
  'reps',
  'holdSeconds',
  'restSeconds',
  'timesPerDay',
  'daysPerWeek',
] as const;
export type ItemNumber = (typeof itemNumbers)[number];

/** A program item as the builder edits it: numbers as typed, plus what it shows of the exercise. */
export interface DraftItem extends Record<ItemNumber, string> {
  /** Stable within the builder, for React keys and focus; the server's id once saved. */
  key: string;
  /** The server's item id: sent back so adherence entries keep pointing at it. */
  id?: string;
  exerciseId: string;
  title: string | null;
  archived: boolean;
  side: Side | '';
  load: string;
  notes: string;
}

let counter = 0;
const newKey = () => {
  counter += 1;
  return `new-${counter}`;
};

const text = (value: number | null | undefined) => (value == null ? '' : String(value));
const clamp = (value: number | null | undefined, min: number, max: number, fallback: number) =>
  value == null ? fallback : Math.min(max, Math.max(min, value));

/** A new item for an exercise, with the exercise's default dosage fitted to the program's limits. */
export function itemFromExercise(exercise: ExerciseSummary): DraftItem {
  const dosage = exercise.defaultDosage;
  return {
    key: newKey(),
    exerciseId: exercise.id,
    title: exercise.title,
    archived: exercise.archived,
    sets: String(clamp(dosage.sets, 1, 20, 3)),
    reps: dosage.reps == null ? '10' : String(clamp(dosage.reps, 1, 100, 10)),
    holdSeconds: dosage.holdSeconds == null ? '' : String(clamp(dosage.holdSeconds, 0, 600, 0)),
    restSeconds: dosage.restSeconds == null ? '' : String(clamp(dosage.restSeconds, 0, 600, 0)),
    timesPerDay: String(clamp(dosage.timesPerDay, 1, 10, 1)),
    daysPerWeek: String(clamp(dosage.daysPerWeek, 1, 7, 7)),
    side: dosage.side ?? '',
    load: dosage.load ?? '',
    notes: '',
  };
}

/** The builder's items from a saved program (or template). */
export function itemsFromProgram(items: ProgramItem[]): DraftItem[] {
  return items.map((item) => ({
    key: item.id,
    id: item.id,
    exerciseId: item.exerciseId,
    title: item.exercise?.title ?? null,
    archived: item.exercise?.archived ?? false,
    sets: text(item.sets),
    reps: text(item.reps),
    holdSeconds: text(item.holdSeconds),
    restSeconds: text(item.restSeconds),
    timesPerDay: text(item.timesPerDay),
    daysPerWeek: text(item.daysPerWeek),
    side: item.side ?? '',
    load: item.load ?? '',
    notes: item.notes ?? '',
  }));
}

/** The list with the item at `index` moved by `delta` places; unchanged when that leaves the list. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Empty is null; a non-number is sent as typed, so the server names the field's problem. */
function numberField(value: string): number | null | string {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

export interface ProgramDraft {
  items: DraftItem[];
  educationIds: string[];
  outcomeMeasures: string[];
  note: string | null;
}

export function draftFromProgram(program: Program | null): ProgramDraft {
  if (!program) return { items: [], educationIds: [], outcomeMeasures: [], note: null };
  return {
    items: itemsFromProgram(program.items),
    educationIds: [...program.educationIds],
    outcomeMeasures: [...program.outcomeMeasures],
    note: program.note,
  };
}

/** The body of PUT /api/v1/clients/:id/program. */
export function programBody(draft: ProgramDraft) {
  return {
    items: draft.items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      exerciseId: item.exerciseId,
      sets: numberField(item.sets),
      reps: numberField(item.reps),
      holdSeconds: numberField(item.holdSeconds),
      restSeconds: numberField(item.restSeconds),
      timesPerDay: numberField(item.timesPerDay),
      daysPerWeek: numberField(item.daysPerWeek),
      side: item.side === '' ? null : item.side,
      load: item.load.trim() === '' ? null : item.load.trim(),
      notes: item.notes.trim() === '' ? null : item.notes.trim(),
    })),
    educationIds: draft.educationIds,
    outcomeMeasures: draft.outcomeMeasures,
    note: draft.note,
  };
}

/** The access code as people read it: two groups of five letters. */
export function formatAccessCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)} ${code.slice(5)}` : code;
}
