import { eq, sql } from 'drizzle-orm';
import { practices } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type PracticeRow = typeof practices.$inferSelect;

export async function insertPractice(tx: Tx, practice: typeof practices.$inferInsert): Promise<PracticeRow> {
  const [row] = await tx.insert(practices).values(practice).returning();
  if (!row) throw new Error('insert returned no practice');
  return row;
}

/** Row-level security already limits this to the transaction's practice; the filter says it twice. */
export async function findPracticeById(tx: Tx, id: string): Promise<PracticeRow | undefined> {
  const [row] = await tx.select().from(practices).where(eq(practices.id, id)).limit(1);
  return row;
}

export async function updatePractice(
  tx: Tx,
  id: string,
  changes: Partial<Pick<PracticeRow, 'name' | 'address' | 'state' | 'vatId' | 'mfaRequired'>>,
): Promise<PracticeRow | undefined> {
  const [row] = await tx
    .update(practices)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(practices.id, id))
    .returning();
  return row;
}

/**
 * Holds the practice's row until the transaction ends, so two changes to its members (two owners
 * demoting each other, say) are decided one after the other and cannot both pass the last-owner check.
 */
export async function lockPractice(tx: Tx, id: string): Promise<void> {
  await tx.select({ id: practices.id }).from(practices).where(eq(practices.id, id)).for('update');
}
