import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { exerciseMedia, exercises, exerciseTexts } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type ExerciseRow = typeof exercises.$inferSelect;
export type ExerciseChanges = Partial<
  Omit<typeof exercises.$inferInsert, 'id' | 'practiceId' | 'slug' | 'createdBy' | 'createdAt'>
>;
export type MediaRow = typeof exerciseMedia.$inferSelect;
export type ExerciseTextRow = Pick<
  typeof exerciseTexts.$inferSelect,
  'language' | 'title' | 'description' | 'instructions' | 'keywords'
>;

export async function insertExercise(tx: Tx, row: typeof exercises.$inferInsert): Promise<ExerciseRow> {
  const [inserted] = await tx.insert(exercises).values(row).returning();
  if (!inserted) throw new Error('insert returned no exercise');
  return inserted;
}

/** An exercise the practice sees: the shipped library's or its own (archived ones included). */
export async function findVisibleExercise(
  tx: Tx,
  practiceId: string,
  id: string,
): Promise<ExerciseRow | undefined> {
  const [row] = await tx
    .select()
    .from(exercises)
    .where(and(eq(exercises.id, id), or(isNull(exercises.practiceId), eq(exercises.practiceId, practiceId))))
    .limit(1);
  return row;
}

/** Changes one of the practice's own exercises. */
export async function updateExercise(
  tx: Tx,
  practiceId: string,
  id: string,
  changes: ExerciseChanges,
): Promise<ExerciseRow> {
  const [row] = await tx
    .update(exercises)
    .set(changes)
    .where(and(eq(exercises.id, id), eq(exercises.practiceId, practiceId)))
    .returning();
  if (!row) throw new Error('update returned no exercise');
  return row;
}

/** The exercise's texts in every language it has. */
export function listExerciseTexts(tx: Tx, exerciseId: string): Promise<ExerciseTextRow[]> {
  return tx
    .select({
      language: exerciseTexts.language,
      title: exerciseTexts.title,
      description: exerciseTexts.description,
      instructions: exerciseTexts.instructions,
      keywords: exerciseTexts.keywords,
    })
    .from(exerciseTexts)
    .where(eq(exerciseTexts.exerciseId, exerciseId))
    .orderBy(asc(exerciseTexts.language));
}

export async function insertMedia(tx: Tx, row: typeof exerciseMedia.$inferInsert): Promise<MediaRow> {
  const [inserted] = await tx.insert(exerciseMedia).values(row).returning();
  if (!inserted) throw new Error('insert returned no media');
  return inserted;
}

/** The practice's media of one exercise, in their order. */
export function listMedia(tx: Tx, practiceId: string, exerciseId: string): Promise<MediaRow[]> {
  return tx
    .select()
    .from(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), eq(exerciseMedia.exerciseId, exerciseId)))
    .orderBy(asc(exerciseMedia.sortOrder), asc(exerciseMedia.createdAt));
}

/** The place after the practice's last media item of the exercise. */
export async function nextMediaSortOrder(tx: Tx, practiceId: string, exerciseId: string): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${exerciseMedia.sortOrder}) + 1, 0)::int` })
    .from(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), eq(exerciseMedia.exerciseId, exerciseId)));
  return row?.next ?? 0;
}

export async function findMedia(tx: Tx, practiceId: string, id: string): Promise<MediaRow | undefined> {
  const [row] = await tx
    .select()
    .from(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), eq(exerciseMedia.id, id)))
    .limit(1);
  return row;
}

/** The practice's first image of the exercise in media order (the exercise's thumbnail), if any. */
export async function findFirstImage(
  tx: Tx,
  practiceId: string,
  exerciseId: string,
): Promise<MediaRow | undefined> {
  const [row] = await tx
    .select()
    .from(exerciseMedia)
    .where(
      and(
        eq(exerciseMedia.practiceId, practiceId),
        eq(exerciseMedia.exerciseId, exerciseId),
        eq(exerciseMedia.kind, 'image'),
      ),
    )
    .orderBy(asc(exerciseMedia.sortOrder), asc(exerciseMedia.createdAt), asc(exerciseMedia.id))
    .limit(1);
  return row;
}

/** Removes one of the practice's media rows; answers it, or undefined when there was none. */
export async function deleteMedia(tx: Tx, practiceId: string, id: string): Promise<MediaRow | undefined> {
  const [row] = await tx
    .delete(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), eq(exerciseMedia.id, id)))
    .returning();
  return row;
}
