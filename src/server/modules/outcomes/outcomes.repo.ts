import { and, asc, desc, eq, isNull, lte, type SQL } from 'drizzle-orm';
import {
  customMeasures,
  instrumentContentPacks,
  outcomeAssignments,
  outcomeResponses,
} from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type CustomMeasureRow = typeof customMeasures.$inferSelect;
export type AssignmentRow = typeof outcomeAssignments.$inferSelect;
export type ResponseRow = typeof outcomeResponses.$inferSelect;
export type ContentPackRow = typeof instrumentContentPacks.$inferSelect;

/** Which measure a row is about: a shipped instrument's code, or a custom measure of the practice. */
export type MeasureKey = { code: string; customId: null } | { code: null; customId: string };

const assignmentOf = (key: MeasureKey): SQL | undefined =>
  key.customId === null
    ? eq(outcomeAssignments.measureCode, key.code)
    : eq(outcomeAssignments.customMeasureId, key.customId);
const responseOf = (key: MeasureKey): SQL | undefined =>
  key.customId === null
    ? eq(outcomeResponses.measureCode, key.code)
    : eq(outcomeResponses.customMeasureId, key.customId);

// Custom measures.

export async function insertCustomMeasure(tx: Tx, row: typeof customMeasures.$inferInsert) {
  await tx.insert(customMeasures).values(row);
}

export async function findCustomMeasure(tx: Tx, practiceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(customMeasures)
    .where(and(eq(customMeasures.practiceId, practiceId), eq(customMeasures.id, id)))
    .limit(1);
  return row;
}

export async function listCustomMeasures(tx: Tx, practiceId: string, includeArchived: boolean) {
  return tx
    .select()
    .from(customMeasures)
    .where(
      and(
        eq(customMeasures.practiceId, practiceId),
        includeArchived ? undefined : isNull(customMeasures.archivedAt),
      ),
    )
    .orderBy(asc(customMeasures.name), asc(customMeasures.id));
}

export async function updateCustomMeasure(
  tx: Tx,
  measure: { id: string; practiceId: string },
  values: Partial<Pick<CustomMeasureRow, 'name' | 'definition' | 'updatedAt' | 'archivedAt'>>,
) {
  await tx
    .update(customMeasures)
    .set(values)
    .where(and(eq(customMeasures.practiceId, measure.practiceId), eq(customMeasures.id, measure.id)));
}

// Assignments.

export async function insertAssignment(tx: Tx, row: typeof outcomeAssignments.$inferInsert) {
  await tx.insert(outcomeAssignments).values(row);
}

export async function findAssignment(tx: Tx, practiceId: string, clientId: string, id: string) {
  const [row] = await tx
    .select()
    .from(outcomeAssignments)
    .where(
      and(
        eq(outcomeAssignments.practiceId, practiceId),
        eq(outcomeAssignments.clientId, clientId),
        eq(outcomeAssignments.id, id),
      ),
    )
    .limit(1);
  return row;
}

/** The client's assignments, the running ones first, each group oldest first. */
export async function listAssignments(tx: Tx, practiceId: string, clientId: string, activeOnly: boolean) {
  return tx
    .select()
    .from(outcomeAssignments)
    .where(
      and(
        eq(outcomeAssignments.practiceId, practiceId),
        eq(outcomeAssignments.clientId, clientId),
        activeOnly ? isNull(outcomeAssignments.endedAt) : undefined,
      ),
    )
    .orderBy(desc(isNull(outcomeAssignments.endedAt)), asc(outcomeAssignments.createdAt));
}

/** The client's running assignments of one measure (due first), locked: a response advances one. */
export async function activeAssignmentsOf(tx: Tx, practiceId: string, clientId: string, key: MeasureKey) {
  return tx
    .select()
    .from(outcomeAssignments)
    .where(
      and(
        eq(outcomeAssignments.practiceId, practiceId),
        eq(outcomeAssignments.clientId, clientId),
        isNull(outcomeAssignments.endedAt),
        assignmentOf(key),
      ),
    )
    .orderBy(asc(outcomeAssignments.nextDueAt), asc(outcomeAssignments.createdAt))
    .for('update');
}

/** The client's running assignments due by a moment. */
export async function dueAssignments(tx: Tx, practiceId: string, clientId: string, by: Date) {
  return tx
    .select()
    .from(outcomeAssignments)
    .where(
      and(
        eq(outcomeAssignments.practiceId, practiceId),
        eq(outcomeAssignments.clientId, clientId),
        isNull(outcomeAssignments.endedAt),
        lte(outcomeAssignments.nextDueAt, by),
      ),
    )
    .orderBy(asc(outcomeAssignments.nextDueAt), asc(outcomeAssignments.createdAt));
}

export async function updateAssignment(
  tx: Tx,
  assignment: { id: string; practiceId: string },
  values: Partial<Pick<AssignmentRow, 'nextDueAt' | 'endedAt' | 'endedBy'>>,
) {
  await tx
    .update(outcomeAssignments)
    .set(values)
    .where(
      and(eq(outcomeAssignments.practiceId, assignment.practiceId), eq(outcomeAssignments.id, assignment.id)),
    );
}

// Responses.

export async function insertResponse(tx: Tx, row: typeof outcomeResponses.$inferInsert) {
  await tx.insert(outcomeResponses).values(row);
}

/** The client's responses, oldest first; of one measure when a key is given. */
export async function listResponses(tx: Tx, practiceId: string, clientId: string, key?: MeasureKey) {
  return tx
    .select()
    .from(outcomeResponses)
    .where(
      and(
        eq(outcomeResponses.practiceId, practiceId),
        eq(outcomeResponses.clientId, clientId),
        key ? responseOf(key) : undefined,
      ),
    )
    .orderBy(asc(outcomeResponses.takenAt), asc(outcomeResponses.createdAt));
}

export async function customMeasureHasResponses(tx: Tx, practiceId: string, id: string) {
  const rows = await tx
    .select({ id: outcomeResponses.id })
    .from(outcomeResponses)
    .where(and(eq(outcomeResponses.practiceId, practiceId), eq(outcomeResponses.customMeasureId, id)))
    .limit(1);
  return rows.length > 0;
}

// Content packs (deployment-wide).

/** The installed packs of the given instruments, or of all when none are named. */
export async function listContentPacks(tx: Tx, instrument?: string) {
  return tx
    .select()
    .from(instrumentContentPacks)
    .where(instrument === undefined ? undefined : eq(instrumentContentPacks.instrument, instrument))
    .orderBy(asc(instrumentContentPacks.instrument), asc(instrumentContentPacks.language));
}

/** Stores a pack, replacing an earlier one of the same instrument and language. */
export async function upsertContentPack(tx: Tx, row: typeof instrumentContentPacks.$inferInsert) {
  await tx
    .insert(instrumentContentPacks)
    .values(row)
    .onConflictDoUpdate({
      target: [instrumentContentPacks.instrument, instrumentContentPacks.language],
      set: {
        version: row.version,
        licenceHolder: row.licenceHolder,
        licenceTerms: row.licenceTerms,
        pack: row.pack,
        importedAt: row.importedAt ?? new Date(),
      },
    });
}
