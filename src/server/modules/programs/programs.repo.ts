import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  accessCodes,
  educationArticles,
  practices,
  practitioners,
  programs,
  programVersions,
} from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

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

/** Every item id the program has had in any version: an item sent back with one of them keeps it. */
export async function listProgramItemIds(tx: Tx, practiceId: string, programId: string) {
  const rows = await tx
    .select({ content: programVersions.content })
    .from(programVersions)
    .where(and(eq(programVersions.practiceId, practiceId), eq(programVersions.programId, programId)));
  return new Set(rows.flatMap((row) => row.content.items.map((item) => item.id)));
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

/** Titles of education articles by id, in the language asked for, else English, else any. */
export async function findEducationTitles(tx: Tx, practiceId: string, ids: string[], language: 'en' | 'de') {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await queryRows<{ id: string; title: string }>(
    tx,
    sql`select a.id, t.title from education_articles a cross join lateral (
          select x.title from education_texts x where x.article_id = a.id
          order by (x.language = ${language}) desc, (x.language = 'en') desc, x.language limit 1) t
        where a.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and (a.practice_id is null or a.practice_id = ${practiceId}::uuid)`,
  );
  return new Map(rows.map((row) => [row.id, row.title]));
}

/**
 * The first image of each exercise that may be shown to this client: the practice's own media, never
 * one featuring another client.
 */
export async function findFirstImages(tx: Tx, practiceId: string, clientId: string, exerciseIds: string[]) {
  if (exerciseIds.length === 0) return new Map<string, { id: string; contentType: string }>();
  const rows = await queryRows<{ exerciseId: string; id: string; contentType: string }>(
    tx,
    sql`select distinct on (m.exercise_id) m.exercise_id as "exerciseId", m.id, m.content_type as "contentType"
        from exercise_media m
        where m.practice_id = ${practiceId}::uuid and m.kind = 'image'
          and (m.featured_client_id is null or m.featured_client_id = ${clientId}::uuid)
          and m.exercise_id in (${sql.join(
            exerciseIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        order by m.exercise_id, m.sort_order, m.created_at, m.id`,
  );
  return new Map(rows.map((row) => [row.exerciseId, { id: row.id, contentType: row.contentType }]));
}

export async function findPracticeName(tx: Tx, practiceId: string): Promise<string> {
  const [row] = await tx
    .select({ name: practices.name })
    .from(practices)
    .where(eq(practices.id, practiceId))
    .limit(1);
  if (!row) throw new Error('the caller’s practice was not found');
  return row.name;
}
