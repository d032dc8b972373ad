import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import { practitioners, programTemplates } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type TemplateRow = typeof programTemplates.$inferSelect;

const withOwner = {
  template: programTemplates,
  ownerFirstName: practitioners.firstName,
  ownerLastName: practitioners.lastName,
};
const ownerJoin = and(
  eq(practitioners.id, programTemplates.ownerId),
  eq(practitioners.practiceId, programTemplates.practiceId),
);

/** Shared templates and the member's own; an integration (no member) sees the shared ones. */
function visibleTo(practiceId: string, practitionerId: string | null): SQL | undefined {
  const own = practitionerId === null ? undefined : eq(programTemplates.ownerId, practitionerId);
  return and(eq(programTemplates.practiceId, practiceId), or(eq(programTemplates.shared, true), own));
}

export function listVisibleTemplates(tx: Tx, practiceId: string, practitionerId: string | null) {
  return tx
    .select(withOwner)
    .from(programTemplates)
    .leftJoin(practitioners, ownerJoin)
    .where(visibleTo(practiceId, practitionerId))
    .orderBy(asc(programTemplates.name), asc(programTemplates.id));
}

export async function findVisibleTemplate(
  tx: Tx,
  practiceId: string,
  practitionerId: string | null,
  id: string,
) {
  const [row] = await tx
    .select(withOwner)
    .from(programTemplates)
    .leftJoin(practitioners, ownerJoin)
    .where(and(visibleTo(practiceId, practitionerId), eq(programTemplates.id, id)))
    .limit(1);
  return row;
}

export async function insertTemplate(tx: Tx, row: typeof programTemplates.$inferInsert) {
  await tx.insert(programTemplates).values(row);
}

export async function updateTemplate(
  tx: Tx,
  practiceId: string,
  id: string,
  changes: Partial<Omit<typeof programTemplates.$inferInsert, 'id' | 'practiceId' | 'ownerId' | 'createdAt'>>,
) {
  await tx
    .update(programTemplates)
    .set(changes)
    .where(and(eq(programTemplates.practiceId, practiceId), eq(programTemplates.id, id)));
}

export async function deleteTemplate(tx: Tx, practiceId: string, id: string) {
  await tx
    .delete(programTemplates)
    .where(and(eq(programTemplates.practiceId, practiceId), eq(programTemplates.id, id)));
}
