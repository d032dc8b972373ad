import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import {
  accessCodes,
  educationArticles,
  exercises,
  exerciseTexts,
  practitioners,
  programs,
  programVersions,
} from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type ProgramRow = typeof programs.$inferSelect;
export type ProgramVersionRow = typeof programVersions.$inferSelect;
export type AccessCodeRow = typeof accessCodes.$inferSelect;

export async function findProgram(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select()
    .from(programs)
    .where(and(eq(programs.practiceId, practiceId), eq(programs.clientId, clientId)))
    .limit(1);
  return row;
}

export async function insertProgram(tx: Tx, row: typeof programs.$inferInsert): Promise<ProgramRow> {
  const [inserted] = await tx.insert(programs).values(row).returning();
  if (!inserted) throw new Error('insert returned no program');
  return inserted;
}

export async function moveProgramTo(tx: Tx, programId: string, version: number, at: Date) {
  await tx.update(programs).set({ currentVersion: version, updatedAt: at }).where(eq(programs.id, programId));
}

export async function insertProgramVersion(tx: Tx, row: typeof programVersions.$inferInsert) {
  await tx.insert(programVersions).values(row);
}

const versionColumns = {
  version: programVersions,
  creatorFirstName: practitioners.firstName,
  creatorLastName: practitioners.lastName,
};
const creatorJoin = and(
  eq(practitioners.id, programVersions.createdBy),
  eq(practitioners.practiceId, programVersions.practiceId),
);

/** One version of a program with the name of whoever saved it. */
export async function findProgramVersion(tx: Tx, practiceId: string, programId: string, version: number) {
  const [row] = await tx
    .select(versionColumns)
    .from(programVersions)
    .leftJoin(practitioners, creatorJoin)
    .where(
      and(
        eq(programVersions.practiceId, practiceId),
        eq(programVersions.programId, programId),
        eq(programVersions.version, version),
      ),
    )
    .limit(1);
  return row;
}

/** Every version of a program, newest first. */
export function listProgramVersions(tx: Tx, practiceId: string, programId: string) {
  return tx
    .select(versionColumns)
    .from(programVersions)
    .leftJoin(practitioners, creatorJoin)
    .where(and(eq(programVersions.practiceId, practiceId), eq(programVersions.programId, programId)))
    .orderBy(desc(programVersions.version));
}

export async function findAccessCode(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select()
    .from(accessCodes)
    .where(and(eq(accessCodes.practiceId, practiceId), eq(accessCodes.clientId, clientId)))
    .limit(1);
  return row;
}

export async function insertAccessCode(tx: Tx, row: typeof accessCodes.$inferInsert) {
  await tx.insert(accessCodes).values(row);
}

/** Replaces the code and its index in place: the old code's index is gone with it. */
export async function replaceAccessCode(
  tx: Tx,
  id: string,
  values: Pick<AccessCodeRow, 'code' | 'codeIndex' | 'rotatedAt'>,
) {
  await tx.update(accessCodes).set(values).where(eq(accessCodes.id, id));
}

/** System role: the client behind an access code's blind index, in whichever practice. */
export async function findAccessCodeByIndex(tx: Tx, codeIndex: string) {
  const [row] = await tx
    .select({ practiceId: accessCodes.practiceId, clientId: accessCodes.clientId })
    .from(accessCodes)
    .where(eq(accessCodes.codeIndex, codeIndex))
    .limit(1);
  return row;
}

/** Exercises the practice can see (the library's and its own), with their texts in every language. */
export function findVisibleExercises(tx: Tx, practiceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select({
      id: exercises.id,
      practiceId: exercises.practiceId,
      bodyRegion: exercises.bodyRegion,
      equipment: exercises.equipment,
      position: exercises.position,
      difficulty: exercises.difficulty,
      featuredClientId: exercises.featuredClientId,
      archivedAt: exercises.archivedAt,
      language: exerciseTexts.language,
      title: exerciseTexts.title,
      description: exerciseTexts.description,
    })
    .from(exercises)
    .leftJoin(exerciseTexts, eq(exerciseTexts.exerciseId, exercises.id))
    .where(
      and(inArray(exercises.id, ids), or(isNull(exercises.practiceId), eq(exercises.practiceId, practiceId))),
    );
}

/** Of these education articles, the ids the practice can see. */
export async function findVisibleEducationIds(tx: Tx, practiceId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx
    .select({ id: educationArticles.id })
    .from(educationArticles)
    .where(
      and(
        inArray(educationArticles.id, ids),
        or(isNull(educationArticles.practiceId), eq(educationArticles.practiceId, practiceId)),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/** The language a practitioner chose for the app, for exercise texts when a request names none. */
export async function findPreferredLanguage(
  tx: Tx,
  practitionerId: string,
): Promise<'en' | 'de' | undefined> {
  const [row] = await tx
    .select({ preferences: practitioners.preferences })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId))
    .limit(1);
  return row?.preferences.language;
}
